/**
 * Checking one scenario value and wording what is wrong with it: the shared pieces of the
 * parameter parsers (parse.ts, parseOps.ts).
 */
import { lineRatePps } from './defaults';
import { formatDecimal, numberSyntaxHint, parseRate, parseWholeNumber } from './units';

/** Largest u32, the bound of map keys, qsize, flags, max_entries and the seed. */
export const U32_MAX = 4_294_967_295;
/** Values longer than this (in code points) are shortened in problems. */
export const MAX_SHOWN_VALUE = 80;

/** The outcome of checking one value: the value, or what is allowed plus an optional detail. */
export type Check<T> = { ok: true; value: T } | { ok: false; allowed: string; detail: string | null };

export function ok<T>(value: T): Check<T> {
  return { ok: true, value };
}

export function bad(allowed: string, detail: string | null = null): Check<never> {
  return { ok: false, allowed, detail };
}

/** `text` cut to MAX_SHOWN_VALUE code points (the last being `…`), never splitting a surrogate pair. */
export function shorten(text: string): string {
  if (text.length <= MAX_SHOWN_VALUE) return text;
  // A text of at most MAX_SHOWN_VALUE code points has at most twice as many code units; a longer one
  // has more than MAX_SHOWN_VALUE code points within its first 2 * MAX_SHOWN_VALUE + 1 code units.
  const head = Array.from(text.slice(0, 2 * MAX_SHOWN_VALUE + 1));
  if (head.length <= MAX_SHOWN_VALUE && text.length <= 2 * MAX_SHOWN_VALUE) return text;
  return `${head.slice(0, MAX_SHOWN_VALUE - 1).join('')}…`;
}

/**
 * `text` shortened and in double quotes, with quotes and control characters escaped so a message
 * stays one line. Escapes can make a short text long (a NUL is six characters), so the quoted text
 * is cut further, at a code point, to at most 2 * MAX_SHOWN_VALUE characters between the quotes.
 */
export function quote(text: string): string {
  const shown = shorten(text);
  const json = JSON.stringify(shown);
  if (json.length <= 2 * MAX_SHOWN_VALUE + 2) return json;
  let inner = '';
  for (const point of shown) {
    const escaped = JSON.stringify(point).slice(1, -1);
    if (inner.length + escaped.length > 2 * MAX_SHOWN_VALUE - 1) break;
    inner += escaped;
  }
  return `"${inner}…"`;
}

/** An integer with thousands separators: 14880952 → `14,880,952`. */
export function grouped(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/** `list` as prose: `a, b or c`. */
export function either(list: readonly string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

export function isOneOf<T extends string>(list: readonly T[], text: string): text is T {
  return (list as readonly string[]).includes(text);
}

export function wholeIn(text: string, min: number, max: number, allowed = `a whole number from ${min} to ${max}`): Check<number> {
  const n = parseWholeNumber(text);
  return n !== null && n >= min && n <= max ? ok(n) : bad(allowed, numberSyntaxHint(text));
}

/** A frame rate (`rate`, and the `rate` items of `ops`): at most the line rate of `link` Gbit/s for `size`-byte frames. */
export function checkRate(text: string, link: number, size: number): Check<number> {
  const pps = parseRate(text);
  if (pps === null) {
    return bad(
      'frames per second: a decimal number with an optional k, M or G suffix, such as 1000, 500k or 14.88M',
      numberSyntaxHint(text),
    );
  }
  const line = lineRatePps(link, size);
  if (pps > line) {
    return bad(`at most ${grouped(Math.floor(line))} pps, the line rate of a ${formatDecimal(link)} Gbit/s link for ${size}-byte frames`);
  }
  return ok(pps);
}
