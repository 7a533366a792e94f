/**
 * What a sweep chart draws for one metric: the first parameter's values along x, and its lines:
 * one for the metric; one per target CPU for a per-CPU metric (CPU busy, latency); with a second
 * parameter, one per value of it (per-CPU metrics then draw the worst target, as the metric's own
 * value is). A value is null where a point failed, is still to come, or has no such figure.
 */
import { sweepParam } from '../../sweep/sweepParams';
import type { SweepMetric } from '../../sweep/sweepMetrics';
import type { SweepAxis, SweepVary } from '../../sweep/sweepSpec';
import { parseDecimal, parseRate, parseWholeNumber } from '../../scenario/units';
import type { PointResult } from './sweepRun';

/** How x is laid out: a log axis for values that grow by a factor, a linear one, or one place per word. */
export type XScaleKind = 'log' | 'linear' | 'point';

export interface ChartLine {
  /** Legend text: the metric, "CPU 4", or "targets=2". */
  label: string;
  /** The target CPU a per-CPU line is about (its colour), else null. */
  cpu: number | null;
  /** By x: the point's index among the sweep's points, and the value there. */
  at: { point: number; value: number | null }[];
}

export interface SweepChartData {
  param: string;
  /** The first parameter's values as written, and where they sit on x. */
  xs: { label: string; x: number }[];
  scale: XScaleKind;
  lines: ChartLine[];
}

/** Where each value of `axis` sits on x (its number; a word's place in the list). */
function positions(axis: SweepAxis): { xs: { label: string; x: number }[]; numeric: boolean } {
  const kind = sweepParam(axis.param)?.kind ?? 'word';
  const parse = kind === 'rate' ? parseRate : kind === 'decimal' ? parseDecimal : kind === 'whole' ? parseWholeNumber : null;
  const numbers = parse === null ? [] : axis.values.map(parse);
  const numeric = numbers.length > 0 && numbers.every((n) => n !== null);
  return { xs: axis.values.map((label, i) => ({ label, x: numeric ? (numbers[i] as number) : i })), numeric };
}

/** Log when the values grow by a factor: above 0, each about the same multiple (1.5 or more) of the one before (32, 64, 128...). */
export function xScaleKind(xs: readonly number[], numeric: boolean): XScaleKind {
  if (!numeric) return 'point';
  if (xs.length < 3 || xs[0] <= 0) return 'linear';
  const ratios = xs.slice(1).map((x, i) => x / xs[i]);
  const low = Math.min(...ratios);
  return low >= 1.5 && Math.max(...ratios) <= low * 1.1 ? 'log' : 'linear';
}

export function sweepChartData(
  axes: readonly SweepAxis[],
  points: readonly SweepVary[],
  results: readonly (PointResult | null)[],
  metric: SweepMetric,
): SweepChartData {
  const [first, second] = axes;
  const { xs, numeric } = positions(first);
  const scale = xScaleKind(
    xs.map((p) => p.x),
    numeric,
  );
  const report = (point: number) => {
    const r = results[point];
    return r !== null && r !== undefined && r.ok ? r.report : null;
  };
  const valueAt = (point: number): number | null => {
    const r = report(point);
    return r === null ? null : metric.value(r);
  };
  let lines: ChartLine[];
  if (second !== undefined) {
    // Points run the first parameter slowest: point = x * (values of the second) + line.
    const n = second.values.length;
    lines = second.values.map((v, j) => ({
      label: `${second.param}=${v}`,
      cpu: null,
      at: xs.map((_, i) => ({ point: i * n + j, value: valueAt(i * n + j) })),
    }));
  } else if (metric.perCpu !== undefined) {
    const perCpu = metric.perCpu;
    const byPoint = points.map((_, i) => {
      const r = report(i);
      return new Map(r === null ? [] : perCpu(r).map((c) => [c.cpu, c.value]));
    });
    const cpus = [...new Set(byPoint.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    lines = cpus.map((cpu) => ({
      label: `CPU ${cpu}`,
      cpu,
      at: xs.map((_, i) => ({ point: i, value: byPoint[i].get(cpu) ?? null })),
    }));
  } else {
    lines = [{ label: metric.label, cpu: null, at: xs.map((_, i) => ({ point: i, value: valueAt(i) })) }];
  }
  return { param: first.param, xs, scale, lines };
}

/** The largest value drawn (0 when there is none). */
export function topValue(data: SweepChartData): number {
  let top = 0;
  for (const l of data.lines) for (const a of l.at) if (a.value !== null && a.value > top) top = a.value;
  return top;
}

/** Whether any line has a value to draw. */
export function hasValues(data: SweepChartData): boolean {
  return data.lines.some((l) => l.at.some((a) => a.value !== null));
}
