/**
 * 5.10's cpumap: 5.6's simpler cleanup (cpu_map_free no longer waits on the flush lists,
 * __cpu_map_entry_free no longer flushes) and one flush list per CPU for all maps; 5.9's unlocked
 * __ptr_ring_consume_batched and the kthread tracepoint's xdp_pass/xdp_drop/xdp_redirect.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { formatTraceLine } from '../../src/engine/stats/tracePipe';
import { endOfPoll, engineOf, MS, redirectFrame, exact, listKeys } from './helpers';

const LOAD = 'cpus=8&rx=0,1&entries=4:256,5:256&rate=4M&prog=rr&stack=iptables-drop';

describe('5.10: the cleanup of 5.6', () => {
  it('5.10: a map freed under load does not wait on the flush lists, and every entry is torn down with nothing lost', () => {
    const e = engineOf(`kernel=5.10&${LOAD}`);
    e.runUntil(5 * MS);
    const map = e.world.map!;
    expect(e.apply({ at: 0, op: 'free' }).result).toBe('0');
    e.runUntil(30 * MS);
    expect(e.world.map).toBe(null);
    expect(e.world.log.some((l) => l.text.includes('waiting for'))).toBe(false);
    expect(e.world.log.some((l) => l.text === `cpu_map_free(map ${map.id}) done`)).toBe(true);
    for (const entry of e.entries) expect(entry.lifecycle.state).toBe('freed');
    exact(e);
  });

  it('5.10: cpu_map_free does not read the flush lists: with a bulk queue left on one, 5.4 waits and 5.10 goes on to __cpu_map_entry_free, which no longer flushes', () => {
    // A bulk queue left on a list past a grace period: a real poll never does this (it flushes
    // before its read-side section ends); the test puts it there by hand to show who looks.
    const outcome = (kernel: '5.4' | '5.10'): Engine => {
      const e = engineOf(`kernel=${kernel}&cpus=8&rx=0&entries=4:256&rate=0`);
      e.runUntil(1 * MS);
      redirectFrame(e, 0, e.entries[0]);
      e.apply({ at: 0, op: 'free' });
      e.runUntil(20 * MS);
      return e;
    };
    const v54 = outcome('5.4');
    expect(v54.world.log.some((l) => l.text.includes('waiting for flush lists to empty'))).toBe(true);
    expect(v54.world.map).not.toBe(null);
    const v510 = outcome('5.10');
    expect(v510.world.log.some((l) => l.text.includes('waiting for'))).toBe(false);
    expect(v510.world.map).toBe(null);
    // The frame was not flushed into the ring by the RCU callback, as 5.4's would have been.
    expect(v510.check().some((v) => v.includes('__cpu_map_entry_free: 1 frames left in the bulk queues'))).toBe(true);
  });

  it('5.10: one flush list per CPU for all maps: a poll of the new map also flushes the bulk queue of the map being freed', () => {
    const run = (kernel: '5.4' | '5.10'): { listed: number[]; oldLeft: number } => {
      const e = engineOf(`kernel=${kernel}&cpus=8&rx=0&entries=4:256&rate=0`);
      e.runUntil(1 * MS);
      const old = e.entries[0];
      e.apply({ at: 0, op: 'free' });
      e.apply({ at: 0, op: 'create', max: null });
      e.apply({ at: 0, op: 'update', key: 5, qsize: 256, flags: 0 });
      const fresh = e.entries.find((x) => x.cpu === 5)!;
      redirectFrame(e, 0, old);
      redirectFrame(e, 0, fresh);
      const listed = listKeys(e, 0);
      endOfPoll(e, 0);
      return { listed, oldLeft: old.bqCount[0] };
    };
    expect(run('5.10')).toEqual({ listed: [5, 4], oldLeft: 0 });
    expect(run('5.4')).toEqual({ listed: [5], oldLeft: 1 });
  });
});

describe('5.10: the kthread of 5.9', () => {
  it('5.10: the kthread tracepoint line carries xdp_pass/xdp_drop/xdp_redirect; 5.4 has none', () => {
    const line = (kernel: '5.4' | '5.10'): string => {
      const e = engineOf(`kernel=${kernel}&rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant`, { traceCapacity: 1000 });
      e.runUntil(1 * MS);
      const ev = e.world.traceRing!.read().find((x) => x.kind === 'kthread')!;
      return formatTraceLine(ev);
    };
    expect(line('5.10')).toMatch(
      /xdp_cpumap_kthread: kthread cpu=4 map_id=7 action=REDIRECT processed=1 drops=0 sched=1 xdp_pass=0 xdp_drop=0 xdp_redirect=0$/,
    );
    expect(line('5.4')).toMatch(/processed=1 drops=0 sched=1$/);
  });

  it('5.10: __ptr_ring_consume_batched takes no consumer lock, so a saturated kthread handles more frames than on 5.4', () => {
    const handled = (kernel: '5.4' | '5.10'): number => {
      const e = engineOf(`kernel=${kernel}&rx=3&entries=4:128&rate=19.4M&link=40&prog=rr&arrival=constant&stack=iptables-drop`);
      e.runUntil(10 * MS);
      return e.world.counters.kthProcessed[4];
    };
    const v54 = handled('5.4');
    const v510 = handled('5.10');
    expect(v510).toBeGreaterThan(v54);
    // 8 ns a batch of 8 saved out of about 130 ns a frame: a few percent, no more.
    expect(v510 / v54).toBeLessThan(1.02);
  });
});
