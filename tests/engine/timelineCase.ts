/**
 * Long random timelines for the invariant suite (timelines.test.ts): a random scenario, 0 to 60
 * `ops` items over 100 to 300 ms of simulated time (map operations, re-adds, qsize changes, frees
 * and re-creates, failslab, offered-load changes, RX interrupt moves), some of them done by hand
 * between steps as the explorer's form does, and the pacer speeds the run is stepped at. Every part is drawn from integers and arrays, which fast-check shrinks well; the
 * whole case is one scenario query, so a failure is one link.
 */
import fc from 'fast-check';
import { arrivalArb, progArb, stackArb } from './arbitraries';
import { formatDuration, formatRate } from '../../src/scenario/units';
import { lineRatePps } from '../../src/scenario/defaults';
import { serializeScenario } from '../../src/scenario/serialize';
import type { Scenario } from '../../src/scenario/types';

/** The explorer's address: a failing case is printed as a link to it. */
export const EXPLORER = 'http://localhost:4173/';

/** 64-byte frames on 10 Gbit/s: 14,880,952 pps. */
const LINE_RATE = lineRatePps(10, 64);

/** The speed slider's notches from 1.67 us of simulated time per display frame up to real time (ns per second). */
const SPEEDS = [1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8, 2e8, 5e8, 1e9] as const;
/** A display frame at 60 Hz, in ms. */
const FRAME_MS = 1000 / 60;
/** "As fast as possible": the pacer then advances in chunks of about this much per frame. */
const AS_FAST_AS_POSSIBLE_NS = 50_000_000;

/** One stretch of the run at one speed: `frames` display frames, each a runUntil step. */
export interface SpeedSegment {
  /** Index into the speed notches; one past the last means as fast as possible. */
  notch: number;
  frames: number;
}

export interface TimelineCase {
  /** The scenario, timeline included, as a query string. */
  query: string;
  /**
   * For each of the query's `ops` items, in order: whether it is done by hand instead, as the
   * explorer's form does, at the end of the first step that reaches its time.
   */
  byHand: boolean[];
  durationNs: number;
  segments: SpeedSegment[];
}

/** Simulated ns one display frame advances at a segment's speed. */
export function stepNs(segment: SpeedSegment): number {
  return segment.notch >= SPEEDS.length ? AS_FAST_AS_POSSIBLE_NS : Math.round((SPEEDS[segment.notch] * FRAME_MS) / 1000);
}

/**
 * The end times of the run's steps: the segments over and over until the duration. At most
 * `maxSteps`: once fewer steps are left than slow ones would need, each step is stretched to an
 * equal share of what remains (so a case made only of the slowest speeds still ends).
 */
export function stepEnds(c: TimelineCase, maxSteps: number): number[] {
  const ends: number[] = [];
  let t = 0;
  for (let i = 0; t < c.durationNs; i++) {
    const seg = c.segments[i % c.segments.length];
    for (let f = 0; f < seg.frames && t < c.durationNs; f++) {
      const floor = Math.ceil((c.durationNs - t) / Math.max(1, maxSteps - ends.length));
      t = Math.min(c.durationNs, t + Math.max(stepNs(seg), floor));
      ends.push(t);
    }
  }
  return ends;
}

/** The explorer link that replays a scenario, paused at `atNs`. */
export function caseLink(scenario: Scenario, atNs: number): string {
  return `${EXPLORER}?${serializeScenario(scenario)}&paused=1&t=${formatDuration(Math.round(atNs))}`;
}

/** An offered load: none, a trickle, a few Mpps, or the line rate. */
const rateArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 100_000 }),
  fc.integer({ min: 500_000, max: 5_000_000 }),
  fc.constant(LINE_RATE),
);

/** Time of an item, as 1/10000ths of the duration (shrinks to time 0). */
const whenArb = fc.integer({ min: 0, max: 10_000 });

/** An `ops` item, drawn as small integers; `writeOp` turns it into text for a scenario. */
type DrawnOp =
  | { when: number; op: 'update'; key: number; qsize: number; flags: number }
  | { when: number; op: 'delete' | 'lookup'; key: number }
  | { when: number; op: 'next'; key: number | null }
  | { when: number; op: 'free' }
  | { when: number; op: 'create'; max: number | null }
  | { when: number; op: 'failslab'; count: number }
  | { when: number; op: 'rate'; rate: number }
  | { when: number; op: 'irq'; queue: number; cpu: number };

/** Keys are drawn from 0 to 17 and written modulo max + 2 (so a few are out of range). */
const keyArb = fc.integer({ min: 0, max: 17 });

const drawnOpArb: fc.Arbitrary<DrawnOp> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      when: whenArb,
      op: fc.constant('update' as const),
      key: keyArb,
      // qsize 0 deletes; 16385 is -EOVERFLOW; the rest re-add or resize.
      qsize: fc.oneof(
        { weight: 1, arbitrary: fc.constant(0) },
        { weight: 6, arbitrary: fc.integer({ min: 1, max: 512 }) },
        { weight: 1, arbitrary: fc.constantFrom(2048, 16384, 16385) },
      ),
      // Mostly BPF_ANY; BPF_EXIST also updates; BPF_NOEXIST and 3 are refused.
      flags: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ when: whenArb, op: fc.constant('delete' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ when: whenArb, op: fc.constant('lookup' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.record({ when: whenArb, op: fc.constant('next' as const), key: fc.option(keyArb, { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ when: whenArb, op: fc.constant('free' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      when: whenArb,
      op: fc.constant('create' as const),
      // Mostly the scenario's max; sometimes another, 0 (-EINVAL) or 65 (-E2BIG).
      max: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, 4, 12, 64, 65) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ when: whenArb, op: fc.constant('failslab' as const), count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ when: whenArb, op: fc.constant('rate' as const), rate: rateArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      when: whenArb,
      op: fc.constant('irq' as const),
      // Written modulo the scenario's RX queues and CPUs.
      queue: fc.integer({ min: 0, max: 3 }),
      cpu: fc.integer({ min: 0, max: 15 }),
    }),
  },
);

interface Shape {
  cpus: number;
  max: number;
  rxQueues: number;
  durationNs: number;
}

/** One drawn item as `TIME:OP[:ARGS]` for this scenario. */
function writeOp(d: DrawnOp, s: Shape): { at: number; text: string } {
  const at = Math.floor((s.durationNs * d.when) / 10_000);
  const key = (k: number): number => k % (s.max + 2);
  let item: string;
  switch (d.op) {
    case 'update':
      item = `update:${key(d.key)}:${d.qsize}:${d.flags}`;
      break;
    case 'delete':
    case 'lookup':
      item = `${d.op}:${key(d.key)}`;
      break;
    case 'next':
      item = d.key === null ? 'next' : `next:${key(d.key)}`;
      break;
    case 'free':
      item = 'free';
      break;
    case 'create':
      item = d.max === null ? 'create' : `create:${d.max}`;
      break;
    case 'failslab':
      item = `failslab:${d.count}`;
      break;
    case 'rate':
      item = `rate:${formatRate(d.rate)}`;
      break;
    case 'irq':
      item = `irq:${d.queue % s.rxQueues}:${d.cpu % s.cpus}`;
      break;
  }
  return { at, text: `${formatDuration(at)}:${item}` };
}

/** Mostly timed from the start; a third done by hand (shrinks to timed). */
const byHandArb = fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

/** A random case; its parts shrink independently (no chained draws). */
export const timelineCaseArb: fc.Arbitrary<TimelineCase> = fc
  .record({
    cpus: fc.integer({ min: 2, max: 16 }),
    // Two more slots than CPUs: updates to them fail with -ENODEV.
    wide: fc.boolean(),
    kernel: fc.constantFrom('5.0', '5.2'),
    // CPUs of the RX queues, written modulo cpus.
    rx: fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 4 }),
    entries: fc.uniqueArray(fc.integer({ min: 0, max: 17 }), { maxLength: 4 }),
    qsize: fc.integer({ min: 1, max: 512 }),
    rate: rateArb,
    arrival: arrivalArb,
    prog: progArb(17),
    stack: stackArb,
    flows: fc.constantFrom(1, 8, 64, 1024),
    drop: fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 100 }).map((p) => p / 100) },
    ),
    ring: fc.constantFrom(64, 512),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    durationMs: fc.integer({ min: 100, max: 300 }),
    // Uniform lengths (no bias towards short ones), shrinking to none.
    ops: fc.noBias(fc.array(fc.record({ drawn: drawnOpArb, byHand: byHandArb }), { maxLength: 60, size: 'max' })),
    segments: fc.array(fc.record({ notch: fc.integer({ min: 0, max: SPEEDS.length }), frames: fc.integer({ min: 1, max: 240 }) }), {
      minLength: 1,
      maxLength: 12,
    }),
  })
  .map((r) => {
    const max = r.wide ? r.cpus + 2 : r.cpus;
    const shape: Shape = { cpus: r.cpus, max, rxQueues: r.rx.length, durationNs: r.durationMs * 1_000_000 };
    const entries = [...new Set(r.entries.map((k) => k % (max + 2)))].map((k) => `${k}:${r.qsize}`);
    // Sorted by time (stable), as the parser keeps them.
    const ops = r.ops.map((o) => ({ ...writeOp(o.drawn, shape), byHand: o.byHand })).sort((a, b) => a.at - b.at);
    const prog = r.prog.startsWith('cpu:') ? `cpu:${Number(r.prog.slice(4)) % (max + 2)}` : r.prog;
    const query =
      `kernel=${r.kernel}&cpus=${r.cpus}&max=${max}&rx=${r.rx.map((c) => c % r.cpus).join(',')}&ring=${r.ring}` +
      `&entries=${entries.join(',')}&rate=${formatRate(r.rate)}&flows=${r.flows}&arrival=${r.arrival}&prog=${prog}` +
      `&drop=${r.drop}&stack=${r.stack}&seed=${r.seed}&ops=${ops.map((o) => o.text).join(',')}`;
    return { query, byHand: ops.map((o) => o.byHand), durationNs: shape.durationNs, segments: r.segments };
  });
