/**
 * Interval statistics computed exactly as samples/bpf/xdp_redirect_cpu_user.c computes them from
 * its tracepoint counters: rates are deltas over the period; bulk-average is enqueued frames per
 * xdp_cpumap_enqueue event; the kthread's extra column is sched events per second.
 */
import { MAX_CPUS } from '../kernel/limits';
import type { TraceCounters } from '../kernel/tracepoints';

export interface RxRow {
  cpu: number;
  pps: number;
  dropPps: number;
  /** The program's "issue" counter: frames it could not send anywhere (XDP_ABORTED). */
  errPps: number;
}
export interface EnqueueRow {
  from: number;
  to: number;
  pps: number;
  dropPps: number;
  /** Frames per enqueue event; 0 when there were no events. */
  bulkAvg: number;
}
export interface EnqueueSumRow {
  to: number;
  pps: number;
  dropPps: number;
  bulkAvg: number;
}
export interface KthreadRow {
  cpu: number;
  pps: number;
  dropPps: number;
  schedPps: number;
}
/** 5.9+: an entry program's verdicts in the kthread, per second (the tool's "xdp-in-kthread" rows). */
export interface XdpInKthreadRow {
  cpu: number;
  passPps: number;
  dropPps: number;
  redirectPps: number;
}
export interface RateTotal {
  pps: number;
  dropPps: number;
}

/** One xdp_redirect_cpu report. Rows are listed only where the tool prints them (pps > 0). */
export interface RedirectCpuStats {
  periodNs: number;
  rx: RxRow[];
  rxTotal: RateTotal;
  enqueue: EnqueueRow[];
  enqueueSum: EnqueueSumRow[];
  kthread: KthreadRow[];
  kthreadTotal: KthreadRow;
  /** xdp_redirect_err / xdp_redirect_map_err: the tool counts them as "drops" only. */
  redirectErrTotal: RateTotal;
  exceptionTotal: RateTotal;
  /** Listed where any verdict is above 0, as the tool lists them. */
  xdpInKthread: XdpInKthreadRow[];
  xdpInKthreadTotal: XdpInKthreadRow;
}

/** Statistics for the interval between two counter snapshots `periodNs` apart. */
export function redirectCpuStats(prev: TraceCounters, cur: TraceCounters, periodNs: number, cpuCount: number): RedirectCpuStats {
  const perSec = periodNs > 0 ? 1e9 / periodNs : 0;
  const rate = (a: Float64Array, b: Float64Array, i: number): number => (b[i] - a[i]) * perSec;

  const rx: RxRow[] = [];
  let rxPps = 0;
  let rxDrop = 0;
  for (let cpu = 0; cpu < cpuCount; cpu++) {
    const pps = rate(prev.rxProcessed, cur.rxProcessed, cpu);
    const dropPps = rate(prev.rxDropped, cur.rxDropped, cpu);
    rxPps += pps;
    rxDrop += dropPps;
    if (pps > 0) rx.push({ cpu, pps, dropPps, errPps: rate(prev.exception, cur.exception, cpu) });
  }

  const enqueue: EnqueueRow[] = [];
  const enqueueSum: EnqueueSumRow[] = [];
  for (let to = 0; to < cpuCount; to++) {
    let sumPps = 0;
    let sumDrop = 0;
    let sumEvents = 0;
    for (let from = 0; from < cpuCount; from++) {
      const i = from * MAX_CPUS + to;
      const pps = rate(prev.enqProcessed, cur.enqProcessed, i);
      const dropPps = rate(prev.enqDrops, cur.enqDrops, i);
      const events = rate(prev.enqEvents, cur.enqEvents, i);
      sumPps += pps;
      sumDrop += dropPps;
      sumEvents += events;
      if (pps > 0) enqueue.push({ from, to, pps, dropPps, bulkAvg: events > 0 ? pps / events : 0 });
    }
    if (sumPps > 0) enqueueSum.push({ to, pps: sumPps, dropPps: sumDrop, bulkAvg: sumEvents > 0 ? sumPps / sumEvents : 0 });
  }

  const kthread: KthreadRow[] = [];
  const kthreadTotal: KthreadRow = { cpu: -1, pps: 0, dropPps: 0, schedPps: 0 };
  const xdpInKthread: XdpInKthreadRow[] = [];
  const xdpInKthreadTotal: XdpInKthreadRow = { cpu: -1, passPps: 0, dropPps: 0, redirectPps: 0 };
  for (let cpu = 0; cpu < cpuCount; cpu++) {
    const row = {
      cpu,
      pps: rate(prev.kthProcessed, cur.kthProcessed, cpu),
      dropPps: rate(prev.kthDrops, cur.kthDrops, cpu),
      schedPps: rate(prev.kthSched, cur.kthSched, cpu),
    };
    kthreadTotal.pps += row.pps;
    kthreadTotal.dropPps += row.dropPps;
    kthreadTotal.schedPps += row.schedPps;
    if (row.pps > 0) kthread.push(row);
    // The same tracepoint's entry-program verdicts (5.9+).
    const xdp = {
      cpu,
      passPps: rate(prev.kthXdpPass, cur.kthXdpPass, cpu),
      dropPps: rate(prev.kthXdpDrop, cur.kthXdpDrop, cpu),
      redirectPps: rate(prev.kthXdpRedirect, cur.kthXdpRedirect, cpu),
    };
    xdpInKthreadTotal.passPps += xdp.passPps;
    xdpInKthreadTotal.dropPps += xdp.dropPps;
    xdpInKthreadTotal.redirectPps += xdp.redirectPps;
    if (xdp.passPps > 0 || xdp.dropPps > 0 || xdp.redirectPps > 0) xdpInKthread.push(xdp);
  }

  let redirectErr = 0;
  let exception = 0;
  for (let cpu = 0; cpu < cpuCount; cpu++) {
    redirectErr += rate(prev.redirectErr, cur.redirectErr, cpu);
    exception += rate(prev.exception, cur.exception, cpu);
  }

  return {
    periodNs,
    rx,
    rxTotal: { pps: rxPps, dropPps: rxDrop },
    enqueue,
    enqueueSum,
    kthread,
    kthreadTotal,
    redirectErrTotal: { pps: 0, dropPps: redirectErr },
    exceptionTotal: { pps: 0, dropPps: exception },
    xdpInKthread,
    xdpInKthreadTotal,
  };
}
