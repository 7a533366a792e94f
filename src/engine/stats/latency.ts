/**
 * Per target CPU, two latency distributions of the frames its cpumap kthreads hand to the stack:
 * - NIC arrival (FramePool.bornAt) to the SKB going to the stack (netif_receive_skb_core);
 * - bq_flush_to_queue putting the frame into the ptr_ring (FramePool.flushedAt) to the kthread's
 *   dequeue (__ptr_ring_consume, or ptr_ring_consume_batched in v5.2).
 * Frames that never reach a kthread (NIC drops, XDP_DROP, redirect errors, ring-full) have no
 * latency and are not in either. Recorded for the current window only: whoever measures (the
 * CLI after its warm-up, the page's statistics sampler at each interval) starts a window, which
 * keeps each window's maximum exact and costs one fill per interval instead of a copy.
 */
import { LatencyHistogram } from './latencyHistogram';

/** p50, p99 and max in ns; null when no frame was measured. */
export interface LatencySummary {
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/** One target CPU's latency, as the CLI's JSON `latency` and the page's statistics carry it. */
export interface CpuLatency extends LatencySummary {
  cpu: number;
  enqueueToDequeue: LatencySummary;
}

export function summarize(h: LatencyHistogram | null): LatencySummary {
  if (h === null || h.count === 0) return { p50: null, p99: null, max: null };
  return { p50: h.quantile(0.5), p99: h.quantile(0.99), max: h.max };
}

export class LatencyRecorder {
  /** NIC arrival to the stack, per CPU (null until its first frame). */
  readonly toStack: (LatencyHistogram | null)[];
  /** Ring flush to kthread dequeue, per CPU (null until its first frame). */
  readonly flushToDequeue: (LatencyHistogram | null)[];

  constructor(cpus: number) {
    this.toStack = new Array<LatencyHistogram | null>(cpus).fill(null);
    this.flushToDequeue = new Array<LatencyHistogram | null>(cpus).fill(null);
  }

  /** Creates `cpu`'s pair of histograms (once per CPU, at its first frame). */
  create(cpu: number): LatencyHistogram {
    this.flushToDequeue[cpu] = new LatencyHistogram();
    return (this.toStack[cpu] = new LatencyHistogram());
  }

  /** Starts a new window: forgets what was recorded so far. */
  startWindow(): void {
    for (const h of this.toStack) h?.reset();
    for (const h of this.flushToDequeue) h?.reset();
  }

  /**
   * The current window's latency per target CPU, ascending: the CPU of every entry made before
   * `endNs` (the window's end: an entry made at that very instant belongs to the next window,
   * wherever the run happened to stop) and every CPU whose kthread handed frames to the stack;
   * nulls for a CPU none of whose frames were measured.
   */
  report(entries: readonly { cpu: number; createdAt: number }[], endNs: number): CpuLatency[] {
    const cpus = new Set<number>();
    for (const e of entries) if (e.createdAt < endNs) cpus.add(e.cpu);
    this.toStack.forEach((h, cpu) => {
      if (h !== null) cpus.add(cpu);
    });
    return [...cpus]
      .sort((a, b) => a - b)
      .map((cpu) => ({
        cpu,
        ...summarize(this.toStack[cpu] ?? null),
        enqueueToDequeue: summarize(this.flushToDequeue[cpu] ?? null),
      }));
  }
}
