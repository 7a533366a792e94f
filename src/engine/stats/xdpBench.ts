/**
 * The figures `xdp-bench redirect-cpu` (xdp-tools) prints, per CPU and per second, from the same
 * tracepoints xdp_redirect_cpu reads. Rates are left unrounded here: the tool rounds each line's
 * count over the period itself (formatXdpBench does the same), so a total is the rounded sum of the
 * raw rates, not a sum of rounded lines.
 *
 * The tool's counters, in lib/util/xdp_sample.bpf.c and the program of xdp-bench/xdp_redirect_cpumap.bpf.c:
 * https://github.com/xdp-project/xdp-tools/blob/main/xdp-bench/xdp_redirect_cpumap.bpf.c
 * https://github.com/xdp-project/xdp-tools/blob/main/lib/util/xdp_sample.bpf.c
 */
import { MAX_CPUS } from '../kernel/limits';
import type { TraceCounters } from '../kernel/tracepoints';

/** `receive` (rx_cnt): the XDP program's own per-CPU counters on the receiving CPU. */
export interface XdpBenchRx {
  cpu: number;
  /** rx_cnt.processed: every frame the program saw (`pkt/s`). */
  pps: number;
  /** rx_cnt.dropped: frames the program itself returned XDP_DROP for (`drop/s`). */
  dropPps: number;
  /** rx_cnt.issue: frames it had no CPU to send to and returned XDP_ABORTED for (`error/s`). */
  errPps: number;
}

/** `enqueue to cpu N` / `cpu:A->N`: the xdp_cpumap_enqueue tracepoint, per source and target CPU. */
export interface XdpBenchEnqueue {
  from: number;
  to: number;
  /** Frames handed to the bulk flush (processed), including those the full ring dropped. */
  pps: number;
  /** Frames the full ptr_ring dropped (drops). */
  dropPps: number;
  /** Tracepoint hits with frames (the tool's `issue`): bulk-avg is pkt/s over this. */
  bulksPps: number;
}

/** `kthread` / `cpu:N` (sched) and `xdp_stats` (pass/drop/redir): the xdp_cpumap_kthread tracepoint. */
export interface XdpBenchKthread {
  cpu: number;
  /** Frames the kthread dequeued (processed). */
  pps: number;
  /** Its drops: SKBs the stack refused (NET_RX_DROP) in the modelled versions. */
  dropPps: number;
  /** Times it called schedule() (the tool adds `sched` to `issue`). */
  schedPps: number;
  /**
   * The per-entry program's verdicts on the remote CPU (xdp_stats, kernels 5.9+). Before 5.9, and
   * without entry programs, these are 0 and the tool leaves the xdp_stats lines out.
   */
  xdpPassPps: number;
  xdpDropPps: number;
  xdpRedirectPps: number;
}

/** The tool's error names for xdp_redirect_err / xdp_redirect_map_err (index 1 is "Unknown"). */
export const REDIRECT_ERR_NAMES = ['Unknown', 'EINVAL', 'ENETDOWN', 'EMSGSIZE', 'EOPNOTSUPP', 'ENOSPC'] as const;
/** The tool's names for xdp_exception's actions, in its order. */
export const EXCEPTION_ACTIONS = ['XDP_ABORTED', 'XDP_DROP', 'XDP_PASS', 'XDP_TX', 'XDP_REDIRECT', 'XDP_UNKNOWN'] as const;

export interface XdpBenchRedirectErr {
  err: (typeof REDIRECT_ERR_NAMES)[number];
  cpu: number;
  pps: number;
}
export interface XdpBenchException {
  action: (typeof EXCEPTION_ACTIONS)[number];
  cpu: number;
  pps: number;
}

/** One interval of `xdp-bench redirect-cpu`: only lines with a non-zero figure need be listed. */
export interface XdpBenchStats {
  /** The interface the program is attached to: the header is `<ifname>->?` (no redirect device). */
  ifname: string;
  /** CPUs the tool loops over for per-CPU lines (libbpf_num_possible_cpus). */
  cpus: number;
  rx: XdpBenchRx[];
  enqueue: XdpBenchEnqueue[];
  kthread: XdpBenchKthread[];
  redirectErr: XdpBenchRedirectErr[];
  exception: XdpBenchException[];
}

/** The interface name the CLI and the page print: the simulator has one NIC, and calls it this. */
export const XDP_BENCH_IFNAME = 'eth0';

/** The interval between two counter snapshots `periodNs` apart, as xdp-bench would count it. */
export function xdpBenchStats(
  prev: TraceCounters,
  cur: TraceCounters,
  periodNs: number,
  cpuCount: number,
  ifname = XDP_BENCH_IFNAME,
): XdpBenchStats {
  const perSec = periodNs > 0 ? 1e9 / periodNs : 0;
  const rate = (a: Float64Array, b: Float64Array, i: number): number => (b[i] - a[i]) * perSec;
  const out: XdpBenchStats = { ifname, cpus: cpuCount, rx: [], enqueue: [], kthread: [], redirectErr: [], exception: [] };
  for (let cpu = 0; cpu < cpuCount; cpu++) {
    // The engine's XDP_ABORTED comes only from "no CPU to pick", where xdp-bench's program counts
    // `issue` and returns XDP_ABORTED: the same frames are receive error/s and xdp_exception hit/s.
    const rx = {
      cpu,
      pps: rate(prev.rxProcessed, cur.rxProcessed, cpu),
      dropPps: rate(prev.rxDropped, cur.rxDropped, cpu),
      errPps: rate(prev.exception, cur.exception, cpu),
    };
    if (rx.pps > 0 || rx.dropPps > 0 || rx.errPps > 0) out.rx.push(rx);
    if (rx.errPps > 0) out.exception.push({ action: 'XDP_ABORTED', cpu, pps: rx.errPps });
    // A lookup of an empty slot is -EINVAL; generic XDP adds -ENOSPC (a full ring) and, before
    // 5.15, -EBADRQC, which the tool's error table does not name: "Unknown".
    const nospc = rate(prev.redirectErrNospc, cur.redirectErrNospc, cpu);
    const badrqc = rate(prev.redirectErrBadrqc, cur.redirectErrBadrqc, cpu);
    const einval = rate(prev.redirectErr, cur.redirectErr, cpu) - nospc - badrqc;
    if (badrqc > 0) out.redirectErr.push({ err: 'Unknown', cpu, pps: badrqc });
    if (einval > 0) out.redirectErr.push({ err: 'EINVAL', cpu, pps: einval });
    if (nospc > 0) out.redirectErr.push({ err: 'ENOSPC', cpu, pps: nospc });
    const kthread = {
      cpu,
      pps: rate(prev.kthProcessed, cur.kthProcessed, cpu),
      dropPps: rate(prev.kthDrops, cur.kthDrops, cpu),
      schedPps: rate(prev.kthSched, cur.kthSched, cpu),
      xdpPassPps: rate(prev.kthXdpPass, cur.kthXdpPass, cpu),
      xdpDropPps: rate(prev.kthXdpDrop, cur.kthXdpDrop, cpu),
      xdpRedirectPps: rate(prev.kthXdpRedirect, cur.kthXdpRedirect, cpu),
    };
    if (kthread.pps > 0 || kthread.dropPps > 0 || kthread.schedPps > 0) out.kthread.push(kthread);
  }
  for (let to = 0; to < cpuCount; to++) {
    for (let from = 0; from < cpuCount; from++) {
      const i = from * MAX_CPUS + to;
      const row = {
        from,
        to,
        pps: rate(prev.enqProcessed, cur.enqProcessed, i),
        dropPps: rate(prev.enqDrops, cur.enqDrops, i),
        bulksPps: rate(prev.enqEvents, cur.enqEvents, i),
      };
      if (row.pps > 0 || row.dropPps > 0 || row.bulksPps > 0) out.enqueue.push(row);
    }
  }
  return out;
}
