/**
 * Text forms of the numbers in a scenario: durations (`1ms`, `2.5us`), frame rates (`14.88M`),
 * plain decimals (`0.25`) and whole numbers (`4096`).
 *
 * Everything is exact: a decimal point is moved by editing the digit string, never by multiplying
 * floats, so `1.1ms` is exactly 1100000 ns and every formatter round-trips through its parser.
 * Only plain decimal digits are accepted: no sign, no exponent, no `0x`, no surrounding spaces.
 */

/** A non-negative decimal as digit strings: `int` without leading zeros (at least `0`), `frac` without trailing zeros. */
interface Digits {
  int: string;
  frac: string;
}

/** Digits, an optional fraction with at least one digit, and an optional suffix (captured). Linear-time. */
const DURATION = /^(\d+)(?:\.(\d+))?(ns|us|µs|ms|s)$/;
const RATE = /^(\d+)(?:\.(\d+))?([kKMG])?$/;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const WHOLE = /^\d+$/;

/** Decimal exponent of each duration unit, relative to nanoseconds. */
const DURATION_UNITS: Readonly<Record<string, number>> = { ns: 0, us: 3, µs: 3, ms: 6, s: 9 };
/** Formatting order: largest unit first. `µs` is accepted but `us` is written (ASCII survives any URL). */
const DURATION_OUTPUT: readonly (readonly [string, number])[] = [
  ['s', 9],
  ['ms', 6],
  ['us', 3],
  ['ns', 0],
];

const RATE_SUFFIXES: Readonly<Record<string, number>> = { k: 3, K: 3, M: 6, G: 9 };
const RATE_OUTPUT: readonly (readonly [string, number])[] = [
  ['G', 9],
  ['M', 6],
  ['k', 3],
  ['', 0],
];

function normalize(int: string, frac: string): Digits {
  // Index scans rather than /0+$/, which backtracks quadratically on a long run of zeros.
  let start = 0;
  while (start < int.length - 1 && int[start] === '0') start++;
  let end = frac.length;
  while (end > 0 && frac[end - 1] === '0') end--;
  return { int: int.slice(start) || '0', frac: frac.slice(0, end) };
}

/** The digits of `d × 10^shift` (shift may be negative). */
function shift(d: Digits, by: number): Digits {
  if (by >= 0) {
    return normalize(d.int + d.frac.slice(0, by).padEnd(by, '0'), d.frac.slice(by));
  }
  const k = -by;
  const padded = d.int.padStart(k + 1, '0');
  return normalize(padded.slice(0, padded.length - k), padded.slice(padded.length - k) + d.frac);
}

function join(d: Digits): string {
  return d.frac === '' ? d.int : `${d.int}.${d.frac}`;
}

/**
 * The shortest decimal digits that read back as `x` (finite, non-negative). `String(x)` already
 * gives the shortest round-tripping digits, but switches to exponent notation below 1e-6 and from
 * 1e21 on; this expands that exponent.
 */
function digitsOf(x: number): Digits {
  const [mantissa, exponent] = String(x).split('e');
  const [int, frac = ''] = mantissa.split('.');
  return shift(normalize(int, frac), exponent === undefined ? 0 : Number(exponent));
}

/** A finite number from plain decimal digits, or null when it overflows to Infinity. */
function toFinite(d: Digits): number | null {
  const n = Number(join(d));
  return Number.isFinite(n) ? n : null;
}

/**
 * Picks the shortest rendering among the units in which the value is at least 1 (the unit with
 * exponent 0 is always a candidate); on a tie the larger unit wins, so 12340 ns is `12.34us`, not
 * `12340ns`. `units` runs from the largest unit down.
 */
function shortestIn(d: Digits, units: readonly (readonly [string, number])[]): string {
  let best: string | undefined;
  for (const [suffix, exponent] of units) {
    const scaled = shift(d, -exponent);
    if (scaled.int === '0' && exponent !== 0) continue;
    const text = join(scaled) + suffix;
    if (best === undefined || text.length < best.length) best = text;
  }
  // Unreachable: the exponent-0 unit is always a candidate.
  return best ?? join(d);
}

/**
 * Reads a duration: `0`, or a non-negative decimal followed by `ns`, `us`, `µs`, `ms` or `s`
 * (`100ns`, `2.5us`, `1ms`, `1s`). Returns nanoseconds, or null when the text is not such a
 * duration or is not a whole number of nanoseconds (`1.5ns`).
 */
export function parseDuration(text: string): number | null {
  if (text === '0') return 0;
  const m = DURATION.exec(text);
  if (m === null) return null;
  const ns = shift(normalize(m[1], m[2] ?? ''), DURATION_UNITS[m[3]]);
  return ns.frac === '' ? toFinite(ns) : null;
}

/**
 * Writes a duration in nanoseconds (a non-negative integer) in its shortest exact form, in the
 * largest unit in which it is at least 1: 1000000 → `1ms`, 1500 → `1.5us`, 1234567 →
 * `1234567ns`, 0 → `0`. `parseDuration(formatDuration(x)) === x` for every such `x`.
 *
 * @throws RangeError when `ns` is negative, fractional, NaN or infinite.
 */
export function formatDuration(ns: number): string {
  if (!Number.isInteger(ns) || ns < 0) throw new RangeError(`not a duration in whole nanoseconds: ${ns}`);
  if (ns === 0) return '0';
  return shortestIn(digitsOf(ns), DURATION_OUTPUT);
}

/**
 * Reads a frame rate: a non-negative decimal with an optional suffix `k`/`K` (×1e3), `M` (×1e6)
 * or `G` (×1e9), e.g. `1000`, `500k`, `14.88M`. Returns frames per second, or null.
 */
export function parseRate(text: string): number | null {
  const m = RATE.exec(text);
  if (m === null) return null;
  return toFinite(shift(normalize(m[1], m[2] ?? ''), m[3] === undefined ? 0 : RATE_SUFFIXES[m[3]]));
}

/**
 * Writes a frame rate (finite, non-negative) in its shortest form that `parseRate` reads back
 * exactly: 14880000 → `14.88M`, 500000 → `500k`, 1234567 → `1234567`.
 *
 * @throws RangeError when `pps` is negative, NaN or infinite.
 */
export function formatRate(pps: number): string {
  if (!Number.isFinite(pps) || pps < 0) throw new RangeError(`not a frame rate: ${pps}`);
  return shortestIn(digitsOf(pps), RATE_OUTPUT);
}

/** Reads a plain non-negative decimal (`10`, `2.5`, `0.001`), or null. */
export function parseDecimal(text: string): number | null {
  const m = DECIMAL.exec(text);
  return m === null ? null : toFinite(normalize(m[1], m[2] ?? ''));
}

/**
 * Writes a finite non-negative number as a plain decimal that `parseDecimal` reads back exactly,
 * never in exponent notation (1e-7 → `0.0000001`).
 *
 * @throws RangeError when `x` is negative, NaN or infinite.
 */
export function formatDecimal(x: number): string {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`not a non-negative decimal: ${x}`);
  return join(digitsOf(x));
}

/** Reads a whole number written in decimal digits (`0`, `4096`), or null, also when it exceeds 2^53 - 1. */
export function parseWholeNumber(text: string): number | null {
  if (!WHOLE.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Why a number-like text was refused, when the reason is a common one worth spelling out
 * (exponent notation, a sign, surrounding spaces, hexadecimal, NaN/Infinity); otherwise null.
 */
export function numberSyntaxHint(text: string): string | null {
  if (/\s/.test(text)) return 'spaces are not accepted (in a URL, + stands for a space)';
  // Written so that no two quantifiers compete for the same digits: linear on 64 KiB of them.
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d/.test(text)) {
    return 'exponent notation such as 1e30 is not accepted: write the digits out';
  }
  if (text.startsWith('-')) return 'negative numbers are not accepted';
  if (text.startsWith('+')) return 'a leading + is not accepted';
  if (/^0[xXbBoO]/.test(text)) return 'only decimal digits are accepted (no 0x, 0b or 0o)';
  if (/^(?:NaN|Infinity)$/i.test(text)) return 'NaN and Infinity are not accepted';
  if (/^\.\d/.test(text)) return 'write a digit before the decimal point, as in 0.5';
  if (/^\d+\.(?:\D|$)/.test(text)) return 'write a digit after the decimal point, as in 5.0';
  return null;
}
