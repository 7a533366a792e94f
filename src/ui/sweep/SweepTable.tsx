/**
 * The sweep's points, one row each in list order: the values varied, every metric (per-CPU ones
 * as the worst target), and a link that opens the point as its own scenario. A point that could
 * not run says why in its row; the row that answers the question is marked.
 */
import { describeVary } from '../../sweep/pointScenario';
import { SWEEP_METRICS } from '../../sweep/sweepMetrics';
import type { SweepAxis, SweepVary } from '../../sweep/sweepSpec';
import { formatMetric } from './formatMetric';
import type { PointResult } from './sweepRun';

export interface SweepTableProps {
  axes: readonly SweepAxis[];
  points: readonly SweepVary[];
  queries: readonly (string | null)[];
  results: readonly (PointResult | null)[];
  /** Points that answer the question. */
  answers: ReadonlySet<number>;
  /** What a point still to come is waiting for: "running" or "cancelled". */
  pending: string;
}

export function SweepTable({ axes, points, queries, results, answers, pending }: SweepTableProps) {
  const span = SWEEP_METRICS.length;
  return (
    <div className="sweep-table">
      <table>
        <caption>One row per point, in the order of the list</caption>
        <thead>
          <tr>
            {axes.map((a) => (
              <th key={a.param} scope="col">
                {a.param}
              </th>
            ))}
            {SWEEP_METRICS.map((m) => (
              <th key={m.id} scope="col" className="num">
                {m.label}
              </th>
            ))}
            <th scope="col">scenario</th>
          </tr>
        </thead>
        <tbody>
          {points.map((vary, i) => {
            const result = results[i];
            const query = queries[i];
            const answer = answers.has(i);
            return (
              <tr key={i} className={answer ? 'sweep-answer-row' : undefined}>
                {axes.map((a, j) => (
                  <th key={a.param} scope="row">
                    {vary[a.param]}
                    {answer && j === 0 ? <span className="sweep-badge">answer</span> : null}
                  </th>
                ))}
                {result === null || result === undefined ? (
                  <td colSpan={span} className="sweep-pending">
                    {pending}
                  </td>
                ) : result.ok ? (
                  SWEEP_METRICS.map((m) => (
                    <td key={m.id} className="num">
                      {formatMetric(m, m.value(result.report))}
                    </td>
                  ))
                ) : (
                  <td colSpan={span} className="sweep-error">
                    {result.message}
                  </td>
                )}
                <td>
                  {query === null ? null : (
                    <a href={`?v=1&${query}`} target="_blank" rel="noopener" aria-label={`Open ${describeVary(vary)} as its own scenario`}>
                      Open
                    </a>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
