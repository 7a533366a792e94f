/**
 * struct ptr_ring (include/linux/ptr_ring.h as of 2019): a fixed array of pointers where NULL
 * means "free". Producers test the slot at `producer`; the single consumer reads at
 * `consumer_head` but NULLs consumed slots lazily, `batch` at a time and in reverse order, so a
 * producer can see "full" while up to batch - 1 slots were already consumed.
 *
 * Slots hold frame id + 1, so 0 is NULL.
 * https://elixir.bootlin.com/linux/v5.2/source/include/linux/ptr_ring.h
 */

/** SMP_CACHE_BYTES on x86-64. */
const SMP_CACHE_BYTES = 64;
/** sizeof(void *) on x86-64. */
const POINTER_BYTES = 8;

export const ENOSPC = -28;

export class PtrRing {
  readonly queue: Int32Array;
  readonly size: number;
  /** Consumed slots are NULLed this many at a time (16, or 1 for rings under 32). */
  readonly batch: number;
  producer = 0;
  consumerHead = 0;
  consumerTail = 0;
  /** Frames currently stored (consumed-but-not-NULLed slots are not counted). */
  count = 0;

  /** ptr_ring_init(): a zeroed queue of `size` slots. */
  constructor(size: number) {
    this.size = size;
    this.queue = new Int32Array(size);
    this.batch = PtrRing.batchFor(size);
  }

  /**
   * __ptr_ring_set_size(): batch = SMP_CACHE_BYTES * 2 / sizeof(void *), forced to 1 when it
   * exceeds half the ring.
   * https://elixir.bootlin.com/linux/v5.2/C/ident/__ptr_ring_set_size
   */
  static batchFor(size: number): number {
    const batch = (SMP_CACHE_BYTES * 2) / POINTER_BYTES;
    return batch > size / 2 || batch === 0 ? 1 : batch;
  }

  /**
   * __ptr_ring_produce(): fails with -ENOSPC when the slot at `producer` is still non-NULL
   * (or the ring has size 0); otherwise stores and advances.
   * https://elixir.bootlin.com/linux/v5.2/C/ident/__ptr_ring_produce
   */
  produce(frame: number): number {
    if (this.size === 0 || this.queue[this.producer] !== 0) return ENOSPC;
    this.queue[this.producer++] = frame + 1;
    if (this.producer >= this.size) this.producer = 0;
    this.count++;
    return 0;
  }

  /**
   * __ptr_ring_empty(): the consumer's view, a test of the slot at consumer_head.
   * https://elixir.bootlin.com/linux/v5.2/C/ident/__ptr_ring_empty
   */
  isEmpty(): boolean {
    return this.size === 0 || this.queue[this.consumerHead] === 0;
  }

  /**
   * __ptr_ring_consume(): reads the slot at consumer_head; NULL means empty (-1 here).
   * https://elixir.bootlin.com/linux/v5.2/C/ident/__ptr_ring_consume
   */
  consume(): number {
    if (this.size === 0) return -1;
    const v = this.queue[this.consumerHead];
    if (v === 0) return -1;
    this.discardOne();
    this.count--;
    return v - 1;
  }

  /**
   * __ptr_ring_consume_batched(): up to `n` frames into `out`; returns how many.
   * https://elixir.bootlin.com/linux/v5.2/C/ident/__ptr_ring_consume_batched
   */
  consumeBatched(out: Int32Array, n: number): number {
    // __ptr_ring_consume and __ptr_ring_discard_one for each frame, with the ring's fields in
    // locals for the whole batch (the hot path of every kthread iteration).
    const size = this.size;
    if (size === 0) return 0;
    const queue = this.queue;
    const batch = this.batch;
    let consumerHead = this.consumerHead;
    let consumerTail = this.consumerTail;
    let i = 0;
    for (; i < n; i++) {
      const v = queue[consumerHead];
      if (v === 0) break;
      out[i] = v - 1;
      let head = consumerHead++;
      if (consumerHead - consumerTail >= batch || consumerHead >= size) {
        while (head >= consumerTail) queue[head--] = 0;
        consumerTail = consumerHead;
      }
      if (consumerHead >= size) {
        consumerHead = 0;
        consumerTail = 0;
      }
    }
    this.consumerHead = consumerHead;
    this.consumerTail = consumerTail;
    this.count -= i;
    return i;
  }

  /**
   * __ptr_ring_discard_one(): advance consumer_head; once `batch` slots are consumed (or the end
   * of the array is reached) NULL them all, last first, and move consumer_tail.
   * https://elixir.bootlin.com/linux/v5.2/C/ident/__ptr_ring_discard_one
   */
  private discardOne(): void {
    let consumerHead = this.consumerHead;
    let head = consumerHead++;
    if (consumerHead - this.consumerTail >= this.batch || consumerHead >= this.size) {
      while (head >= this.consumerTail) this.queue[head--] = 0;
      this.consumerTail = consumerHead;
    }
    if (consumerHead >= this.size) {
      consumerHead = 0;
      this.consumerTail = 0;
    }
    this.consumerHead = consumerHead;
  }

  /** Slots consumed but not yet NULLed (the producer still sees them as taken). */
  pendingNull(): number {
    return this.consumerHead - this.consumerTail;
  }

  /** Frame ids stored in the ring, oldest first (for inspection; allocates). */
  frames(): number[] {
    const out: number[] = [];
    for (let i = 0, idx = this.consumerHead; i < this.count; i++) {
      out.push(this.queue[idx] - 1);
      idx = idx + 1 >= this.size ? 0 : idx + 1;
    }
    return out;
  }
}
