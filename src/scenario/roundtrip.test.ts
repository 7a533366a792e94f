import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SCENARIO, defaultRate, defaultRx, lineRatePps } from './defaults';
import {
  MAX_CPUS,
  MAX_ENTRIES,
  MAX_OP_TIME_NS,
  MAX_QUERY_LENGTH,
  MAX_RX_QUEUES,
  MAX_SHOWN_VALUE,
  parseScenario,
  SCENARIO_PARAMS,
  U32_MAX,
} from './parse';
import { serializeScenario } from './serialize';
import { expectInRange } from './parseTestHelpers';
import { OPTIMIZATIONS, PREEMPT_MODELS, STACK_VERDICTS, type MapOpSpec, type Scenario } from './types';

// ---------------------------------------------------------------------------------------------
// Valid scenarios
// ---------------------------------------------------------------------------------------------

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
  kernel: fc.constantFrom('5.0' as const, '5.2' as const),
  opt: fc.option(fc.shuffledSubarray([...OPTIMIZATIONS]), { nil: null }),
  preempt: fc.constantFrom(...PREEMPT_MODELS),
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
const validScenario: fc.Arbitrary<Scenario> = independentFields.chain((base) => {
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

describe('serializeScenario', () => {
  it('writes nothing for the default scenario in short mode', () => {
    expect(serializeScenario(DEFAULT_SCENARIO)).toBe('');
  });

  it('writes every parameter in the fixed order in full mode, commas and colons unencoded', () => {
    expect(serializeScenario(DEFAULT_SCENARIO, 'full')).toBe(
      'kernel=5.2&preempt=full&cpus=8&max=8&rx=0,1&ring=512&entries=4:192,5:192&rate=1M&size=64&link=10&flows=64' +
        '&arrival=poisson&prog=hash&drop=0&stack=udp-noport&seed=1&cap=1&ops=',
    );
  });

  it('writes rates, durations and optional arguments in their short forms', () => {
    const s: Scenario = {
      ...DEFAULT_SCENARIO,
      opt: [...OPTIMIZATIONS],
      rate: 14_880_000,
      arrival: { kind: 'bursty', burst: 64 },
      prog: { kind: 'cpu', cpu: 9 },
      ops: [
        { at: 1_000_000, op: 'update', key: 4, qsize: 64, flags: 0 },
        { at: 1_500_000, op: 'update', key: 4, qsize: 64, flags: 2 },
        { at: 2_000_000, op: 'next', key: null },
        { at: 2_500, op: 'failslab', count: 1 },
        { at: 3_000_000_000, op: 'failslab', count: 3 },
        { at: 3_000_000_000, op: 'create', max: null },
        { at: 3_000_000_000, op: 'create', max: 4 },
        { at: 3_500_000_000, op: 'rate', rate: 500_000 },
        { at: 4_000_000_000, op: 'irq', queue: 1, cpu: 6 },
      ],
    };
    expect(serializeScenario(s)).toBe(
      'opt=all&rate=14.88M&arrival=bursty&prog=cpu:9&ops=1ms:update:4:64,1.5ms:update:4:64:2,2ms:next,2.5us:failslab,3s:failslab:3,' +
        '3s:create,3s:create:4,3.5s:rate:500k,4s:irq:1:6',
    );
  });

  it('omits max when it equals cpus, and rx when it is the default for cpus', () => {
    expect(serializeScenario({ ...DEFAULT_SCENARIO, cpus: 1, max: 1, rx: [0] })).toBe('cpus=1');
    expect(serializeScenario({ ...DEFAULT_SCENARIO, cpus: 4, max: 8 })).toBe('cpus=4&max=8');
  });

  it('writes a lone surrogate (from a scenario file) as U+FFFD instead of throwing', () => {
    expect(serializeScenario({ ...DEFAULT_SCENARIO, kernel: '5.2\uD800' as '5.2', stack: '\uDC00x' as 'deliver' })).toBe(
      'kernel=5.2%EF%BF%BD&stack=%EF%BF%BDx',
    );
  });

  it('writes preempt only when it is not the default full', () => {
    expect(serializeScenario({ ...DEFAULT_SCENARIO, preempt: 'none' })).toBe('preempt=none');
    expect(serializeScenario({ ...DEFAULT_SCENARIO, kernel: '5.0', preempt: 'none' })).toBe('kernel=5.0&preempt=none');
  });

  it('writes opt=none for an empty list and leaves out a null opt in both modes', () => {
    expect(serializeScenario({ ...DEFAULT_SCENARIO, opt: [] })).toBe('opt=none');
    expect(serializeScenario(DEFAULT_SCENARIO, 'full')).not.toContain('opt=');
  });
});

describe('round trip: parseScenario(serializeScenario(s)) gives s back', () => {
  it.each(['short', 'full'] as const)('in %s mode, for every valid scenario, with no problems', (mode) => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const { scenario, problems } = parseScenario(serializeScenario(s, mode));
        expect(problems).toEqual([]);
        expect(scenario).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });

  it('writes only characters that need no percent-encoding, and short is never longer than full', () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const short = serializeScenario(s, 'short');
        const full = serializeScenario(s, 'full');
        expect(full).toMatch(/^[A-Za-z0-9=&.,:_-]*$/);
        expect(short.length).toBeLessThanOrEqual(full.length);
        const order = full.split('&').map((part) => part.slice(0, part.indexOf('=')));
        expect(order).toEqual(SCENARIO_PARAMS.filter((p) => p !== 'opt' || s.opt !== null));
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Arbitrary input
// ---------------------------------------------------------------------------------------------

/** Parses `query` and checks everything promised about the result, including that it came back fast. */
function expectSaneParse(query: string): void {
  const started = performance.now();
  const { scenario, problems } = parseScenario(query, { extraParams: ['speed'] });
  // A hang guard, generous so that a loaded CI machine does not make it flaky.
  expect(performance.now() - started).toBeLessThan(1000);
  expectInRange(scenario);
  expect(Array.isArray(problems)).toBe(true);
  for (const p of problems) {
    expect(typeof p.param).toBe('string');
    expect(Array.from(p.value).length).toBeLessThanOrEqual(MAX_SHOWN_VALUE);
    expect(p.message.startsWith(`${p.param}: "`)).toBe(true);
    expect(p.message).toContain('is not allowed: ');
    expect(p.message).not.toContain('could not be read');
  }
  // What came out is itself a valid scenario: it survives its own round trip with no problems.
  const again = parseScenario(serializeScenario(scenario, 'full'));
  expect(again.problems).toEqual([]);
  expect(again.scenario).toEqual(scenario);
}

/** Pieces of the grammar, plus the usual suspects, to build near-miss queries from. */
const TOKENS = [
  ...SCENARIO_PARAMS,
  'speed',
  '=',
  '=',
  '&',
  '&',
  ',',
  ',',
  ':',
  ':',
  '?',
  '%',
  '%2C',
  '%3A',
  '%26',
  '%3D',
  '%E0%A4%A',
  '%ZZ',
  '+',
  ' ',
  '.',
  '-',
  '0',
  '1',
  '2',
  '4',
  '8',
  '9',
  '64',
  '65',
  '5.0',
  '5.2',
  '0.1',
  '400',
  '1518',
  '4294967295',
  '4294967296',
  '99999999999999999999',
  '9'.repeat(400),
  '1e30',
  'NaN',
  'Infinity',
  '0x10',
  'ns',
  'us',
  'µs',
  'ms',
  's',
  'k',
  'M',
  'G',
  '14.88M',
  '3600s',
  'none',
  'all',
  ...OPTIMIZATIONS,
  'constant',
  'poisson',
  'bursty',
  'rr',
  'hash',
  'cpu',
  ...STACK_VERDICTS,
  'update',
  'delete',
  'lookup',
  'next',
  'free',
  'failslab',
  'create',
  'irq',
  '\u0000',
  '\n',
  '"',
  '😀',
  '\uD800',
  '\uDC00',
  '__proto__',
  'constructor',
];

const token = fc.constantFrom(...TOKENS);
const tokenString = fc.array(token, { maxLength: 12 }).map((parts) => parts.join(''));

/** Queries assembled from plausible `name=value` pairs whose values are token soup. */
const pairQuery = fc
  .array(fc.tuple(fc.constantFrom(...SCENARIO_PARAMS, 'speed', 'cpus', 'ops', ''), tokenString), { maxLength: 20 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

/** A valid serialization with a few edits applied: inserted tokens, deleted or duplicated spans. */
const mutatedQuery = fc
  .tuple(
    validScenario,
    fc.constantFrom('short' as const, 'full' as const),
    fc.array(fc.tuple(fc.constantFrom('insert', 'delete', 'duplicate', 'replace'), fc.nat(), fc.nat({ max: 8 }), token), {
      minLength: 1,
      maxLength: 5,
    }),
  )
  .map(([s, mode, edits]) => {
    let q = serializeScenario(s, mode);
    for (const [kind, rawPos, len, text] of edits) {
      const pos = rawPos % (q.length + 1);
      if (kind === 'insert') q = q.slice(0, pos) + text + q.slice(pos);
      else if (kind === 'delete') q = q.slice(0, pos) + q.slice(pos + len);
      else if (kind === 'duplicate') q = q.slice(0, pos + len) + q.slice(pos, pos + len) + q.slice(pos + len);
      else q = q.slice(0, pos) + text + q.slice(pos + len);
    }
    return q;
  });

describe('parseScenario on arbitrary input', () => {
  it('never throws and always yields an in-range scenario for any string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), expectSaneParse), { numRuns: 300 });
  });

  it('never throws and always yields an in-range scenario for any full-Unicode string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), expectSaneParse), { numRuns: 300 });
  });

  it('never throws and always yields an in-range scenario for strings of grammar tokens', () => {
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 80 }).map((t) => t.join('')),
        expectSaneParse,
      ),
      { numRuns: 500 },
    );
  });

  it('never throws and always yields an in-range scenario for name=value pairs of token soup', () => {
    fc.assert(fc.property(pairQuery, expectSaneParse), { numRuns: 500 });
  });

  it('never throws and always yields an in-range scenario for mutated valid queries', () => {
    fc.assert(fc.property(mutatedQuery, expectSaneParse), { numRuns: 500 });
  });

  it('stays fast on the largest inputs it accepts', () => {
    // Long runs of one character: where a backtracking regular expression would go quadratic.
    const fill = (unit: string, prefix: string, suffix = ''): string =>
      prefix + unit.repeat(Math.floor((MAX_QUERY_LENGTH - prefix.length - suffix.length) / unit.length)) + suffix;
    const worst = [
      fill('0,', 'cpus=64&rx='),
      fill('0:1,', 'entries='),
      fill('1ms:free,', 'ops='),
      fill('0:free,', 'ops='),
      fill('x,', 'ops='),
      fill(':', 'ops=1ms'),
      fill('1', 'rate='),
      fill('1', 'rate=', 'e5'),
      fill('0', 'rate=1.', '1x'),
      fill('1', 'ops=1'),
      fill('0', 'ops=0.', '1ms:free'),
      fill('0', 'ops=1', 'ms:free'),
      fill('a=1&', ''),
      fill('cpus=1&', ''),
      fill('&', ''),
      fill('%', 'stack='),
      fill('9', 'link=0.'),
      fill('0', 'drop=0.'),
      fill('0', 'drop=0.', '1'),
      fill('0', 'link=', '.5'),
      fill('alloc-bulk,', 'opt='),
    ];
    const started = performance.now();
    for (const query of worst) {
      expect(query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      expectSaneParse(query);
    }
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses an over-long query whole, in constant time, whatever it contains', () => {
    const query = 'ops=' + '1ms:free,'.repeat(100_000);
    const { scenario, problems } = parseScenario(query);
    expect(scenario).toEqual(DEFAULT_SCENARIO);
    expect(problems).toHaveLength(1);
  });
});
