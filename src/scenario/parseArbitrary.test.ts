/** parseScenario on arbitrary input: it never throws, stays in range, and ends on the worst inputs. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SCENARIO } from './defaults';
import { MAX_QUERY_LENGTH, MAX_SHOWN_VALUE, parseScenario, SCENARIO_PARAMS } from './parse';
import { serializeScenario } from './serialize';
import { expectInRange } from './parseTestHelpers';
import { OPTIMIZATIONS, STACK_VERDICTS } from './types';
import { validScenario } from './scenarioArbitraries';
import { worstCaseQueries } from './worstQueries';

/** Parses `query` and checks everything promised about the result. */
function expectSaneParse(query: string): void {
  const { scenario, problems } = parseScenario(query, { extraParams: ['speed'] });
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
  '5.4',
  '5.10',
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
    const worst = worstCaseQueries();
    for (const query of worst) {
      expect(query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      expectSaneParse(query);
    }
    // A hang guard only: a backtracking expression goes quadratic on these and takes minutes;
    // how long the linear parse takes is measured by `npm run bench:engine -- parse`.
  }, 120_000);

  it('refuses an over-long query whole, in constant time, whatever it contains', () => {
    const query = 'ops=' + '1ms:free,'.repeat(100_000);
    const { scenario, problems } = parseScenario(query);
    expect(scenario).toEqual(DEFAULT_SCENARIO);
    expect(problems).toHaveLength(1);
  });
});
