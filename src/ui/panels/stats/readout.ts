/**
 * A chart's readout: the interval nearest a time on the chart and each CPU's value there, in
 * words ("interval ending at 2.000000 ms: CPU 4 3,180,074 frames/s").
 */
import { formatSimTime } from '../../format';
import type { MetricInfo, Series } from './series';

/** The times (interval ends) the chart has points at, ascending. */
export function pointTimes(series: readonly Series[]): number[] {
  const times = new Set<number>();
  for (const s of series) for (const p of s.points) times.add(p.t);
  return [...times].sort((a, b) => a - b);
}

/** The index in `times` nearest `t` (-1 when there are none). */
export function nearestIndex(times: readonly number[], t: number): number {
  let best = -1;
  for (let i = 0; i < times.length; i++) if (best < 0 || Math.abs(times[i] - t) < Math.abs(times[best] - t)) best = i;
  return best;
}

/** The readout at interval end `t`. */
export function readoutText(info: MetricInfo, series: readonly Series[], t: number): string {
  const value = (v: number) => (info.rate ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));
  const parts = series.map((s) => {
    const p = s.points.find((q) => q.t === t);
    return `CPU ${s.cpu} ${value(p?.v ?? 0)} ${info.unit}`;
  });
  return `interval ending at ${formatSimTime(t)}: ${parts.length === 0 ? 'no CPU has traffic' : parts.join(', ')}`;
}
