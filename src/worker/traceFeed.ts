/**
 * The trace log's feed: a ring of tracepoint hits on the engine while the page listens, and the
 * newest hits since the last frame message (older ones beyond TRACE_PER_FRAME are counted, not sent).
 */
import type { World } from '../engine/world';
import { TraceRing, type TraceEvent } from '../engine/kernel/tracepoints';
import { TRACE_PER_FRAME } from './protocol';

/** Tracepoint hits kept between two frame messages. */
const TRACE_RING_SIZE = 1 << 14;

export class TraceFeed {
  on = true;
  /** Hits already sent (the ring's sequence number). */
  private seq = 0;

  /** Gives `w` a ring while the page listens (none otherwise), and starts sending from now. */
  configure(w: World): void {
    if (this.on && w.traceRing === null) w.traceRing = new TraceRing(TRACE_RING_SIZE);
    else if (!this.on) w.traceRing = null;
    this.seq = w.traceRing?.written ?? 0;
  }

  /** The newest hits since the last drain, and how many older ones were skipped. */
  drain(w: World): { trace: TraceEvent[]; skipped: number } {
    const ring = w.traceRing;
    if (ring === null) return { trace: [], skipped: 0 };
    const from = Math.max(this.seq, ring.written - TRACE_PER_FRAME);
    const skipped = from - this.seq;
    this.seq = ring.written;
    return { trace: ring.read(from), skipped };
  }
}
