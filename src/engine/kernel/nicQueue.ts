/**
 * One NIC RX queue: its descriptor ring of received frames, the arrival process feeding it, and
 * its NAPI instance's state. A frame that arrives at a full ring is a NIC drop (rx_missed).
 */
import type { ArrivalProcess } from '../sim/traffic';
import type { FrameAccounts } from '../accounting';
import type { FramePool } from '../sim/framePool';
import { PLACE_NIC, PLACE_NIC_DROP, place, type MoveRecorder } from '../moves';
import { RxItr } from './i40eItr';

export class NicQueue {
  readonly index: number;
  /** CPU whose poll list its NAPI instance is on: where its polls run (see irqAffinity.ts). */
  cpu: number;
  /** CPU its interrupt is raised on (smp_affinity); NAPI moves there after napi_complete_done. */
  affinity: number;
  readonly size: number;
  private readonly slots: Int32Array;
  private head = 0;
  count = 0;
  /** NAPI scheduled (polling mode, interrupt masked). */
  napiScheduled = false;
  /** When the next interrupt will have the poll start, if NAPI is not scheduled. */
  irqAt = Infinity;
  /** Frames dropped at this queue's full ring. */
  nicDrops = 0;
  /** When this queue last raised its interrupt (interrupt moderation counts from here). */
  lastIrq = -Infinity;
  /** The driver's adaptive interrupt moderation for this queue (see i40eItr.ts). */
  readonly itr: RxItr;

  constructor(
    index: number,
    cpu: number,
    size: number,
    readonly arrivals: ArrivalProcess,
    linkGbps: number,
  ) {
    this.itr = new RxItr(linkGbps);
    this.index = index;
    this.cpu = cpu;
    this.affinity = cpu;
    this.size = size;
    this.slots = new Int32Array(size);
    this.descBase = index * size;
  }

  /** Receives every frame that has arrived by `now` (dropping those that find the ring full). */
  receiveUntil(now: number, pool: FramePool, acct: FrameAccounts, moves: MoveRecorder | null): void {
    const arr = this.arrivals;
    if (arr.next > now) return;
    const size = this.size;
    const slots = this.slots;
    let count = this.count;
    let offered = 0;
    let dropped = 0;
    while (arr.next <= now) {
      offered++;
      if (count < size) {
        let tail = this.head + count;
        if (tail >= size) tail -= size;
        const f = pool.alloc(arr.flow(), arr.next, this.index);
        slots[tail] = f;
        count++;
        if (moves !== null) moves.record(f, arr.flow(), place(PLACE_NIC, this.index), arr.next);
      } else {
        dropped++;
        if (moves !== null) moves.record(-1, arr.flow(), place(PLACE_NIC_DROP, this.index), arr.next);
      }
      arr.advance();
    }
    this.count = count;
    acct.offered += offered;
    if (dropped > 0) {
      acct.nicDropped += dropped;
      this.nicDrops += dropped;
    }
  }

  /** Index of this queue's first descriptor among every queue's (see FramePool.halfHolder). */
  readonly descBase: number;

  /** The descriptor the last {@link take} came from. */
  lastDesc = 0;

  /** The descriptor the next {@link take} comes from. */
  get nextDesc(): number {
    return this.head;
  }

  /** Takes the oldest received frame (the ring must not be empty). */
  take(): number {
    this.lastDesc = this.head;
    const f = this.slots[this.head];
    this.head = this.head + 1 === this.size ? 0 : this.head + 1;
    this.count--;
    return f;
  }

  /** Frame ids in the ring, oldest first (for inspection; allocates). */
  frames(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.slots[(this.head + i) % this.size]);
    return out;
  }

  /**
   * napi_complete_done: unmask the interrupt. The next arrival raises it, but no sooner than the
   * interrupt throttle interval (the adaptive ITR) after the previous one.
   */
  rearmIrq(irqToPoll: number): void {
    this.napiScheduled = false;
    this.irqAt = Math.max(this.arrivals.next, this.lastIrq + this.itr.intervalNs) + irqToPoll;
  }
}
