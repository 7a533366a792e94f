/**
 * Checkpoints for time travel: a restored copy runs forward exactly as the original does, the
 * checkpoint itself is never changed by a restore, and what cannot be copied is refused.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../src/engine/engine';
import { restoreCheckpoint, takeCheckpoint } from '../../src/engine/checkpoint/checkpoint';
import { cloneGraph } from '../../src/engine/checkpoint/cloneGraph';
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
];

describe('engine checkpoints', () => {
  for (const query of TEARDOWN_UNDER_LOAD) {
    it(`a restored copy continues exactly as the original: ${query.slice(query.indexOf('ops='))}`, () => {
      const original = fresh(query, 0);
      original.world.traceRing = new TraceRing(1 << 16);
      const cuts = [1.9 * MS, 2 * MS, 2.0004 * MS, 2.5 * MS, 3.3 * MS];
      const checkpoints = cuts.map((t) => {
        original.runUntil(t);
        return takeCheckpoint(original);
      });
      const want = fingerprintAt(original, 8 * MS);
      for (const cp of checkpoints) {
        const copy = restoreCheckpoint(cp);
        expect(copy.now).toBe(cp.at);
        // Neither presentation buffer travels with a checkpoint.
        expect(copy.world.traceRing).toBeNull();
        expect(copy.world.moves).toBeNull();
        copy.world.traceRing = new TraceRing(1 << 16);
        const got = fingerprintAt(copy, 8 * MS);
        // The trace differs (the copy's ring starts at the checkpoint), everything else is the same.
        expectSame(withoutTrace(got), withoutTrace(want), `${query} from ${cp.at} ns`);
      }
    });
  }

  it('restoring does not change the checkpoint: two restores run the same', () => {
    const query = TEARDOWN_UNDER_LOAD[0];
    const e = fresh(query, 1.99 * MS);
    const cp = takeCheckpoint(e);
    const a = restoreCheckpoint(cp);
    a.runUntil(6 * MS);
    const b = restoreCheckpoint(cp);
    expect(b.now).toBe(1.99 * MS);
    b.runUntil(6 * MS);
    expectSame(engineFingerprint(b), engineFingerprint(a), query);
    // And the copies share no mutable state with the original.
    e.runUntil(3 * MS);
    expect(cp.engine.now).toBe(1.99 * MS);
    expect(cp.engine.world.pool).not.toBe(e.world.pool);
    expect(cp.engine.world.entries[0]).not.toBe(e.world.entries[0]);
  });

  it('a checkpoint counts its typed-array bytes', () => {
    const cp = takeCheckpoint(fresh('rx=3&entries=4:2048&rate=10M&prog=rr', 1 * MS));
    // At least the 2048-slot ring of the entry (4 bytes a slot) and the frame pool.
    expect(cp.bytes).toBeGreaterThan(2048 * 4);
    expect(cp.bytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a pending closure instead of copying it wrongly, naming where it is', () => {
    const e = fresh('rx=0&entries=4:64&rate=100k', 0);
    e.world.control.push(5 * MS, 'probe', deferClosure(() => {}));
    expect(() => takeCheckpoint(e)).toThrow(/root\.world\.control\.items.*not a deferred-call handler/);
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

  it('random scenarios and timelines: checkpoint anywhere, restore, run on, same as without', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 15 * MS }), (query, at) => {
        const straight = fresh(query, 20 * MS);
        const head = fresh(query, at);
        const cp = takeCheckpoint(head);
        // The original runs on first: nothing it does may reach the checkpoint.
        head.runUntil(20 * MS);
        const copy = restoreCheckpoint(cp);
        copy.runUntil(20 * MS);
        expectSame(engineFingerprint(head), engineFingerprint(straight), `${query} original cut at ${at} ns`);
        expectSame(engineFingerprint(copy), engineFingerprint(straight), `${query} copy cut at ${at} ns`);
        expect(copy.check()).toEqual([]);
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
