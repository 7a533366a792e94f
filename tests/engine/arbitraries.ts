/**
 * Shared by the property tests: random scenarios with random timelines (map operations, re-creates,
 * rate changes and RX interrupt moves), and an engine's observable state as one string.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import type { Engine } from '../../src/engine/engine';

/** An `ops` item; an irq item's queue is written modulo the scenario's RX queues. */
type OpItem = string | { at: string; queue: number; cpu: number };

/** The `arrival` parameter: constant, poisson or bursty:N. */
export const arrivalArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant('constant'),
  fc.constant('poisson'),
  fc.integer({ min: 2, max: 256 }).map((b) => `bursty:${b}`),
);

/** The `prog` parameter, with `cpu:N` up to `maxKey`. */
export const progArb = (maxKey: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant('rr'),
    fc.constant('hash'),
    fc.integer({ min: 0, max: maxKey }).map((c) => `cpu:${c}`),
  );

/** The `stack` parameter. */
export const stackArb = fc.constantFrom('iptables-drop', 'udp-noport', 'deliver');

const opArb = (max: number, cpus: number): fc.Arbitrary<OpItem> => {
  const at = fc.integer({ min: 0, max: 15_000 }).map((us) => `${us}us`);
  const key = fc.integer({ min: 0, max: max + 1 });
  const qsize = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 512 }), fc.constant(16385));
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(at, key, qsize, fc.integer({ min: 0, max: 3 })).map(([t, k, q, f]) => `${t}:update:${k}:${q}:${f}`) },
    { weight: 3, arbitrary: fc.tuple(at, key).map(([t, k]) => `${t}:delete:${k}`) },
    { weight: 1, arbitrary: fc.tuple(at, key).map(([t, k]) => `${t}:lookup:${k}`) },
    { weight: 1, arbitrary: fc.tuple(at, fc.option(key)).map(([t, k]) => (k === null ? `${t}:next` : `${t}:next:${k}`)) },
    { weight: 1, arbitrary: at.map((t) => `${t}:free`) },
    { weight: 1, arbitrary: fc.tuple(at, fc.integer({ min: 1, max: 3 })).map(([t, n]) => `${t}:failslab:${n}`) },
    {
      weight: 1,
      arbitrary: fc.tuple(at, fc.option(fc.constantFrom(0, 4, max, 65))).map(([t, m]) => `${t}:create${m === null ? '' : `:${m}`}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(at, fc.oneof(fc.constantFrom(0, 14_880_000), fc.integer({ min: 1, max: 5_000_000 })))
        .map(([t, r]) => `${t}:rate:${r}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(at, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: cpus - 1 }))
        .map(([t, queue, cpu]) => ({ at: t, queue, cpu })),
    },
  );
};

function opText(item: OpItem, rxQueues: number): string {
  return typeof item === 'string' ? item : `${item.at}:irq:${item.queue % rxQueues}:${item.cpu}`;
}

/** A random scenario as a query string (always a clean one). */
export const scenarioArb: fc.Arbitrary<string> = fc.integer({ min: 2, max: 16 }).chain((cpus) =>
  fc.boolean().chain((wide) => {
    const max = wide ? cpus + 2 : cpus;
    const cpu = fc.integer({ min: 0, max: cpus - 1 });
    return fc
      .record({
        kernel: fc.constantFrom('5.0', '5.2'),
        preempt: fc.constantFrom('full', 'none'),
        rx: fc.array(cpu, { minLength: 1, maxLength: 3 }),
        entries: fc
          .uniqueArray(fc.integer({ min: 0, max: max + 1 }), { maxLength: 4 })
          .chain((keys) => fc.tuple(...keys.map((k) => fc.integer({ min: 1, max: 512 }).map((q) => `${k}:${q}`)))),
        // Light traffic, or a few Mpps.
        rate: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 500_000, max: 5_000_000 })),
        arrival: arrivalArb,
        prog: progArb(max + 1),
        stack: stackArb,
        seed: fc.integer({ min: 0, max: 0xffffffff }),
        drop: fc.oneof(
          fc.constant(0),
          fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
        ),
        ring: fc.constantFrom(64, 512),
        ops: fc.array(opArb(max, cpus), { maxLength: 8 }),
      })
      .map(
        (r) =>
          `kernel=${r.kernel}&preempt=${r.preempt}&cpus=${cpus}&max=${max}&rx=${r.rx.join(',')}&ring=${r.ring}&entries=${r.entries.join(',')}` +
          `&rate=${r.rate}&arrival=${r.arrival}&prog=${r.prog}&stack=${r.stack}&seed=${r.seed}&drop=${r.drop}` +
          `&ops=${r.ops.map((o) => opText(o, r.rx.length)).join(',')}`,
      );
  }),
);

/** Equal fingerprints; on a difference, shows only the neighbourhood of its first character. */
export function expectSame(actual: string, expected: string, query: string): void {
  if (actual === expected) return;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  const around = (x: string): string => x.slice(Math.max(0, i - 150), i + 150);
  expect(around(actual), `${query}: first difference at character ${i}`).toBe(around(expected));
}

/** Everything observable about a run (the trace when the engine keeps one), as one string. */
export function engineFingerprint(e: Engine): string {
  const w = e.world;
  const c = w.counters;
  return JSON.stringify({
    now: e.now,
    acct: { ...w.acct },
    counters: [
      c.enqProcessed,
      c.enqDrops,
      c.enqEvents,
      c.kthProcessed,
      c.kthDrops,
      c.kthSched,
      c.kthEvents,
      c.rxProcessed,
      c.redirectErr,
    ].map((a) => Array.from(a)),
    ops: e.ops.map((o) => [o.at, o.op, o.key, o.result, o.value, o.next]),
    entries: e.entries.map((x) => [x.uid, x.cpu, x.refcnt, x.lifecycle.state, x.lifecycle.history.map((h) => [h.atNs, h.event])]),
    trace: w.traceRing === null ? null : w.traceRing.read(),
    log: w.log.map((l) => [l.at, l.text]),
    inFlight: e.inFlight(),
    violations: w.violations,
  });
}
