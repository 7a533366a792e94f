/**
 * Time series for the statistics charts, shaped from the interval samples: one series per CPU
 * for each metric. The tool lists a row only while it has traffic, so a CPU missing from a sample
 * counts as 0 there (that is what the tool would have printed had it printed the row).
 */
import type { RedirectCpuStats } from '../../../engine/stats/redirectCpu';
import type { StatsSample } from '../../../worker/statsSampler';

/** What a chart plots. */
export type Metric = 'enqueuePps' | 'enqueueDrops' | 'bulkAvg' | 'kthreadPps' | 'kthreadDrops' | 'sched';

/** A chart's heading and the unit of its y axis. */
export interface MetricInfo {
  metric: Metric;
  title: string;
  unit: string;
  /** Whole-number rates get SI ticks ("14.7M"); the bulk-average gets decimals. */
  rate: boolean;
}

/** The charts, in display order. Enqueue metrics are per target CPU (the tool's sum rows). */
export const METRICS: readonly MetricInfo[] = [
  { metric: 'enqueuePps', title: 'Enqueue pps (by target CPU)', unit: 'frames/s', rate: true },
  { metric: 'enqueueDrops', title: 'Enqueue drops (by target CPU)', unit: 'drops/s', rate: true },
  { metric: 'bulkAvg', title: 'Bulk-average (by target CPU)', unit: 'frames per enqueue', rate: false },
  { metric: 'kthreadPps', title: 'Kthread pps', unit: 'frames/s', rate: true },
  { metric: 'kthreadDrops', title: 'Kthread drops', unit: 'drops/s', rate: true },
  { metric: 'sched', title: 'Kthread sched', unit: 'sched/s', rate: true },
];

/** One point: the end of an interval (simulated ns) and the metric's value over it. */
export interface Point {
  t: number;
  v: number;
}

/** One CPU's line. */
export interface Series {
  cpu: number;
  points: Point[];
}

/** Where each metric is read from: [cpu, value] for each CPU that has a row. */
const READ: Record<Metric, (s: RedirectCpuStats) => [number, number][]> = {
  enqueuePps: (s) => s.enqueueSum.map((r) => [r.to, r.pps]),
  enqueueDrops: (s) => s.enqueueSum.map((r) => [r.to, r.dropPps]),
  bulkAvg: (s) => s.enqueueSum.map((r) => [r.to, r.bulkAvg]),
  kthreadPps: (s) => s.kthread.map((r) => [r.cpu, r.pps]),
  kthreadDrops: (s) => s.kthread.map((r) => [r.cpu, r.dropPps]),
  sched: (s) => s.kthread.map((r) => [r.cpu, r.schedPps]),
};

/** The metric's value for each CPU that has a row in `s`. */
function values(s: RedirectCpuStats, metric: Metric): Map<number, number> {
  return new Map(READ[metric](s));
}

/** One series per CPU that appears in any of `samples`, ordered by CPU, one point per sample. */
export function buildSeries(samples: readonly StatsSample[], metric: Metric): Series[] {
  const perSample = samples.map((s) => values(s.stats, metric));
  const cpus = [...new Set(perSample.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  return cpus.map((cpu) => ({
    cpu,
    points: samples.map((s, i) => ({ t: s.endNs, v: perSample[i].get(cpu) ?? 0 })),
  }));
}

/** A time unit for an axis spanning up to `maxNs`: its name and ns per unit. */
export interface TimeUnit {
  name: string;
  ns: number;
}

/** The largest of ns, µs, ms, s in which `maxNs` is at least 1 (so ticks read "0.5 ms", not "500000 ns"). */
export function timeUnit(maxNs: number): TimeUnit {
  if (maxNs >= 1e9) return { name: 's', ns: 1e9 };
  if (maxNs >= 1e6) return { name: 'ms', ns: 1e6 };
  if (maxNs >= 1e3) return { name: 'µs', ns: 1e3 };
  return { name: 'ns', ns: 1 };
}
