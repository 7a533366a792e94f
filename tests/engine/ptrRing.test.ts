/**
 * struct ptr_ring as include/linux/ptr_ring.h (2019) defines it: the producer tests the slot at
 * `producer`, the consumer NULLs consumed slots lazily, `batch` at a time.
 */
import { describe, expect, it } from 'vitest';
import { ENOSPC, PtrRing } from '../../src/engine/kernel/ptrRing';

/** A ring of `size` holding frames 0 .. n-1 (all produced successfully). */
function filled(size: number, n = size): PtrRing {
  const r = new PtrRing(size);
  for (let i = 0; i < n; i++) expect(r.produce(i)).toBe(0);
  return r;
}

function consumeN(r: PtrRing, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(r.consume());
  return out;
}

describe('__ptr_ring_produce', () => {
  it('fails with -ENOSPC (-28) once every slot holds a frame', () => {
    const r = filled(4);
    expect(ENOSPC).toBe(-28);
    expect(r.produce(99)).toBe(-28);
    expect(r.count).toBe(4);
    expect(r.frames()).toEqual([0, 1, 2, 3]);
  });

  it('tests only the slot at producer: a non-NULL slot there refuses the frame even though the ring holds nothing', () => {
    const r = new PtrRing(8);
    expect(r.count).toBe(0);
    // A stale pointer at `producer` (as a consumed-but-not-yet-NULLed slot would be).
    r.queue[r.producer] = 1234;
    expect(r.produce(5)).toBe(ENOSPC);
    expect(r.producer).toBe(0);
    r.queue[0] = 0;
    expect(r.produce(5)).toBe(0);
    expect(r.producer).toBe(1);
  });

  it('stores frame + 1 (0 is NULL) and advances producer, wrapping at the end of the array', () => {
    const r = new PtrRing(4);
    expect(r.produce(0)).toBe(0);
    expect(r.queue[0]).toBe(1);
    for (let i = 1; i < 4; i++) r.produce(i);
    expect(r.producer).toBe(0);
    // batch is 1 on a ring this small: each consumed slot is NULLed at once.
    expect(r.consume()).toBe(0);
    expect(r.produce(4)).toBe(0);
    expect(r.producer).toBe(1);
    expect(r.queue[0]).toBe(5);
  });
});

describe('__ptr_ring_set_size: batch = SMP_CACHE_BYTES * 2 / sizeof(void *)', () => {
  it('is 16 for rings of 32 slots and more, 1 below (16 would exceed size / 2)', () => {
    expect(PtrRing.batchFor(32)).toBe(16);
    expect(PtrRing.batchFor(33)).toBe(16);
    expect(PtrRing.batchFor(128)).toBe(16);
    expect(PtrRing.batchFor(16384)).toBe(16);
    expect(PtrRing.batchFor(31)).toBe(1);
    expect(PtrRing.batchFor(16)).toBe(1);
    expect(PtrRing.batchFor(2)).toBe(1);
    expect(PtrRing.batchFor(1)).toBe(1);
    expect(new PtrRing(192).batch).toBe(16);
    expect(new PtrRing(8).batch).toBe(1);
  });
});

describe('lazy NULLing: the producer sees "full" while up to batch - 1 slots were consumed', () => {
  it('a full 128 ring: after 15 consumes produce still fails; after the 16th exactly 16 produces succeed', () => {
    const r = filled(128);
    expect(r.produce(1000)).toBe(ENOSPC);
    expect(consumeN(r, 15)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(r.pendingNull()).toBe(15);
    for (let i = 0; i < 5; i++) expect(r.produce(1000 + i)).toBe(ENOSPC);
    // The consumed slots are still non-NULL for the producer.
    expect(r.queue[0]).toBe(1);
    expect(r.queue[14]).toBe(15);

    expect(r.consume()).toBe(15);
    expect(r.pendingNull()).toBe(0);
    expect(r.consumerTail).toBe(16);
    for (let i = 0; i < 16; i++) expect(r.queue[i]).toBe(0);
    for (let i = 0; i < 16; i++) expect(r.produce(2000 + i)).toBe(0);
    expect(r.produce(3000)).toBe(ENOSPC);
    expect(r.count).toBe(128);
  });

  it('usable capacity between qsize - 15 and qsize: a producer keeping up with a consumer never gets more than 15 extra slots back late', () => {
    const r = filled(64);
    // Consume 31: 16 NULLed in one go, 15 still pending.
    consumeN(r, 31);
    let accepted = 0;
    while (r.produce(500 + accepted) === 0) accepted++;
    expect(accepted).toBe(16);
    expect(r.count).toBe(64 - 31 + 16);
    expect(r.size - r.count).toBe(15);
  });

  it('NULLs the consumed slots in reverse order when the consumer reaches the end of the array, even with fewer than batch consumed', () => {
    const r = filled(40);
    consumeN(r, 32);
    expect(r.consumerTail).toBe(32);
    consumeN(r, 7);
    expect(r.pendingNull()).toBe(7);
    for (let i = 32; i < 39; i++) expect(r.queue[i]).not.toBe(0);
    expect(r.consume()).toBe(39);
    // Reaching the end NULLed slots 32..39 (8 < batch 16) and wrapped head and tail to 0.
    for (let i = 32; i < 40; i++) expect(r.queue[i]).toBe(0);
    expect(r.consumerHead).toBe(0);
    expect(r.consumerTail).toBe(0);
    expect(r.isEmpty()).toBe(true);
  });

  it('with batch 1 (rings under 32) every consumed slot is NULLed at once', () => {
    const r = filled(16);
    expect(r.batch).toBe(1);
    r.consume();
    expect(r.pendingNull()).toBe(0);
    expect(r.produce(100)).toBe(0);
  });
});

describe('__ptr_ring_empty tests queue[consumer_head]', () => {
  it('is false while the slot at consumer_head holds a frame, even if earlier slots are consumed but not NULLed', () => {
    const r = filled(128);
    consumeN(r, 15);
    expect(r.isEmpty()).toBe(false);
    consumeN(r, 113);
    expect(r.isEmpty()).toBe(true);
    expect(r.count).toBe(0);
  });

  it('is true for an empty ring after a consumed slot that is not NULLed yet (head moved past it)', () => {
    const r = new PtrRing(128);
    r.produce(7);
    expect(r.isEmpty()).toBe(false);
    expect(r.consume()).toBe(7);
    expect(r.queue[0]).toBe(8);
    expect(r.isEmpty()).toBe(true);
    expect(r.consume()).toBe(-1);
  });
});

describe('__ptr_ring_consume_batched', () => {
  it('returns frames oldest first, at most n per call, and 0 once empty', () => {
    const r = new PtrRing(64);
    for (let i = 0; i < 10; i++) r.produce(100 + i);
    const out = new Int32Array(8);
    expect(r.consumeBatched(out, 8)).toBe(8);
    expect(Array.from(out)).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
    out.fill(-7);
    expect(r.consumeBatched(out, 8)).toBe(2);
    expect(Array.from(out.subarray(0, 2))).toEqual([108, 109]);
    expect(out[2]).toBe(-7);
    expect(r.consumeBatched(out, 8)).toBe(0);
  });

  it('keeps FIFO order across the wrap of the array', () => {
    const r = new PtrRing(8);
    const out = new Int32Array(8);
    for (let i = 0; i < 6; i++) r.produce(i);
    expect(r.consumeBatched(out, 5)).toBe(5);
    for (let i = 6; i < 12; i++) expect(r.produce(i)).toBe(0);
    expect(r.frames()).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(r.consumeBatched(out, 8)).toBe(7);
    expect(Array.from(out.subarray(0, 7))).toEqual([5, 6, 7, 8, 9, 10, 11]);
  });

  it('NULLs in batches exactly like single consumes (same slot state after 8 + 8 as after 16 singles)', () => {
    const a = filled(128);
    const b = filled(128);
    const out = new Int32Array(8);
    a.consumeBatched(out, 8);
    expect(a.pendingNull()).toBe(8);
    a.consumeBatched(out, 8);
    consumeN(b, 16);
    expect(Array.from(a.queue)).toEqual(Array.from(b.queue));
    expect([a.consumerHead, a.consumerTail]).toEqual([b.consumerHead, b.consumerTail]);
  });
});

describe('a ring of size 0', () => {
  it('refuses every produce with -ENOSPC and is always empty', () => {
    const r = new PtrRing(0);
    expect(r.batch).toBe(1);
    expect(r.produce(1)).toBe(ENOSPC);
    expect(r.isEmpty()).toBe(true);
    expect(r.consume()).toBe(-1);
    expect(r.consumeBatched(new Int32Array(8), 8)).toBe(0);
    expect(r.count).toBe(0);
  });
});
