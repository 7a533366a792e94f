/**
 * A sweep parameter's LIST: a comma list (`32,64,128`) or, for numbers, a range with a step
 * (`1M..14.88M+1M`) or a factor (`32..4096x2`). A range starts at its first value and goes up by
 * the step (or times the factor) while it stays below the end; the end itself is always the last
 * point, so `1M..14.88M+1M` ends at 14.88M and line rate is in the sweep.
 */
import { formatDecimal, formatRate, parseDecimal, parseRate, parseWholeNumber } from '../scenario/units';
import { quote } from '../scenario/check';
import type { SweepParam } from './sweepParams';

/** Most values one parameter may take (a sweep's points are the product over its parameters). */
export const MAX_LIST_VALUES = 64;

export type ListResult = { ok: true; values: string[] } | { ok: false; message: string };

const RANGE = /^(.+?)\.\.(.+?)([+x])([^+x]+)$/;

interface NumberForm {
  parse(text: string): number | null;
  format(x: number): string;
  example: string;
}

const NUMBER_FORMS: Record<'whole' | 'rate' | 'decimal', NumberForm> = {
  whole: { parse: parseWholeNumber, format: (x) => String(Math.round(x)), example: '32..4096x2' },
  rate: { parse: parseRate, format: (x) => formatRate(Math.round(x)), example: '1M..14.88M+1M' },
  decimal: { parse: parseDecimal, format: (x) => formatDecimal(Number(x.toPrecision(12))), example: '0..1+0.25' },
};

/** What one value of `param` is called in messages. */
function valueNoun(param: SweepParam): string {
  return param.kind === 'rate' ? 'rate' : param.kind === 'whole' ? 'whole number' : 'number';
}

function fail(param: SweepParam, text: string, why: string): ListResult {
  return { ok: false, message: `${param.name}=${quote(text)}: ${why}` };
}

function expandRange(param: SweepParam, form: NumberForm, text: string, m: RegExpExecArray): ListResult {
  const [, fromText, toText, how, byText] = m;
  const from = form.parse(fromText);
  const to = form.parse(toText);
  const by = how === 'x' ? parseDecimal(byText) : form.parse(byText);
  if (from === null) return fail(param, text, `the range's start ${quote(fromText)} is not a ${valueNoun(param)}`);
  if (to === null) return fail(param, text, `the range's end ${quote(toText)} is not a ${valueNoun(param)}`);
  if (by === null)
    return fail(
      param,
      text,
      `the range's ${how === 'x' ? 'factor' : 'step'} ${quote(byText)} is not a ${how === 'x' ? 'number' : valueNoun(param)}`,
    );
  if (to < from) return fail(param, text, 'the range ends before it starts');
  if (how === '+' && by <= 0) return fail(param, text, 'the step must be more than 0');
  if (how === 'x' && (by <= 1 || from <= 0)) return fail(param, text, 'a factor range needs a factor above 1 and a start above 0');
  const values: string[] = [];
  for (let i = 0; ; i++) {
    const x = how === 'x' ? from * by ** i : from + by * i;
    // Within a part in a million of the end counts as the end (float steps such as 0.1).
    if (x >= to * (1 - 1e-9)) break;
    values.push(form.format(x));
    if (values.length >= MAX_LIST_VALUES) return fail(param, text, `more than ${MAX_LIST_VALUES} values: use a larger step`);
  }
  values.push(form.format(to));
  return { ok: true, values: [...new Set(values)] };
}

/** The values of `param` that `text` lists, each in the form the scenario query takes. */
export function parseSweepList(param: SweepParam, text: string): ListResult {
  if (text === '') return fail(param, text, 'no values: give a comma list or a range');
  if (text.includes('..')) {
    if (param.kind === 'word') return fail(param, text, `${param.name} takes a comma list of values, not a range`);
    const m = RANGE.exec(text);
    const form = NUMBER_FORMS[param.kind];
    if (m === null) return fail(param, text, `a range needs a step or a factor: FROM..TO+STEP or FROM..TOxFACTOR, e.g. ${form.example}`);
    return expandRange(param, form, text, m);
  }
  const values = text.split(',');
  if (values.some((v) => v === '')) return fail(param, text, 'an empty value in the list (two commas together, or one at an end)');
  if (values.length > MAX_LIST_VALUES) return fail(param, text, `more than ${MAX_LIST_VALUES} values`);
  if (new Set(values).size !== values.length) return fail(param, text, 'a value is listed twice');
  if (param.kind !== 'word') {
    const form = NUMBER_FORMS[param.kind];
    const badValue = values.find((v) => form.parse(v) === null);
    if (badValue !== undefined) {
      return fail(param, text, `${quote(badValue)} is not a ${valueNoun(param)} (a comma list, or a range such as ${form.example})`);
    }
  }
  return { ok: true, values };
}

/** A listed value as a number (`14.88M` → 14880000), or null for a word parameter's values. */
export function sweepValueNumber(param: SweepParam, value: string): number | null {
  return param.kind === 'word' ? null : NUMBER_FORMS[param.kind].parse(value);
}
