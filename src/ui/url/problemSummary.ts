/**
 * What a link notice shows of a link's problems: the first ones in full, and every other one
 * named by its parameter (with a count) in one line. A hostile link can have tens of thousands of
 * problems; listing each as an element made the page crawl, and naming them keeps every refused
 * parameter on screen.
 */
import { grouped } from '../../scenario/check';
import type { ScenarioProblem } from '../../scenario/types';

/** Problems listed in full. */
export const MAX_LISTED_PROBLEMS = 50;

export interface ProblemSummary {
  listed: readonly ScenarioProblem[];
  /** The rest, by parameter: `…and 3 more problems, in "a" ×2 and "b".`; null when all are listed. */
  more: string | null;
}

export function summarizeProblems(problems: readonly ScenarioProblem[]): ProblemSummary {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const rest = problems.length - listed.length;
  if (rest === 0) return { listed, more: null };
  const counts = new Map<string, number>();
  for (const p of problems.slice(MAX_LISTED_PROBLEMS)) counts.set(p.param, (counts.get(p.param) ?? 0) + 1);
  const names = [...counts].map(([param, n]) => (n === 1 ? JSON.stringify(param) : `${JSON.stringify(param)} ×${grouped(n)}`));
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return { listed, more: `…and ${grouped(rest)} more ${rest === 1 ? 'problem' : 'problems'}, in ${list}.` };
}
