/**
 * Frames are integer ids into typed arrays, never objects: the hot path allocates nothing.
 * The pool grows by doubling when every id is in flight (rare; amortized).
 */
export class FramePool {
  /** Flow number of each frame (its 5-tuple, abstracted). */
  flow: Int32Array;
  /** Simulated time the frame arrived at the NIC. */
  bornAt: Float64Array;
  /** Simulated time bq_flush_to_queue put the frame into a ptr_ring (latency: flush to dequeue). */
  flushedAt: Float64Array;
  /** RX queue that received it. */
  rxQueue: Int16Array;
  /**
   * The RX descriptor (its index into {@link halfHolder}) whose page's other half this frame
   * holds, or -1: the driver wants that half back when the descriptor comes round again.
   */
  heldHalf: Int32Array;
  /** Per RX descriptor of every queue: the frame still holding its page's other half, or -1. */
  halfHolder: Int32Array = new Int32Array(0);
  private free: Int32Array;
  private freeCount = 0;
  private capacity = 0;
  /** Frames currently allocated. */
  live = 0;

  constructor(initialCapacity = 4096) {
    this.capacity = initialCapacity;
    this.flow = new Int32Array(initialCapacity);
    this.bornAt = new Float64Array(initialCapacity);
    this.flushedAt = new Float64Array(initialCapacity);
    this.rxQueue = new Int16Array(initialCapacity);
    this.heldHalf = new Int32Array(initialCapacity).fill(-1);
    this.free = new Int32Array(initialCapacity);
    // Hand out low ids first so small runs are easy to read in traces.
    for (let i = 0; i < initialCapacity; i++) this.free[i] = initialCapacity - 1 - i;
    this.freeCount = initialCapacity;
  }

  /** Takes a frame id and records where it came from. */
  alloc(flow: number, bornAt: number, rxQueue: number): number {
    if (this.freeCount === 0) this.grow();
    const id = this.free[--this.freeCount];
    this.flow[id] = flow;
    this.bornAt[id] = bornAt;
    this.rxQueue[id] = rxQueue;
    this.live++;
    return id;
  }

  /** Makes room for `descriptors` RX descriptors' page halves (all queues together). */
  reserveDescriptors(descriptors: number): void {
    this.halfHolder = new Int32Array(descriptors).fill(-1);
  }

  /** Returns a frame id to the pool; a page half it held is the driver's again (page_frag_free). */
  release(id: number): void {
    const held = this.heldHalf[id];
    if (held >= 0) {
      this.halfHolder[held] = -1;
      this.heldHalf[id] = -1;
    }
    this.free[this.freeCount++] = id;
    this.live--;
  }

  /**
   * The frame's data left its page: generic XDP's pskb_expand_head copied the head into new
   * memory and freed the page fragment, so the driver has the page half back while the frame
   * (now an SKB) goes on.
   */
  releaseHalf(id: number): void {
    const held = this.heldHalf[id];
    if (held >= 0) {
      this.halfHolder[held] = -1;
      this.heldHalf[id] = -1;
    }
  }

  /** Returns frames[0 .. n) to the pool (a kthread's batch): {@link release} for each. */
  releaseBatch(frames: Int32Array, n: number): void {
    const heldHalf = this.heldHalf;
    const halfHolder = this.halfHolder;
    const free = this.free;
    let freeCount = this.freeCount;
    for (let i = 0; i < n; i++) {
      const id = frames[i];
      const held = heldHalf[id];
      if (held >= 0) {
        halfHolder[held] = -1;
        heldHalf[id] = -1;
      }
      free[freeCount++] = id;
    }
    this.freeCount = freeCount;
    this.live -= n;
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    const flow = new Int32Array(cap);
    flow.set(this.flow);
    const bornAt = new Float64Array(cap);
    bornAt.set(this.bornAt);
    const flushedAt = new Float64Array(cap);
    flushedAt.set(this.flushedAt);
    const rxQueue = new Int16Array(cap);
    rxQueue.set(this.rxQueue);
    const heldHalf = new Int32Array(cap).fill(-1);
    heldHalf.set(this.heldHalf);
    const free = new Int32Array(cap);
    for (let i = 0; i < old; i++) free[i] = cap - 1 - i;
    this.flow = flow;
    this.bornAt = bornAt;
    this.flushedAt = flushedAt;
    this.rxQueue = rxQueue;
    this.heldHalf = heldHalf;
    this.free = free;
    this.freeCount = old;
    this.capacity = cap;
  }
}
