/**
 * Teardown from 6.5 to 6.9: the update that waits for its kthread (6.5), the rcu_work teardown
 * without a refcount (6.6), and the busy kthread's periodic RCU quiescent state (6.9), each
 * against the kernel before it.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { engineOf, exact, MS } from './helpers';

const LOAD = 'cpus=8&rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&stack=iptables-drop';
/** An RT task holds CPU 3 from 2 ms to 7 ms; an entry for CPU 3 is added at 2.1 ms and deleted at 2.3 ms. */
const RT_THEN_DELETE = 'cpus=4&rx=0&entries=1:256,2:256&rate=2M&ops=2ms:rt:3:5ms,2.1ms:update:3:256,2.3ms:delete:3';

function events(e: Engine, cpu: number): string[][] {
  return e.entries.filter((x) => x.cpu === cpu).map((x) => x.lifecycle.history.map((h) => h.event));
}

describe('6.6: teardown by queue_rcu_work', () => {
  it('6.6: deleting an entry under load frees it without a refcount', () => {
    // Overloaded, so the ring still holds frames when kthread_stop comes.
    const e = engineOf('kernel=6.6&cpus=8&rx=0,1&entries=4:256,5:256&rate=14M&prog=hash&stack=udp-noport&ops=5ms:delete:4');
    e.runUntil(5 * MS);
    const entry = e.entries.find((x) => x.cpu === 4)!;
    expect(entry.ring.count + entry.bqTotal).toBeGreaterThan(0);
    e.runUntil(20 * MS);
    expect(entry.refcnt).toBe(0);
    expect(entry.lifecycle.state).toBe('freed');
    expect(events(e, 4)).toEqual([['ALLOC_OK', 'KTHREAD_RUNNING', 'XCHG_OUT', 'KTHREAD_STOP', 'KTHREAD_EXIT']]);
    // The kthread drained its ring before kthread_stop returned: nothing for __cpu_map_ring_cleanup.
    expect(entry.ring.count).toBe(0);
    exact(e);
  });

  it('6.1: the same delete still goes through the refcount: call_rcu drops the map reference, the stop work the kthread one', () => {
    const e = engineOf(`kernel=6.1&${LOAD}&ops=5ms:delete:4`);
    e.runUntil(20 * MS);
    expect(events(e, 4)).toEqual([['ALLOC_OK', 'XCHG_OUT', 'RCU_FREE_CB', 'KTHREAD_STOP', 'KTHREAD_EXIT']]);
    expect(e.entries.find((x) => x.cpu === 4)!.lifecycle.refcnt).toBe(0);
    exact(e);
  });

  it('6.6: cpu_map_free stops and frees each entry in turn, without a grace period of its own per entry', () => {
    const e = engineOf(`kernel=6.6&${LOAD}&ops=5ms:free`);
    e.runUntil(30 * MS);
    expect(e.world.map).toBe(null);
    expect(events(e, 4)).toEqual([['ALLOC_OK', 'KTHREAD_RUNNING', 'MAP_FREE', 'KTHREAD_EXIT']]);
    expect(events(e, 5)).toEqual([['ALLOC_OK', 'KTHREAD_RUNNING', 'MAP_FREE', 'KTHREAD_EXIT']]);
    const exitAt = (cpu: number) => e.entries.find((x) => x.cpu === cpu)!.lifecycle.history.at(-1)!.atNs;
    // Key 4 first: __cpu_map_entry_free waits in kthread_stop before the loop goes on to key 5.
    const startOf5 = e.entries.find((x) => x.cpu === 5)!.lifecycle.history.find((h) => h.event === 'MAP_FREE')!.atNs;
    expect(startOf5).toBeGreaterThanOrEqual(exitAt(4));
    exact(e);
  });
});

describe('6.5: the update waits until the new kthread has run', () => {
  it('6.1: an update then delete while an RT task holds the target CPU stops a kthread that never ran: the entry and the frames in its ring leak', () => {
    const e = engineOf(`kernel=6.1&${RT_THEN_DELETE}`);
    e.runUntil(12 * MS);
    const entry = e.entries.find((x) => x.cpu === 3)!;
    expect(entry.kthread.everRan).toBe(false);
    expect(entry.lifecycle.state).toBe('leaked');
    expect(entry.refcnt).toBe(1);
    expect(e.world.leaks).toEqual([{ at: expect.any(Number), cpu: 3, uid: entry.uid, framesInRing: entry.ring.count }]);
    expect(entry.ring.count).toBeGreaterThan(0);
    // The leaked frames are never freed: they stay in flight.
    expect(e.inFlight()).toBeGreaterThanOrEqual(entry.ring.count);
    expect(e.world.log.some((l) => l.text.includes(`entry leaks with refcnt 1; ${entry.ring.count} frames stay in its ring`))).toBe(true);
    exact(e);
  });

  it('6.6: the same operations leak nothing: the update returns when the RT task lets its kthread run, and the delete follows it', () => {
    const e = engineOf(`kernel=6.6&${RT_THEN_DELETE}`);
    e.runUntil(12 * MS);
    const entry = e.entries.find((x) => x.cpu === 3)!;
    expect(entry.lifecycle.state).toBe('freed');
    expect(e.world.leaks).toEqual([]);
    const update = e.ops.find((o) => o.op === 'update' && o.key === 3)!;
    const del = e.ops.find((o) => o.op === 'delete')!;
    expect(update.at).toBe(2.1 * MS);
    // The RT task ends at 7 ms; the kthread runs after its wake-up latency, then the delete.
    expect(del.at).toBeGreaterThanOrEqual(7 * MS);
    expect(e.world.log.some((l) => /update key 3 returns after 49\d\d\.\d+ µs/.test(l.text))).toBe(true);
    expect(e.inFlight()).toBe(0);
    exact(e);
  });
});

describe('6.9: the busy kthread reports RCU quiescent states', () => {
  it('6.9: a kthread kept busy for longer than HZ/10 calls rcu_softirq_qs_periodic every 100 jiffies; on 6.6 it reports none', () => {
    const busy = 'cpus=4&rx=0&entries=1:256&rate=14M&prog=cpu:1&stack=udp-noport&arrival=constant';
    const reports = (kernel: string): number => {
      const e = engineOf(`kernel=${kernel}&${busy}`);
      e.runUntil(330 * MS);
      const k = e.entries[0].kthread;
      expect(k.state).not.toBe('sleeping');
      return k.rcuQsReports;
    };
    expect(reports('6.12')).toBe(3);
    expect(reports('6.6')).toBe(0);
  });
});
