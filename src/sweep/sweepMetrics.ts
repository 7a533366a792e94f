/**
 * The figures a sweep plots and tabulates, each read from a point's report (the CLI's --json
 * object). Totals are summed over CPUs; latency is the worst target's; CPU busy is per target.
 */
import type { RunReport } from '../cli/report';
import type { CpuLatency } from '../engine/stats/latency';

export interface SweepMetric {
  id: string;
  /** Column and axis label. */
  label: string;
  /** How values read: packets per second, a plain number, a share of time or nanoseconds. */
  unit: 'pps' | 'number' | 'share' | 'ns';
  /** Losses: the answer to "the smallest X with none of it" is asked of these. */
  loss?: true;
  /** The figure, or null when the point has none (no frame reached a target). */
  value(report: RunReport): number | null;
  /** Per target CPU (CPU busy, latency), for a chart with a line per CPU. */
  perCpu?(report: RunReport): { cpu: number; value: number | null }[];
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function worst(rows: readonly CpuLatency[], pick: (r: CpuLatency) => number | null): number | null {
  const values = rows.map(pick).filter((v): v is number => v !== null);
  return values.length === 0 ? null : Math.max(...values);
}

/** The target CPUs of a report: those its kthread rows name. */
function targetCpus(r: RunReport): number[] {
  return r.kthread.map((k) => k.cpu);
}

export const SWEEP_METRICS: readonly SweepMetric[] = [
  { id: 'kthreadPps', label: 'kthread pps', unit: 'pps', value: (r) => sum(r.kthread.map((k) => k.pps)) },
  { id: 'ringFullPps', label: 'ring-full drops/s', unit: 'pps', loss: true, value: (r) => sum(r.enqueue.map((e) => e.dropPps)) },
  { id: 'nicDropPps', label: 'NIC drops/s', unit: 'pps', loss: true, value: (r) => sum(r.rx.map((x) => x.nicDropPps)) },
  { id: 'redirectErrPps', label: 'redirect errors/s', unit: 'pps', loss: true, value: (r) => r.redirectErrPps },
  {
    id: 'lossPps',
    label: 'lost frames/s',
    unit: 'pps',
    loss: true,
    value: (r) => sum(r.enqueue.map((e) => e.dropPps)) + sum(r.rx.map((x) => x.nicDropPps)) + r.redirectErrPps,
  },
  {
    id: 'bulkAvg',
    label: 'bulk-avg',
    unit: 'number',
    // Frames per flush over all pairs: total frames over total flushes.
    value: (r) => {
      const flushes = sum(r.enqueue.map((e) => (e.bulkAvg > 0 ? e.pps / e.bulkAvg : 0)));
      return flushes > 0 ? sum(r.enqueue.map((e) => e.pps)) / flushes : null;
    },
  },
  { id: 'schedPps', label: 'sched/s', unit: 'pps', value: (r) => sum(r.kthread.map((k) => k.schedPps)) },
  {
    id: 'targetBusy',
    label: 'target CPU busy',
    unit: 'share',
    value: (r) => {
      const rows = r.headroom.filter((h) => targetCpus(r).includes(h.cpu));
      return rows.length === 0 ? null : Math.max(...rows.map((h) => 1 - h.idle));
    },
    perCpu: (r) =>
      targetCpus(r).map((cpu) => {
        const h = r.headroom.find((x) => x.cpu === cpu);
        return { cpu, value: h === undefined ? null : 1 - h.idle };
      }),
  },
  {
    id: 'latencyP50',
    label: 'latency p50',
    unit: 'ns',
    value: (r) => worst(r.latency, (l) => l.p50),
    perCpu: (r) => r.latency.map((l) => ({ cpu: l.cpu, value: l.p50 })),
  },
  {
    id: 'latencyP99',
    label: 'latency p99',
    unit: 'ns',
    value: (r) => worst(r.latency, (l) => l.p99),
    perCpu: (r) => r.latency.map((l) => ({ cpu: l.cpu, value: l.p99 })),
  },
];

const BY_ID = new Map(SWEEP_METRICS.map((m) => [m.id, m]));

export function sweepMetric(id: string): SweepMetric | undefined {
  return BY_ID.get(id);
}

/** Every metric's value for one report, by id. */
export function metricValues(report: RunReport): Record<string, number | null> {
  return Object.fromEntries(SWEEP_METRICS.map((m) => [m.id, m.value(report)]));
}
