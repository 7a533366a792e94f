/**
 * Hostile links, read as the page reads them (linkRefusals): fixed seeds, so a failure is
 * reproduced by running the file again (FUZZ_SEED explores others). For every query:
 * reading never throws, and its work stays linear in the link's length (counted, not timed); every problem names a parameter of the link, with
 * its value; every unknown, repeated or refused parameter is named; what is kept is in range;
 * and the link the page then writes is a fixed point that reads back clean.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_QUERY_LENGTH, parseScenario, SCENARIO_PARAMS } from '../../src/scenario/parse';
import { shorten } from '../../src/scenario/check';
import { expectInRange } from '../../src/scenario/parseTestHelpers';
import { VIEW_PARAMS } from '../../src/scenario/viewParams';
import { comparePair } from '../../src/ui/compare/compareQuery';
import { pairLinkQuery } from '../../src/ui/compare/pairLinks';
import { linkScenarioQuery } from '../../src/ui/url/linkQuery';
import { buildLinkQuery, EMPTY_VIEW, MAX_COMPARE, MAX_START_NS, readViewState, type ViewState } from '../../src/ui/url/viewState';
import { encodeText, HTML_PAYLOADS, hostileQuery, VALID_LINKS } from './hostileInputs';
import { linkRefusals } from './linkRefusals';

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const RUNS = 500;
/** A hang guard per link, generous so that a loaded machine does not make it flaky. */

const SCENARIO_KEYS = new Set<string>(SCENARIO_PARAMS);
const VIEW_KEYS = new Set<string>(VIEW_PARAMS);

/** The view fields each view parameter sets (`v` sets none). */
const VIEW_FIELD: Record<string, keyof ViewState | null> = {
  v: null,
  speed: 'speed',
  paused: 'paused',
  t: 't',
  sel: 'sel',
  theme: 'theme',
  lesson: 'lesson',
  step: 'step',
  embed: 'embed',
  present: 'present',
  compare: 'compare',
};

/** Every view field is one the page can use. */
function expectViewInRange(view: ViewState): void {
  if (view.speed !== null) expect(view.speed === Infinity || (view.speed > 0 && view.speed <= 1e9)).toBe(true);
  if (view.t !== null) expect(Number.isInteger(view.t) && view.t > 0 && view.t <= MAX_START_NS).toBe(true);
  if (view.lesson !== null) expect(view.lesson).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
  if (view.step !== null) {
    expect(view.lesson).not.toBeNull();
    expect(Number.isInteger(view.step) && view.step >= 1 && view.step <= 99).toBe(true);
  }
  if (view.compare !== null) {
    expect(view.compare.length).toBeLessThanOrEqual(MAX_COMPARE);
    expect([view.lesson, view.step, view.sel, view.embed]).toEqual([null, null, null, false]);
  }
  expect([null, 'light', 'dark']).toContain(view.theme);
  if (view.sel !== null)
    for (const n of Object.values(view.sel).filter((v) => typeof v === 'number')) expect(Number.isSafeInteger(n)).toBe(true);
}

/** Everything promised about reading `query`; returns how many problems it had. */
function checkLink(query: string): number {
  const refusals = linkRefusals(query);
  const { view, problems } = refusals;
  expectViewInRange(view);

  if (query.length > MAX_QUERY_LENGTH) {
    expect(problems.map((p) => p.param)).toEqual(['query']);
    return 1;
  }
  const pairs = [...new URLSearchParams(query)];
  const compare = view.compare === null ? [] : [...new URLSearchParams(view.compare)];
  // Indexed both ways, so a link of thousands of parameters is checked in linear time.
  const entry = (param: string, value: string) => `${shorten(param)}\u0000${shorten(value)}`;
  const namedSet = new Set(problems.map((p) => entry(p.param, p.value)));
  const named = (param: string, value: string): boolean => namedSet.has(entry(param, value));
  const given = new Set(pairs.flatMap(([k, v]) => (k === 'ops' ? [v, ...v.split(',')] : [v]).map((item) => entry(k, item))));
  const compareKeys = new Set(compare.flatMap(([k]) => [k, shorten(k)]));

  // Every problem is about a parameter of the link (or of its compare), with that parameter's value.
  for (const p of problems) {
    expect(p.message.length, p.message).toBeLessThan(1000);
    if (p.param.startsWith('compare.')) {
      expect(compareKeys.has(p.param.slice('compare.'.length))).toBe(true);
      expect(p.message.startsWith('compare: ')).toBe(true);
      continue;
    }
    expect(given.has(entry(p.param, p.value)), `${p.param}=${p.value} in ${query}`).toBe(true);
    expect(p.message.startsWith(`${p.param}: "`) && p.message.includes(' is not allowed: '), p.message).toBe(true);
  }

  // Every unknown or repeated parameter is named, and so is every view parameter the page does not use.
  const seen = new Set<string>();
  for (const [key, value] of pairs) {
    const known = SCENARIO_KEYS.has(key) || VIEW_KEYS.has(key);
    if (!known || seen.has(key)) expect(named(key, value), `${key}=${value} unnamed in ${query}`).toBe(true);
    else if (VIEW_KEYS.has(key) && !named(key, value)) expectViewUses(view, key, value);
    seen.add(key);
  }
  const seenInCompare = new Set<string>();
  const compareNamed = new Set(problems.map((p) => p.param));
  for (const [key] of compare) {
    if (!SCENARIO_KEYS.has(key) || seenInCompare.has(key)) expect(compareNamed.has(`compare.${shorten(key)}`)).toBe(true);
    seenInCompare.add(key);
  }

  if (refusals.page === 'compare') expectPairFixedPoint(query, view);
  else expectLinkFixedPoint(query, view);
  return problems.length;
}

/** A view parameter that is not named was used: the view holds what it says alone. */
function expectViewUses(view: ViewState, key: string, value: string): void {
  const field = VIEW_FIELD[key];
  // A step is only read beside a lesson.
  const alone = readViewState(`${encodeText(key)}=${encodeText(value)}${key === 'step' ? '&lesson=x' : ''}`);
  expect(alone.problems, `${key}=${value}`).toEqual([]);
  if (field !== null) expect(view[field]).toEqual(alone.view[field]);
}

/** The link the single view writes reads back with no problems, as the same run, and writes itself again. */
function expectLinkFixedPoint(query: string, view: ViewState): void {
  const scenario = parseScenario(query, { extraParams: VIEW_PARAMS }).scenario;
  expectInRange(scenario);
  const written = buildLinkQuery(linkScenarioQuery(query, []), view);
  const again = readViewState(written);
  expect(again.problems).toEqual([]);
  expect(again.view).toEqual(view);
  const reread = parseScenario(written, { extraParams: VIEW_PARAMS });
  expect(reread.problems).toEqual([]);
  expect(reread.scenario).toEqual(scenario);
  expect(buildLinkQuery(linkScenarioQuery(written, []), again.view)).toBe(written);
}

/** The pair's share link reads back as the same pair, with no problems. */
function expectPairFixedPoint(query: string, view: ViewState): void {
  const pair = comparePair(query, view.compare ?? '');
  for (const q of [pair.a, pair.b]) expectInRange(parseScenario(q).scenario);
  const written = pairLinkQuery(pair.a, pair.applied, { speed: 1e6, playing: true, sharedNs: 0, theme: view.theme });
  const again = readViewState(written);
  expect(again.problems).toEqual([]);
  const reread = comparePair(written, again.view.compare ?? '');
  expect([...reread.problemsA, ...reread.problemsCompare]).toEqual([]);
  expect([reread.a, reread.b, reread.applied]).toEqual([pair.a, pair.b, pair.applied]);
}

describe(`hostile links (seed ${SEED})`, () => {
  it(`${RUNS} generated links: never throw, name every refusal with its value, keep only what is in range, and write a clean fixed point`, () => {
    let problems = 0;
    fc.assert(
      fc.property(hostileQuery, (query) => {
        problems += checkLink(query);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The generator is hostile enough to be refused often.
    expect(problems).toBeGreaterThan(RUNS);
  });

  it(`every valid link the app ships (${VALID_LINKS.length}) reads clean`, () => {
    for (const link of VALID_LINKS) {
      expect(linkRefusals(link).problems, link).toEqual([]);
      expect(checkLink(link)).toBe(0);
    }
  });

  it('names an HTML payload in any parameter as text, quoted, never changed into something else', () => {
    for (const name of [...SCENARIO_PARAMS, ...VIEW_PARAMS, 'unknown']) {
      for (const payload of HTML_PAYLOADS) {
        const query = `${name}=${encodeText(payload)}&${name}=${encodeText(payload)}`;
        checkLink(query);
        const { problems } = linkRefusals(query);
        expect(problems.some((p) => p.message.includes(JSON.stringify(payload).slice(1, -1)))).toBe(true);
      }
    }
  });
});

describe('links of a megabyte and more', () => {
  /** Characters handed to URLSearchParams while `fn` runs: the parsers' work, counted. */
  function charsParsed(fn: () => void): number {
    const Real = URLSearchParams;
    let chars = 0;
    vi.stubGlobal(
      'URLSearchParams',
      class extends Real {
        constructor(init?: string) {
          super(init);
          chars += typeof init === 'string' ? init.length : 0;
        }
      },
    );
    try {
      fn();
    } finally {
      vi.unstubAllGlobals();
    }
    return chars;
  }
  afterEach(() => vi.unstubAllGlobals());

  const MB = 1 << 20;
  const huge: [string, string][] = [
    ['a long value', `cpus=4&x=${'A'.repeat(MB)}`],
    ['a long ops list', `ops=${'1ms:free,'.repeat(MB / 8)}`],
    ['a repeated payload', `stack=${encodeText(HTML_PAYLOADS[0]).repeat(MB / 40)}`],
    ['percent signs', `lesson=${'%'.repeat(MB)}`],
    ['a repeated parameter', 'speed=1&'.repeat(MB / 8)],
    ['a long compare', `compare=${'cpus%3D4%26'.repeat(MB / 10)}`],
  ];

  it.each(huge)('refuses %s whole, without scanning it, with one problem naming the query', (_name, query) => {
    expect(query.length).toBeGreaterThanOrEqual(MB);
    let problems: string[] = [];
    const chars = charsParsed(() => {
      problems = linkRefusals(query).problems.map((p) => p.param);
    });
    expect(chars).toBe(0);
    expect(problems).toEqual(['query']);
  });

  it('reads the longest link it accepts with work linear in its length', () => {
    const fill = (unit: string, prefix: string) => prefix + unit.repeat(Math.floor((MAX_QUERY_LENGTH - prefix.length) / unit.length));
    const longest = [
      fill('a&', ''),
      fill('speed=1&', ''),
      fill(`${encodeText(HTML_PAYLOADS[2])},`, 'ops='),
      fill('%ED%A0%80', 'x='),
      `compare=${'cpus%3D4%26'.repeat(180)}&${fill('lesson=a&', '')}`.slice(0, MAX_QUERY_LENGTH),
    ];
    for (const query of longest) {
      expect(query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      const chars = charsParsed(() => checkLink(query));
      // readViewState, the scenario parser and the checks each read it a few times; a pair reparses a short query.
      expect(chars, query.slice(0, 40)).toBeLessThan(12 * MAX_QUERY_LENGTH);
    }
  });

  it('leaves the view of an over-long link empty', () => {
    expect(readViewState(`theme=dark&x=${'A'.repeat(MB)}`).view).toEqual(EMPTY_VIEW);
  });
});
