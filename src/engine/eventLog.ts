/**
 * A light feed of what the machine did, for the explorer's event list: NAPI polls, bulk queue
 * flushes, kthread wake-ups and loop iterations, RCU grace periods. Off (null on the World) unless
 * a caller listens; when on, a fixed ring of typed arrays keeps the newest records without
 * allocating, so it costs a few stores per poll, flush or kthread iteration.
 */

export const EV_POLL = 1; // a NAPI poll ended: cpu, a = RX queue, b = frames taken
export const EV_FLUSH = 2; // bq_flush_to_queue: cpu = the CPU flushing (the tracepoint's), uid, a = target CPU, b = frames, c = refused
export const EV_WAKE = 3; // wake_up_process woke a sleeping kthread: cpu = its CPU, uid, a = waker CPU (-1: none)
export const EV_KTHREAD = 4; // a kthread loop iteration: cpu, uid, a = frames, b = NET_RX_DROP, c = sched
export const EV_RCU = 5; // an RCU grace period ended: a = its number

/** One record as read back. */
export interface EngineEvent {
  kind: 'poll' | 'flush' | 'wake' | 'kthread' | 'rcu';
  at: number;
  cpu: number;
  /** The cpumap entry concerned (-1: none). */
  uid: number;
  a: number;
  b: number;
  c: number;
}

const KIND_NAMES: readonly EngineEvent['kind'][] = ['poll', 'poll', 'flush', 'wake', 'kthread', 'rcu'];

export class EventLog {
  private readonly kind: Uint8Array;
  private readonly at: Float64Array;
  private readonly cpu: Int16Array;
  private readonly uid: Int32Array;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly c: Int32Array;
  /** Records written since creation (the ring keeps the last `capacity`). */
  written = 0;

  constructor(readonly capacity = 256) {
    this.kind = new Uint8Array(capacity);
    this.at = new Float64Array(capacity);
    this.cpu = new Int16Array(capacity);
    this.uid = new Int32Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
    this.c = new Int32Array(capacity);
  }

  push(kind: number, at: number, cpu: number, uid: number, a: number, b = 0, c = 0): void {
    const i = this.written % this.capacity;
    this.kind[i] = kind;
    this.at[i] = at;
    this.cpu[i] = cpu;
    this.uid[i] = uid;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.written++;
  }

  /** Records with sequence number >= `fromSeq` still in the ring, in time order. */
  read(fromSeq = 0): EngineEvent[] {
    const out: EngineEvent[] = [];
    for (let s = Math.max(fromSeq, this.written - this.capacity); s < this.written; s++) {
      const i = s % this.capacity;
      out.push({
        kind: KIND_NAMES[this.kind[i]],
        at: this.at[i],
        cpu: this.cpu[i],
        uid: this.uid[i],
        a: this.a[i],
        b: this.b[i],
        c: this.c[i],
      });
    }
    // A kthread's iteration is recorded when its CPU reaches the iteration's end: sort by time.
    return out.sort((x, y) => x.at - y.at);
  }
}
