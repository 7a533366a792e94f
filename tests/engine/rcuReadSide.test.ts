/**
 * The NAPI poll is an RCU read-side critical section: an entry the XDP program looked up stays
 * usable until the poll ends, even if a map operation takes it out of its slot meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { engineOf, MS } from './helpers';

describe('an entry looked up inside a NAPI poll', () => {
  it('takes the frame whose bq_enqueue was interrupted by a delete of its key; its bulk queues are freed only after the poll', () => {
    // Line rate into one entry: the RX CPU's bulk queue fills every 8 frames.
    const e = engineOf('rx=0&entries=4:2048&rate=14.88M&prog=rr&stack=iptables-drop');
    const cpu0 = e.world.cpus[0];
    const entry = e.world.map!.slots[4]!;
    // Stop where CPU 0 has redirected a frame to key 4 and waits to flush the full bulk first.
    expect(e.stepUntil(() => cpu0.pendingFrame >= 0, 2 * MS)).toBe(true);
    expect(cpu0.pendingEntry).toBe(entry);
    expect(e.applyHandOp({ at: e.now, op: 'delete', key: 4 }).result).toBe('0');
    expect(entry.detached).toBe(true);
    expect(entry.bulkqFreed).toBe(false);
    e.runUntil(e.now + 20_000);
    // The frame went into the old entry's bulk queue; __cpu_map_entry_free ran after the poll ended.
    expect(cpu0.pendingFrame).toBe(-1);
    e.runUntil(3 * MS);
    expect(entry.lifecycle.state).toBe('freed');
    expect(e.check()).toEqual([]);
  });
});
