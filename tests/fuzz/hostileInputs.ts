/**
 * Hostile link and file inputs, shared by the unit fuzz tests (tests/fuzz) and the Chromium fuzz
 * spec (e2e/fuzz.spec.ts): payloads, number spellings and percent-encoding junk mixed into every
 * parameter of valid links (presets, lesson steps), random names and values, huge values, repeats
 * and `ops` lists at their limits. A query is built from `name=value` pairs that are already
 * encoded, so the same text reaches the parser in Node and in the browser's location.search.
 */
import fc from 'fast-check';
import { LESSONS } from '../../src/lessons';
import { MAX_ENTRIES, MAX_OPS, MAX_RX_QUEUES, SCENARIO_PARAMS } from '../../src/scenario/parse';
import { PRESETS } from '../../src/scenario/presets';
import { VIEW_PARAMS } from '../../src/scenario/viewParams';

/** Markup that would run or show up as an element if URL text were ever rendered as HTML. */
export const HTML_PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<svg onload="window.__pwned=1"></svg>',
  '"><b id=injected>bold</b>',
  "'><i id=injected>it</i>",
  '</script><script>window.__pwned=1</script>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  'javascript:window.__pwned=1',
  '<a href="javascript:window.__pwned=1" id=injected>link</a>',
  '<style>body{display:none}</style>',
  '{{constructor.constructor("window.__pwned=1")()}}',
] as const;

/** Spellings of numbers that look plausible and are not plain decimal digits, or are out of range. */
export const NUMBER_SPELLINGS = [
  '1e309',
  '-1e309',
  '1e-400',
  '-0',
  '0x10',
  '0b11',
  '0o7',
  'NaN',
  'Infinity',
  '-Infinity',
  '+5',
  ' 5',
  '5 ',
  '.5',
  '5.',
  '1_000',
  '٤',
  '４',
  '00000000000000000004',
  '9007199254740993',
  '4294967296',
  '18446744073709551616',
  '99999999999999999999999999999999',
  '1.7976931348623157e308',
  '5e-324',
] as const;

/** Text that breaks naive decoding and display: control characters, direction marks, emoji. */
export const TEXT_JUNK = [
  '\u0000',
  '\n',
  '\r\n',
  '\t',
  '\u202E',
  '\u200F',
  '\u200B',
  '\uFEFF',
  '😀',
  '👩‍👩‍👧',
  'é',
  '\u0301',
  '"',
  "'",
  '\\',
  '`',
];

/** Percent-encoded junk, written into the query as is: malformed escapes, encoded surrogates, overlong UTF-8. */
export const PERCENT_JUNK = [
  '%',
  '%%',
  '%Z',
  '%ZZ',
  '%E0%A4%A',
  '%ED%A0%80',
  '%ED%B0%80',
  '%C0%AF',
  '%FF%FE',
  '%00',
  '%26',
  '%3D',
  '%2B',
  '+',
  '%u0041',
] as const;

/** Parameter names a link may or may not use, including names that mean something to JavaScript objects. */
export const PARAM_NAMES = [
  ...SCENARIO_PARAMS,
  ...VIEW_PARAMS,
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  'CPUS',
  'cpus ',
  'cpus%00',
  '%63pus',
  'cpus[]',
  'a',
] as const;

/** Valid values of some parameters, so a mutated link keeps most of its meaning. */
const VALID_VALUES = [
  '5.0',
  '5.2',
  '4',
  '8',
  '64',
  '0,1',
  '4:192',
  '1M',
  '14.88M',
  'bursty:8',
  'cpu:4',
  '1ms:free',
  '1ms:create:4',
  '2ms:rate:500k',
  '3ms:irq:0:3',
  '4ms:failslab:2',
  'max',
  '1',
  '0',
  'dark',
];

/** Every valid link the app ships: the presets and each lesson step (with its lesson view). */
export const VALID_LINKS: readonly string[] = [
  ...PRESETS.map((p) => p.query),
  ...LESSONS.flatMap((l) => l.steps.map((s, i) => `${s.query}&lesson=${l.id}&step=${i + 1}`)),
];

/** Percent-encodes everything but unreserved ASCII (lone surrogates become U+FFFD first, as a browser's UTF-8 would). */
export function encodeText(text: string): string {
  return encodeURIComponent(text.replace(/\p{Cs}/gu, '\uFFFD')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A value already in query form: encoded text, raw percent junk, or both. */
const rawPiece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HTML_PAYLOADS).map(encodeText) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBER_SPELLINGS).map(encodeText) },
  { weight: 2, arbitrary: fc.constantFrom(...TEXT_JUNK).map(encodeText) },
  { weight: 2, arbitrary: fc.constantFrom(...PERCENT_JUNK) },
  { weight: 2, arbitrary: fc.constantFrom(...VALID_VALUES).map(encodeText) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map(encodeText) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).map(encodeText) },
);

/** A value in query form: one or a few pieces, sometimes repeated into a long string. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(rawPiece, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.tuple(rawPiece, fc.integer({ min: 50, max: 3000 })).map(([piece, n]) => piece.repeat(n)) },
);

/** A name in query form. */
const hostileName: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PARAM_NAMES).map((n) => (n.includes('%') ? n : encodeText(n))) },
  { weight: 1, arbitrary: rawPiece },
);

/** An `ops` value near or over its limits, some items hostile. */
const opsNearLimit: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(MAX_OPS - 1, MAX_OPS, MAX_OPS + 1), fc.array(fc.tuple(fc.nat(), rawPiece), { maxLength: 3 }))
  .map(([n, bad]) => {
    const items = Array.from({ length: n }, (_, i) => `${i}us:lookup:${i % 8}`);
    for (const [at, piece] of bad) items[at % n] = piece;
    return items.join(',');
  });

/** `rx` and `entries` lists at their limits. */
const listNearLimit: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(MAX_RX_QUEUES, MAX_RX_QUEUES + 1).map((n) => `cpus=64&rx=${Array.from({ length: n }, (_, i) => i % 64).join(',')}`),
  fc.constantFrom(MAX_ENTRIES, MAX_ENTRIES + 1).map((n) => `entries=${Array.from({ length: n }, (_, i) => `${i}:64`).join(',')}`),
);

/** A query of random `name=value` pairs (names often real ones, repeated at times). */
const pairQuery: fc.Arbitrary<string> = fc
  .array(fc.tuple(hostileName, hostileValue), { minLength: 1, maxLength: 12 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

/** A valid link with a few of its pairs' values replaced, pairs added, or pairs repeated. */
const mutatedLink: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...VALID_LINKS),
    fc.array(fc.tuple(fc.constantFrom('replace', 'add', 'repeat', 'drop'), fc.nat(), hostileName, hostileValue), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([link, edits]) => {
    const pairs = link.split('&');
    for (const [kind, at, name, value] of edits) {
      const i = at % pairs.length;
      const key = pairs[i].slice(0, Math.max(0, pairs[i].indexOf('=')));
      if (kind === 'replace') pairs[i] = `${key}=${value}`;
      else if (kind === 'add') pairs.splice(i, 0, `${name}=${value}`);
      else if (kind === 'repeat') pairs.push(`${key}=${value}`);
      else if (pairs.length > 1) pairs.splice(i, 1);
    }
    return pairs.join('&');
  });

/** Any hostile query (without the leading `?`). */
export const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: mutatedLink },
  { weight: 4, arbitrary: pairQuery },
  { weight: 1, arbitrary: fc.tuple(opsNearLimit, pairQuery).map(([ops, rest]) => `ops=${ops}&${rest}`) },
  { weight: 1, arbitrary: fc.tuple(listNearLimit, pairQuery).map(([list, rest]) => `${list}&${rest}`) },
  {
    weight: 2,
    arbitrary: fc.tuple(pairQuery, pairQuery).map(([a, b]) => `${a}&compare=${encodeText(decodeForCompare(b))}`),
  },
);

/** A query as text for `compare`'s value (decoded once, so compare holds the junk itself). */
function decodeForCompare(query: string): string {
  try {
    return decodeURIComponent(query);
  } catch {
    return query;
  }
}
