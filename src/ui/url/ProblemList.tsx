/**
 * The problems of a link notice (the single view's and the side-by-side page's): text only,
 * nothing from the address is ever rendered as HTML; past the first ones, named by parameter.
 */
import type { ScenarioProblem } from '../../scenario/types';
import { summarizeProblems } from './problemSummary';

export function ProblemList({ problems }: { problems: readonly ScenarioProblem[] }) {
  const { listed, more } = summarizeProblems(problems);
  return (
    <>
      <ul>
        {listed.map((p, i) => (
          <li key={i}>{p.message}</li>
        ))}
      </ul>
      {more !== null && <p className="problems-more">{more}</p>}
    </>
  );
}
