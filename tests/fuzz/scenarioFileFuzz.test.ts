/**
 * Hostile scenario files ("Open scenario file"), fixed seeds (FUZZ_SEED explores others): random
 * JSON and JavaScript values, valid files with a field swapped for junk, prototype-pollution
 * keys, a byte order mark, invalid UTF-8, deep nesting and files near the size limit. Reading one
 * never throws and gives either a clean query (a fixed point of the parser) or a short refusal,
 * and never touches Object.prototype.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseScenario } from '../../src/scenario/parse';
import { serializeScenario } from '../../src/scenario/serialize';
import { MAX_SCENARIO_FILE_BYTES, readScenarioFile, scenarioFile, type ReadResult } from '../../src/ui/exports/scenarioFile';
import { HTML_PAYLOADS, hostileQuery, VALID_LINKS } from './hostileInputs';

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const RUNS = 1000;
/** Longest refusal: a few problems in full, the rest counted. */
const MAX_MESSAGE = 3000;
/** What a refusal would say if it passed on an exception thrown by the engine. */
const ENGINE_WORDING = /Cannot read properties|is not a function|is not iterable|URI malformed|call stack|\[object Object\]/;

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/** Reads `text` as the page does and checks the promise: a clean query or a short refusal. */
function checkFile(text: string, bytes?: number): ReadResult {
  const result = readScenarioFile(text, bytes);
  if (result.ok) {
    const parsed = parseScenario(result.query);
    expect(parsed.problems).toEqual([]);
    expect(serializeScenario(parsed.scenario)).toBe(result.query);
  } else {
    expect(result.message.length).toBeGreaterThan(10);
    expect(result.message.length, result.message.slice(0, 200)).toBeLessThan(MAX_MESSAGE);
    // Said in the file's terms, not in the JavaScript engine's.
    expect(result.message).not.toMatch(ENGINE_WORDING);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  return result;
}

/** A file of the app's own form, from a valid link. */
const validFile = fc.constantFrom(...VALID_LINKS).map((link) => scenarioFile(link));

/** Values of the wrong type, or of the right type and absurd, for a scenario field. */
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(-0, -1, 1.5, 2 ** 53, Number.MAX_VALUE, 1e300, '', '5.2 ', '\uD800', ...HTML_PAYLOADS),
  fc.array(fc.constantFrom(0, -1, 'x', null, {}), { maxLength: 2000 }),
);

/** A valid file with one field of its scenario (or the file itself) replaced. */
const swappedField = fc
  .tuple(validFile, fc.constantFrom('kernel', 'opt', 'cpus', 'rx', 'entries', 'rate', 'arrival', 'prog', 'ops', 'cap', 'seed'), junkValue)
  .map(([file, key, value]) => JSON.stringify({ ...file, scenario: { ...file.scenario, [key]: value } }));

/** Files whose `query` is a hostile link. */
const hostileQueryFile = fc
  .tuple(fc.constantFrom(1, '1', 2, null), hostileQuery)
  .map(([version, query]) => JSON.stringify({ version, query }));

/** Top-level keys that would pollute prototypes if copied into an object naively. */
const pollutingFile = fc.tuple(validFile, fc.constantFrom('__proto__', 'constructor', 'prototype')).map(([file, key]) => {
  const evil = `{"polluted":1,"prototype":{"polluted":1},"version":1}`;
  const body = JSON.stringify(file).slice(1, -1);
  return `{"${key}":${evil},${body},"scenario":{"${key}":${evil},${JSON.stringify(file.scenario).slice(1)}}`;
});

/** Bytes of a valid file with some changed, read as a browser reads a file (invalid UTF-8 becomes U+FFFD). */
const corruptedBytes = fc
  .tuple(validFile, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { minLength: 1, maxLength: 6 }))
  .map(([file, edits]) => {
    const bytes = new TextEncoder().encode(JSON.stringify(file));
    for (const [at, byte] of edits) bytes[at % bytes.length] = byte;
    return new TextDecoder().decode(bytes);
  });

const hostileFile: fc.Arbitrary<string> = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.anything({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'undefined'),
  fc
    .record({ version: fc.oneof(fc.constant(1), fc.anything({ maxDepth: 2 })), scenario: junkValue, query: junkValue })
    .map((v) => JSON.stringify(v)),
  swappedField,
  hostileQueryFile,
  pollutingFile,
  corruptedBytes,
  validFile.map((file) => `\uFEFF${JSON.stringify(file)}`),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => new TextDecoder().decode(bytes)),
);

describe(`hostile scenario files (seed ${SEED})`, () => {
  afterAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });

  it(`${RUNS} generated files: a clean query or a short refusal, never a throw`, () => {
    let refused = 0;
    fc.assert(
      fc.property(hostileFile, (text) => {
        if (!checkFile(text).ok) refused++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(refused).toBeGreaterThan(RUNS / 2);
  });

  it('reads every valid file, with or without a byte order mark', () => {
    for (const link of VALID_LINKS) {
      const text = JSON.stringify(scenarioFile(link));
      expect(checkFile(text).ok).toBe(true);
      expect(checkFile(`\uFEFF${text}`).ok).toBe(true);
    }
  });

  it.each([
    ['a version nested 300,000 deep', `{"version":${'['.repeat(300_000)}${']'.repeat(300_000)}}`],
    ['a scenario field nested 300,000 deep', `{"version":1,"scenario":{"kernel":${'['.repeat(300_000)}${']'.repeat(300_000)}}}`],
    ['a query nested 300,000 deep', `{"version":1,"query":${'{"a":'.repeat(150_000)}1${'}'.repeat(150_000)}}`],
    ['a version string of 900 kB', JSON.stringify({ version: 'x'.repeat(900_000) })],
    [
      'a scenario string of 900 kB',
      JSON.stringify({ version: 1, scenario: { ...scenarioFile('').scenario, kernel: 'x'.repeat(900_000) } }),
    ],
    [
      '45,000 operations',
      JSON.stringify({ version: 1, scenario: { ...scenarioFile('').scenario, ops: Array(45_000).fill({ at: 0, op: 'free' }) } }),
    ],
    ['1,000 bad operations in the query', JSON.stringify({ version: 1, query: `ops=${Array(1000).fill('<b>').join(',')}` })],
  ])('refuses %s with a short message', (_name, text) => {
    expect(text.length).toBeLessThanOrEqual(MAX_SCENARIO_FILE_BYTES);
    expect(checkFile(text).ok).toBe(false);
  });

  it('refuses a file over the limit by its size alone, without parsing it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (const result of [checkFile('{}', MAX_SCENARIO_FILE_BYTES + 1), checkFile(`"${'é'.repeat(MAX_SCENARIO_FILE_BYTES)}"`)])
        expect(result.ok ? '' : result.message).toMatch(/too large/);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});
