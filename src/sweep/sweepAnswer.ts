/**
 * The question a sweep answers, said in a line: "smallest qsize with no ring-full drops: 256".
 * Asked along the first parameter (when it is a number) of a loss metric: the smallest value from
 * which on every larger value swept has none of it, so one lucky point does not answer. With a
 * second parameter there is one answer per value of it.
 */
import { sweepParam } from './sweepParams';
import type { SweepAxis, SweepVary } from './sweepSpec';
import type { SweepMetric } from './sweepMetrics';

export interface SweepAnswer {
  /** The line to show. */
  text: string;
  /** The point that answers it (its index among the sweep's points), or null when none does. */
  point: number | null;
}

export interface AnsweredPoint {
  vary: SweepVary;
  /** The metric's values by id (null for a point that failed or has none). */
  values: Record<string, number | null> | null;
}

/** The metric the question is about by default: ring-full drops for qsize, every loss otherwise. */
export function defaultAnswerMetric(axes: readonly SweepAxis[]): string {
  return axes[0]?.param === 'qsize' ? 'ringFullPps' : 'lossPps';
}

/** What "none of it" is called in the answer. */
function noneOf(metric: SweepMetric): string {
  return metric.id === 'ringFullPps' ? 'no ring-full drops' : metric.id === 'lossPps' ? 'no loss' : `no ${metric.label}`;
}

function answerAlong(
  axis: SweepAxis,
  metric: SweepMetric,
  points: readonly { index: number; p: AnsweredPoint }[],
  prefix: string,
): SweepAnswer {
  const name = `${prefix}smallest ${axis.param} with ${noneOf(metric)}`;
  if (points.some(({ p }) => p.values === null)) return { text: `${name}: unknown (a point failed)`, point: null };
  let first = points.length;
  while (first > 0 && points[first - 1].p.values?.[metric.id] === 0) first--;
  if (first === points.length)
    return { text: `${name}: none swept (the largest, ${points[points.length - 1].p.vary[axis.param]}, still has some)`, point: null };
  const at = points[first];
  return { text: `${name}: ${at.p.vary[axis.param]}`, point: at.index };
}

/** The answers of a finished sweep, or [] when the question does not apply (a metric that is not a loss, a word parameter). */
export function sweepAnswers(axes: readonly SweepAxis[], points: readonly AnsweredPoint[], metric: SweepMetric): SweepAnswer[] {
  const [first, second] = axes;
  if (first === undefined || !metric.loss || sweepParam(first.param)?.kind === 'word') return [];
  const indexed = points.map((p, index) => ({ index, p }));
  if (second === undefined) return [answerAlong(first, metric, indexed, '')];
  return second.values.map((v) =>
    answerAlong(
      first,
      metric,
      indexed.filter(({ p }) => p.vary[second.param] === v),
      `${second.param}=${v}: `,
    ),
  );
}
