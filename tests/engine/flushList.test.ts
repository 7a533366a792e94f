/**
 * 5.4's flush list ("devmap/cpumap: Use flush list instead of bitmap", 5.3): bq_enqueue puts a
 * CPU's bulk queue on that CPU's list of the map once, __cpu_map_flush walks the list (no map slot
 * is read), and cpu_map_free waits for the lists to be empty, which they are after every poll.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { deferClosure } from '../../src/engine/sim/deferred';
import { endOfPoll, engineOf, MS, redirectFrame, exact, listKeys } from './helpers';
import { inspect } from '../../src/worker/inspect';

/** Two RX queues on CPUs 0 and 1, two entries on CPUs 4 and 5, round-robin between them. */
const LOAD = 'cpus=8&rx=0,1&entries=4:256,5:256&rate=4M&prog=rr&stack=iptables-drop';

/**
 * A 5.4 run where key 4 is deleted while an RX CPU's bulk queue of it holds frames: the time is
 * found by trying delete times just before the flushes a probe run saw.
 */
function midPollDelete(kernel: '5.2' | '5.4'): { e: Engine; at: number; bqAtXchg: number[] } {
  const load = `kernel=${kernel}&${LOAD}`;
  const probe = engineOf(load, { traceCapacity: 200_000 });
  probe.runUntil(5.2 * MS);
  const flushes = probe.world.traceRing!.read().filter((x) => x.kind === 'enqueue' && x.extra === 4 && x.at >= 5 * MS);
  for (const f of flushes.slice(0, 20)) {
    for (const back of [300, 600, 900, 1200]) {
      const at = Math.round(f.at - back);
      const e = engineOf(`${load}&ops=${at}ns:delete:4`, { traceCapacity: 200_000 });
      const victim = e.entries[0];
      let bqAtXchg: number[] = [];
      e.world.control.push(
        at,
        'test probe',
        deferClosure(() => {
          bqAtXchg = Array.from(victim.bqCount);
        }),
      );
      e.runUntil(at);
      if (victim.detached && bqAtXchg.some((n) => n > 0)) return { e, at, bqAtXchg };
    }
  }
  throw new Error('no delete time found with frames in a bulk queue');
}

describe('5.4: the flush list of bulk queues', () => {
  it("5.4: bq_enqueue puts the bulk queue on the CPU's flush list once, newest at the head, and __cpu_map_flush empties it", () => {
    const e = engineOf(`kernel=5.4&cpus=8&rx=0&entries=4:256,5:256&rate=0`);
    const [four, five] = e.entries;
    for (let i = 0; i < 3; i++) redirectFrame(e, 0, four);
    expect(listKeys(e, 0)).toEqual([4]);
    redirectFrame(e, 0, five);
    expect(listKeys(e, 0)).toEqual([5, 4]);
    // No bitmap on 5.4.
    expect(e.world.map!.flushNeededCount[0]).toBe(0);
    // A full bulk is flushed by bq_enqueue itself, which takes the bulk queue off the list; the
    // frame appended after it puts it back, at the head.
    for (let i = 0; i < 6; i++) redirectFrame(e, 0, four);
    expect(four.bqCount[0]).toBe(1);
    expect(listKeys(e, 0)).toEqual([4, 5]);
    expect(listKeys(e, 1)).toEqual([]);
    endOfPoll(e, 0);
    expect(listKeys(e, 0)).toEqual([]);
    expect([...four.onFlushList, ...five.onFlushList].every((b) => b === 0)).toBe(true);
    expect(four.bqCount[0] + five.bqCount[0]).toBe(0);
    expect(four.ring.count).toBe(9);
    expect(five.ring.count).toBe(1);
  });

  it("5.4: a delete between bq_enqueue and the end of the poll: __cpu_map_flush still flushes the old entry's bulk queue, from the RX CPU, and leaves nothing marked", () => {
    const { e, at, bqAtXchg } = midPollDelete('5.4');
    const victim = e.entries[0];
    e.runUntil(at + 50_000);
    for (let cpu = 0; cpu < 8; cpu++) expect(listKeys(e, cpu)).toEqual([]);
    expect(e.world.map!.anyFlushNeeded()).toBe(false);
    // The frames went into the old entry's ring at the end of the poll, traced on the RX CPU that
    // held them, not on the control CPU by the RCU callback.
    expect(Array.from(victim.bqCount)).toEqual(new Array(8).fill(0));
    const flushed = e.world.traceRing!.read().filter((x) => x.kind === 'enqueue' && x.extra === 4 && x.at >= at);
    const rxCpus = bqAtXchg.map((n, cpu) => (n > 0 ? cpu : -1)).filter((c) => c >= 0);
    for (const cpu of rxCpus) expect(flushed.some((x) => x.cpu === cpu)).toBe(true);
    e.runUntil(30 * MS);
    expect(victim.lifecycle.state).toBe('freed');
    exact(e);
  });

  it('5.4: a map freed after that delete does not wait on a bitmap bit: cpu_map_free finishes and tears down the other entry', () => {
    const { e } = midPollDelete('5.4');
    const map = e.world.map!;
    expect(e.apply({ at: 0, op: 'free' }).result).toBe('0');
    e.runUntil(30 * MS);
    expect(map.anyFlushNeeded()).toBe(false);
    expect(e.world.map).toBe(null);
    expect(e.entries[0].lifecycle.state).toBe('freed');
    expect(e.entries[1].lifecycle.state).toBe('freed');
    expect(e.world.log.some((l) => l.text.includes('waiting for flush_needed bits'))).toBe(false);
    expect(e.world.log.some((l) => l.text === `cpu_map_free(map ${map.id}) done`)).toBe(true);
    exact(e);
  });

  it('5.2 against 5.4, the same free after the same kind of delete: 5.2 stays stuck on the bit, 5.4 frees the map', () => {
    const stuck = midPollDelete('5.2').e;
    const freed = midPollDelete('5.4').e;
    for (const e of [stuck, freed]) {
      e.apply({ at: 0, op: 'free' });
      e.runUntil(30 * MS);
    }
    expect(stuck.world.map).not.toBe(null);
    expect(stuck.entries[1].lifecycle.state).toBe('live');
    expect(freed.world.map).toBe(null);
    expect(freed.entries[1].lifecycle.state).toBe('freed');
  });
});

describe('5.4 in the Inspector', () => {
  it('5.4: a CPU shows its flush list and a bulk queue whether it is on it, where 5.2 shows the flush_needed bitmap', () => {
    for (const kernel of ['5.2', '5.4'] as const) {
      const e = engineOf(`kernel=${kernel}&cpus=8&rx=0&entries=4:256,5:256&rate=0`);
      const [four, five] = e.entries;
      redirectFrame(e, 0, four);
      redirectFrame(e, 0, five);
      const cpu = new Map(inspect(e, { kind: 'cpu', cpu: 0 }).fields);
      const bulkq = new Map(inspect(e, { kind: 'bulkq', uid: four.uid, cpu: 0 }).fields);
      if (kernel === '5.4') {
        expect(cpu.get('flush list')).toBe('bulk queue for CPU 5, bulk queue for CPU 4');
        expect(cpu.has('flush_needed')).toBe(false);
        expect(bulkq.get("on CPU 0's flush list")).toBe('yes');
      } else {
        expect(cpu.get('flush_needed')).toBe('key 4, key 5');
        expect(cpu.has('flush list')).toBe(false);
        expect(bulkq.get('flush_needed bit (CPU 0, key 4)')).toBe('set');
      }
    }
  });
});
