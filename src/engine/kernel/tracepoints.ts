/**
 * The xdp tracepoints the model fires (include/trace/events/xdp.h, 2019), kept two ways:
 * cumulative counters (what xdp_redirect_cpu's BPF programs sum up), always on and
 * allocation-free; and a bounded ring of individual events for trace_pipe-style output, only
 * filled while someone is reading it.
 */
import { MAX_CPUS } from './limits.ts';

export const TRACE_ENQUEUE = 1;
export const TRACE_KTHREAD = 2;
export const TRACE_REDIRECT_ERR = 3;

/** `pid` of a hit in softirq on the idle task, and of one in ksoftirqd (rendered ksoftirqd/N). */
export const PID_IDLE = 0;
export const PID_KSOFTIRQD = -2;

/** One tracepoint hit, as read back from the event ring. */
export interface TraceEvent {
  kind: 'enqueue' | 'kthread' | 'redirect_err';
  /** Simulated time of the hit. */
  at: number;
  /** CPU the tracepoint fired on. */
  cpu: number;
  /** pid of the task it fired in (0 for softirq on the idle task). */
  pid: number;
  mapId: number;
  processed: number;
  /** enqueue, kthread: drops; redirect_err: the error's errno, 0 standing for EINVAL (an empty slot). */
  drops: number;
  /** enqueue: to_cpu; kthread: sched; redirect_err: the map key. */
  extra: number;
  /** kthread hits from 5.9 on: the entry program's verdicts in the batch (struct xdp_cpumap_stats). */
  xdpStats?: { pass: number; drop: number; redirect: number };
}

/** Cumulative counters: the raw material of xdp_redirect_cpu's statistics. */
export class TraceCounters {
  /** xdp_cpumap_enqueue, indexed from * MAX_CPUS + to. */
  readonly enqProcessed = new Float64Array(MAX_CPUS * MAX_CPUS);
  readonly enqDrops = new Float64Array(MAX_CPUS * MAX_CPUS);
  readonly enqEvents = new Float64Array(MAX_CPUS * MAX_CPUS);
  /** xdp_cpumap_kthread, indexed by the kthread's CPU. */
  readonly kthProcessed = new Float64Array(MAX_CPUS);
  readonly kthDrops = new Float64Array(MAX_CPUS);
  readonly kthSched = new Float64Array(MAX_CPUS);
  readonly kthEvents = new Float64Array(MAX_CPUS);
  /** 5.9+: the entry programs' verdicts (xdp_pass, xdp_drop, xdp_redirect), by the kthread's CPU. */
  readonly kthXdpPass = new Float64Array(MAX_CPUS);
  readonly kthXdpDrop = new Float64Array(MAX_CPUS);
  readonly kthXdpRedirect = new Float64Array(MAX_CPUS);
  /** The XDP program's own per-CPU counters (rx_cnt in xdp_redirect_cpu): frames seen, XDP_DROPs. */
  readonly rxProcessed = new Float64Array(MAX_CPUS);
  readonly rxDropped = new Float64Array(MAX_CPUS);
  /** xdp_redirect_map_err per CPU. */
  readonly redirectErr = new Float64Array(MAX_CPUS);
  /**
   * Of those, generic XDP's: -ENOSPC from a full ring, and -EBADRQC (a cpumap redirect before 5.15,
   * which xdp-bench names "Unknown"); the rest are -EINVAL (an empty slot).
   */
  readonly redirectErrNospc = new Float64Array(MAX_CPUS);
  readonly redirectErrBadrqc = new Float64Array(MAX_CPUS);
  /** xdp_exception (XDP_ABORTED) per CPU. */
  readonly exception = new Float64Array(MAX_CPUS);

  /** A copy, for interval statistics. */
  clone(): TraceCounters {
    const c = new TraceCounters();
    c.enqProcessed.set(this.enqProcessed);
    c.enqDrops.set(this.enqDrops);
    c.enqEvents.set(this.enqEvents);
    c.kthProcessed.set(this.kthProcessed);
    c.kthDrops.set(this.kthDrops);
    c.kthSched.set(this.kthSched);
    c.kthEvents.set(this.kthEvents);
    c.kthXdpPass.set(this.kthXdpPass);
    c.kthXdpDrop.set(this.kthXdpDrop);
    c.kthXdpRedirect.set(this.kthXdpRedirect);
    c.rxProcessed.set(this.rxProcessed);
    c.rxDropped.set(this.rxDropped);
    c.redirectErr.set(this.redirectErr);
    c.redirectErrNospc.set(this.redirectErrNospc);
    c.redirectErrBadrqc.set(this.redirectErrBadrqc);
    c.exception.set(this.exception);
    return c;
  }
}

/** Fixed-size ring of recent tracepoint hits, stored column-wise in typed arrays. */
export class TraceRing {
  private readonly kind: Uint8Array;
  private readonly at: Float64Array;
  private readonly cpu: Uint8Array;
  private readonly pid: Int32Array;
  private readonly mapId: Int32Array;
  private readonly processed: Int32Array;
  private readonly drops: Int32Array;
  private readonly extra: Int32Array;
  /** xdp_pass, xdp_drop, xdp_redirect of a 5.9+ kthread hit; xdpPass is -1 for hits without them. */
  private readonly xdpPass: Int32Array;
  private readonly xdpDrop: Int32Array;
  private readonly xdpRedirect: Int32Array;
  private next = 0;
  /** Total events written since creation (the ring keeps the last `capacity`). */
  written = 0;

  constructor(readonly capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.at = new Float64Array(capacity);
    this.cpu = new Uint8Array(capacity);
    this.pid = new Int32Array(capacity);
    this.mapId = new Int32Array(capacity);
    this.processed = new Int32Array(capacity);
    this.drops = new Int32Array(capacity);
    this.extra = new Int32Array(capacity);
    this.xdpPass = new Int32Array(capacity);
    this.xdpDrop = new Int32Array(capacity);
    this.xdpRedirect = new Int32Array(capacity);
  }

  push(
    kind: number,
    at: number,
    cpu: number,
    pid: number,
    mapId: number,
    processed: number,
    drops: number,
    extra: number,
    xdpPass = -1,
    xdpDrop = 0,
    xdpRedirect = 0,
  ): void {
    const i = this.next;
    this.kind[i] = kind;
    this.at[i] = at;
    this.cpu[i] = cpu;
    this.pid[i] = pid;
    this.mapId[i] = mapId;
    this.processed[i] = processed;
    this.drops[i] = drops;
    this.extra[i] = extra;
    this.xdpPass[i] = xdpPass;
    this.xdpDrop[i] = xdpDrop;
    this.xdpRedirect[i] = xdpRedirect;
    this.next = i + 1 === this.capacity ? 0 : i + 1;
    this.written++;
  }

  /** Events with sequence number >= `fromSeq` still in the ring, oldest first, in time order. */
  read(fromSeq = 0): TraceEvent[] {
    const start = Math.max(fromSeq, this.written - this.capacity);
    const out: TraceEvent[] = [];
    for (let s = start; s < this.written; s++) {
      const i = s % this.capacity;
      const k = this.kind[i];
      const ev: TraceEvent = {
        kind: k === TRACE_ENQUEUE ? 'enqueue' : k === TRACE_KTHREAD ? 'kthread' : 'redirect_err',
        at: this.at[i],
        cpu: this.cpu[i],
        pid: this.pid[i],
        mapId: this.mapId[i],
        processed: this.processed[i],
        drops: this.drops[i],
        extra: this.extra[i],
      };
      if (this.xdpPass[i] >= 0) ev.xdpStats = { pass: this.xdpPass[i], drop: this.xdpDrop[i], redirect: this.xdpRedirect[i] };
      out.push(ev);
    }
    // Each CPU writes in its own time order; merge them as trace_pipe does across per-CPU buffers.
    return out.sort((a, b) => a.at - b.at);
  }
}
