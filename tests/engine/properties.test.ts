/**
 * Properties over random scenarios with random timelines of map operations: the engine's
 * invariants hold (every offered frame is in exactly one bucket or in flight, lifecycle order,
 * refcounts), a scenario with its seed replays identically, and how a run is sliced into
 * runUntil calls does not change it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../src/engine/engine';
import { MS, scenarioOf } from './helpers';
import { engineFingerprint, expectSame, scenarioArb } from './arbitraries';

const UNTIL = 20 * MS;

const CHECKPOINTS = [1 * MS, 5 * MS, 10 * MS, 15 * MS, UNTIL];

/**
 * Runs a scenario to UNTIL, checking the invariants at CHECKPOINTS; `cuts` are extra times the run
 * is sliced at (as the explorer's pacer slices it). Returns everything observable.
 */
function run(query: string, cuts: number[] = []): { fingerprint: string; violations: string[]; balance: [number, number][] } {
  const e = new Engine(scenarioOf(query), { traceCapacity: 2000 });
  const balance: [number, number][] = [];
  const times = [...new Set([...CHECKPOINTS, ...cuts])].sort((x, y) => x - y);
  for (const t of times) {
    e.runUntil(t);
    if (!CHECKPOINTS.includes(t)) continue;
    e.check();
    balance.push([e.world.acct.offered, e.world.acct.terminal() + e.inFlight()]);
  }
  const fingerprint = engineFingerprint(e);
  return { fingerprint, violations: [...e.check()], balance };
}

describe('random scenarios with random map-operation timelines, 20 ms each', () => {
  it('keep every invariant, balance the frame accounts at every check, and replay identically from the same seed', () => {
    fc.assert(
      fc.property(scenarioArb, (query) => {
        const a = run(query);
        expect(a.violations, query).toEqual([]);
        for (const [offered, accounted] of a.balance) expect(accounted, query).toBe(offered);
        const b = run(query);
        expectSame(b.fingerprint, a.fingerprint, query);
      }),
      { numRuns: 40, seed: 20190417 },
    );
  }, 120_000);

  it('give the same result however the run is sliced into runUntil calls', () => {
    const cuts = fc.uniqueArray(fc.integer({ min: 1, max: UNTIL - 1 }), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(scenarioArb, cuts, (query, at) => {
        expectSame(run(query, at).fingerprint, run(query).fingerprint, query);
      }),
      { numRuns: 30, seed: 5_2_0 },
    );
  }, 120_000);
});

describe('slicing a run', () => {
  // Found by the slicing property (numRuns 300, wider rates). Fails because of the engine bug
  // described in bulkq.test.ts ("producers of one ring act in simulated-time order"): with the
  // extra cut, CPU 0's end-of-poll flush at about 3.884 ms takes the 1-slot ring before CPU 1's
  // flush at 3.883792 ms is executed; without it, the other way round.
  it('a cut at 3.883389 ms does not change a two-RX-CPU run into a 1-slot ring', () => {
    const query =
      'kernel=5.0&cpus=6&max=8&rx=1,0&ring=64&entries=0:1&rate=1071268&arrival=bursty:2&prog=hash&stack=iptables-drop&seed=1640963593&drop=0.42&ops=';
    expectSame(run(query, [3_883_389]).fingerprint, run(query).fingerprint, query);
  });
});

describe('a few fixed timelines that stress teardown', () => {
  const cases = [
    // Update storm on one key under load: many entries torn down while the next ones fill.
    'kernel=5.2&cpus=8&rx=0,1&entries=4:64&rate=3M&prog=rr&stack=udp-noport&ops=1ms:update:4:32,1.2ms:update:4:16,1.4ms:update:4:256,3ms:delete:4,3.1ms:update:4:8,6ms:free',
    // Free right after a delete (the delete's flush bit may stay set), with failslab in between.
    'kernel=5.0&cpus=4&rx=0&entries=1:128,2:128,3:128&rate=2M&prog=hash&stack=iptables-drop&ops=2ms:failslab:2,2ms:update:1:64,2ms:update:2:64,2.5ms:delete:3,2.5ms:free',
    // Entries on the RX CPU itself, replaced while it is overloaded.
    'kernel=5.2&cpus=2&rx=0&entries=0:64,1:64&rate=3M&prog=rr&stack=deliver&ops=4ms:update:0:128,8ms:delete:1',
  ];
  for (const query of cases) {
    it(`stays consistent: ${query.slice(query.indexOf('ops='))}`, () => {
      const r = run(query);
      expect(r.violations).toEqual([]);
      for (const [offered, accounted] of r.balance) expect(accounted).toBe(offered);
    });
  }
});
