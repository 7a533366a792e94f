/** fast-check arbitraries of valid scenarios, shared by the scenario parser's property tests. */
import fc from 'fast-check';
import { DEFAULT_SCENARIO, defaultRate, defaultRx, lineRatePps } from './defaults';
import { KERNEL_VERSIONS } from './kernels';
import { MAX_CPUS, MAX_ENTRIES, MAX_OP_TIME_NS, MAX_RX_QUEUES, U32_MAX } from './parse';
import { OPTIMIZATIONS, PREEMPT_MODELS, STACK_VERDICTS, XDP_MODES, type MapOpSpec, type Scenario } from './types';

/** fc.integer stops at 2^31 - 1; keys, qsize, flags, max and seed go up to 2^32 - 1. */
const u32 = fc.bigInt({ min: 0n, max: BigInt(U32_MAX) }).map(Number);
const smallOrU32 = fc.oneof(fc.integer({ min: 0, max: 70 }), u32);

/** Often the default, so that `short` mode has something to leave out. */
function orDefault<T>(value: T, arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof(fc.constant(value), arb);
}

const opTime = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.integer({ min: 0, max: 3600 }).map((s) => s * 1e9),
  fc.bigInt({ min: 0n, max: BigInt(MAX_OP_TIME_NS) }).map(Number),
);

const opArb: fc.Arbitrary<MapOpSpec> = fc.oneof(
  fc.record({
    at: opTime,
    op: fc.constant('update' as const),
    key: smallOrU32,
    qsize: smallOrU32,
    flags: fc.oneof(fc.constantFrom(0, 1, 2), u32),
  }),
  fc.record({ at: opTime, op: fc.constant('delete' as const), key: smallOrU32 }),
  fc.record({ at: opTime, op: fc.constant('lookup' as const), key: smallOrU32 }),
  fc.record({ at: opTime, op: fc.constant('next' as const), key: fc.option(smallOrU32, { nil: null }) }),
  fc.record({ at: opTime, op: fc.constant('free' as const) }),
  fc.record({ at: opTime, op: fc.constant('failslab' as const), count: fc.integer({ min: 1, max: 1000 }) }),
  fc.record({ at: opTime, op: fc.constant('create' as const), max: fc.option(smallOrU32, { nil: null }) }),
);

/** The items whose ranges depend on the scenario: rates up to its line rate, interrupts moved to its CPUs and queues. */
function scenarioOpArb(line: number, cpus: number, rxQueues: number): fc.Arbitrary<MapOpSpec> {
  return fc.oneof(
    fc.record({
      at: opTime,
      op: fc.constant('rate' as const),
      rate: fc.oneof(
        fc.constantFrom(0, line),
        fc.integer({ min: 0, max: Math.floor(line) }),
        fc.double({ min: 0, max: line, noNaN: true }),
      ),
    }),
    fc.record({
      at: opTime,
      op: fc.constant('irq' as const),
      queue: fc.integer({ min: 0, max: rxQueues - 1 }),
      cpu: fc.integer({ min: 0, max: cpus - 1 }),
    }),
  );
}

/** The fields that do not depend on other fields. */
const independentFields = fc.record({
  kernel: fc.constantFrom(...KERNEL_VERSIONS),
  opt: fc.option(fc.shuffledSubarray([...OPTIMIZATIONS]), { nil: null }),
  preempt: fc.constantFrom(...PREEMPT_MODELS),
  mode: fc.constantFrom(...XDP_MODES),
  cpus: orDefault(DEFAULT_SCENARIO.cpus, fc.integer({ min: 1, max: MAX_CPUS })),
  ring: orDefault(DEFAULT_SCENARIO.ring, fc.integer({ min: 32, max: 8192 })),
  entries: orDefault(
    DEFAULT_SCENARIO.entries,
    fc.uniqueArray(fc.record({ cpu: smallOrU32, qsize: smallOrU32 }), { selector: (e) => e.cpu, maxLength: MAX_ENTRIES }),
  ),
  size: orDefault(DEFAULT_SCENARIO.size, fc.integer({ min: 64, max: 1518 })),
  link: orDefault(
    DEFAULT_SCENARIO.link,
    fc.oneof(fc.constantFrom(0.1, 1, 2.5, 25, 40, 100, 400), fc.double({ min: 0.1, max: 400, noNaN: true })),
  ),
  flows: orDefault(DEFAULT_SCENARIO.flows, fc.integer({ min: 1, max: 65_536 })),
  arrival: fc.oneof(
    fc.constant({ kind: 'constant' as const }),
    fc.constant({ kind: 'poisson' as const }),
    fc.record({ kind: fc.constant('bursty' as const), burst: fc.oneof(fc.constant(64), fc.integer({ min: 2, max: 4096 })) }),
  ),
  traffic: fc.oneof(
    fc.constant({ kind: 'udp' as const }),
    fc.record({ kind: fc.constant('tcp' as const), run: fc.oneof(fc.constant(16), fc.integer({ min: 1, max: 64 })) }),
  ),
  prog: fc.oneof(
    fc.constant({ kind: 'rr' as const }),
    fc.constant({ kind: 'hash' as const }),
    fc.record({ kind: fc.constant('cpu' as const), cpu: smallOrU32 }),
  ),
  drop: orDefault(DEFAULT_SCENARIO.drop, fc.oneof(fc.constantFrom(0.25, 1), fc.double({ min: 0, max: 1, noNaN: true }))),
  stack: fc.constantFrom(...STACK_VERDICTS),
  seed: orDefault(DEFAULT_SCENARIO.seed, u32),
  cap: fc.boolean(),
});

/** Any scenario that parseScenario accepts without a problem. */
/** Any valid scenario, ops included: what a round trip must give back. */
export const validScenario: fc.Arbitrary<Scenario> = independentFields.chain((base) => {
  const line = lineRatePps(base.link, base.size);
  return fc
    .record({
      max: fc.oneof(fc.constant(base.cpus), smallOrU32),
      rx: orDefault(defaultRx(base.cpus), fc.array(fc.integer({ min: 0, max: base.cpus - 1 }), { minLength: 1, maxLength: MAX_RX_QUEUES })),
      rate: fc.oneof(
        fc.constantFrom(0, line, defaultRate(base.link, base.size)),
        fc.integer({ min: 0, max: Math.floor(line) }),
        fc.double({ min: 0, max: line, noNaN: true }),
      ),
    })
    .chain((dependent) =>
      fc
        // Sorted by time, as parseScenario returns them (Array.prototype.sort is stable).
        .array(fc.oneof(opArb, scenarioOpArb(line, base.cpus, dependent.rx.length)), { maxLength: 20 })
        .map((ops): Scenario => ({ ...base, ...dependent, ops: [...ops].sort((a, b) => a.at - b.at) })),
    );
});
