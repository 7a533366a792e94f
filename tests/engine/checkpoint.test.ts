/**
 * Checkpoints for time travel: a restored copy runs forward exactly as the original does, the
 * checkpoint itself is never changed by a restore, and what cannot be copied is refused.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../src/engine/engine';
import { restoreCheckpoint, takeCheckpoint } from '../../src/engine/checkpoint/checkpoint';
import { copyGraphWithPairs } from '../../src/engine/checkpoint/cloneGraph';

const cloneGraph = <T>(root: T): T => copyGraphWithPairs(root).copy;
import { deferClosure } from '../../src/engine/sim/deferred';
import { TraceRing } from '../../src/engine/kernel/tracepoints';
import { MS, scenarioOf } from './helpers';
import { engineFingerprint, expectSame, scenarioArb } from './arbitraries';

/** Runs `query` to `t`, with a trace ring from the start (so fingerprints include the trace). */
function fresh(query: string, t: number): Engine {
  const e = new Engine(scenarioOf(query));
  e.runUntil(t);
  return e;
}

/** An engine's fingerprint once run on to `t`. */
function fingerprintAt(e: Engine, t: number): string {
  e.runUntil(t);
  expect(e.now).toBe(t);
  return engineFingerprint(e);
}

const TEARDOWN_UNDER_LOAD = [
  // An entry deleted under load: the checkpoint falls between the xchg and the RCU callback.
  'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=2ms:delete:4',
  // The map freed under load, and qsize changed under load.
  'rx=0,1&entries=4:256,5:256&rate=2M&prog=hash&ops=2ms:free',
  'rx=3&entries=4:2048&rate=10M&prog=rr&stack=iptables-drop&ops=2ms:update:4:64',
  // A kthread stopped before it ever ran (the entry leaks), with failslab on the way.
  'kernel=5.0&cpus=4&rx=0&entries=1:128,2:128&rate=2M&prog=hash&ops=1ms:failslab:1,2ms:update:1:64,2ms:delete:1',
  // The map freed and re-created under load, an RX interrupt moved while NAPI polls, the load changed.
  'rx=0,1&entries=4:256,5:256&rate=6M&prog=hash&ops=2ms:free,2ms:create,2ms:update:4:64,2.5ms:irq:1:3,3ms:rate:500k',
];

describe('engine checkpoints', () => {
  for (const query of TEARDOWN_UNDER_LOAD) {
    it(`restoring rewinds the engine in place, and it runs on exactly as before: ${query.slice(query.indexOf('ops='))}`, () => {
      const e = fresh(query, 0);
      e.world.traceRing = new TraceRing(1 << 16);
      const cuts = [1.9 * MS, 2 * MS, 2.0004 * MS, 2.5 * MS, 3.3 * MS];
      const checkpoints = cuts.map((t) => {
        e.runUntil(t);
        return takeCheckpoint({ engine: e });
      });
      const want = withoutTrace(fingerprintAt(e, 8 * MS));
      // Latest first, then back and forth: each restore starts from wherever the last one left off.
      for (const cp of [...checkpoints].reverse().concat(checkpoints[2], checkpoints[0])) {
        const { engine } = restoreCheckpoint(cp);
        expect(engine).toBe(e);
        expect(e.now).toBe(cp.at);
        // Neither presentation buffer travels with a checkpoint.
        expect(e.world.traceRing).toBeNull();
        expect(e.world.moves).toBeNull();
        e.world.traceRing = new TraceRing(1 << 16);
        // The trace differs (the ring starts at the checkpoint), everything else is the same.
        expectSame(withoutTrace(fingerprintAt(e, 8 * MS)), want, `${query} from ${cp.at} ns`);
      }
    });
  }

  it('a checkpoint is only read: restoring it twice runs the same, and its copy never changes', () => {
    const query = TEARDOWN_UNDER_LOAD[0];
    const e = fresh(query, 1.99 * MS);
    const cp = takeCheckpoint({ engine: e });
    const entriesThen = e.entries.length;
    restoreCheckpoint(cp);
    const a = fingerprintAt(e, 6 * MS);
    restoreCheckpoint(cp);
    expect(e.now).toBe(1.99 * MS);
    expectSame(fingerprintAt(e, 6 * MS), a, query);
    expect(cp.copy.engine.now).toBe(1.99 * MS);
    expect(cp.copy.engine.world.pool).not.toBe(e.world.pool);
    expect(cp.copy.engine.entries).toHaveLength(entriesThen);
  });

  it('objects made after the checkpoint are gone once it is restored', () => {
    const e = fresh('rx=0&entries=4:64&rate=1M&ops=3ms:update:5:32,4ms:update:4:128', 2 * MS);
    const cp = takeCheckpoint({ engine: e });
    const ring = e.entries[0].ring;
    e.runUntil(5 * MS);
    expect(e.entries).toHaveLength(3);
    restoreCheckpoint(cp);
    expect(e.entries).toHaveLength(1);
    expect(e.world.map?.slots[5]).toBeNull();
    // The objects that existed then are the same objects again.
    expect(e.entries[0].ring).toBe(ring);
    expect(e.world.map?.slots[4]).toBe(e.entries[0]);
  });

  it('a checkpoint counts its typed-array bytes', () => {
    const cp = takeCheckpoint({ engine: fresh('rx=3&entries=4:2048&rate=10M&prog=rr', 1 * MS) });
    // At least the 2048-slot ring of the entry (4 bytes a slot) and the frame pool.
    expect(cp.bytes).toBeGreaterThan(2048 * 4);
    expect(cp.bytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a pending closure instead of copying it wrongly, naming where it is', () => {
    const e = fresh('rx=0&entries=4:64&rate=100k', 0);
    e.world.control.push(
      5 * MS,
      'probe',
      deferClosure(() => {}),
    );
    expect(() => takeCheckpoint({ engine: e })).toThrow(/root\.engine\.world\.control\.items.*not a deferred-call handler/);
  });

  it('refuses views onto part of a buffer and built-ins it cannot copy', () => {
    const buf = new Int32Array(8);
    expect(() => cloneGraph({ part: buf.subarray(2, 4) })).toThrow(/root\.part is a view/);
    expect(() => cloneGraph({ when: new Date(0) })).toThrow(/built-in object \(Date\)/);
    // Shared references and cycles are kept as such in the copy.
    const node: { self?: unknown; arr: Int32Array } = { arr: buf };
    node.self = node;
    const copy = cloneGraph({ a: node, b: node });
    expect(copy.a).toBe(copy.b);
    expect(copy.a.self).toBe(copy.a);
    expect(copy.a.arr).not.toBe(buf);
    expect(Array.from(copy.a.arr)).toEqual(Array.from(buf));
  });

  it('random scenarios and timelines: checkpoint anywhere, run on, restore, run on again, same as without', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 15 * MS }), (query, at) => {
        const straight = engineFingerprint(fresh(query, 20 * MS));
        const e = fresh(query, at);
        const cp = takeCheckpoint({ engine: e });
        e.runUntil(20 * MS);
        expectSame(engineFingerprint(e), straight, `${query} first pass, checkpoint at ${at} ns`);
        restoreCheckpoint(cp);
        e.runUntil(20 * MS);
        expectSame(engineFingerprint(e), straight, `${query} after going back to ${at} ns`);
        expect(e.check()).toEqual([]);
      }),
      { numRuns: 30, seed: 20260501 },
    );
  }, 120_000);
});

function withoutTrace(fingerprint: string): string {
  const parsed = JSON.parse(fingerprint) as Record<string, unknown>;
  delete parsed.trace;
  return JSON.stringify(parsed);
}
