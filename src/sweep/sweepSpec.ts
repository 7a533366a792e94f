/**
 * What a sweep varies: one or two parameters, each with its list of values, and the points they
 * make. Written as `--vary PARAM=LIST` on the command line and as `sweep=PARAM:LIST;PARAM:LIST`
 * in a link (where `;measure:SPAN` may follow, the measured span of each point); both read into
 * the same axes. Points are in the order of the lists, the first
 * parameter changing slowest.
 */
import { quote, shorten } from '../scenario/check';
import { formatDuration, parseDuration } from '../scenario/units';
import { MOST_PAGE_MEASURED_NS, PAGE_SWEEP_WINDOW } from './sweepDefaults';
import { parseSweepList } from './sweepList';
import { sweepParam, sweepParamNames } from './sweepParams';

/** Most parameters one sweep varies. */
export const MAX_SWEEP_AXES = 2;
/** In a link, `measure:SPAN` sets each point's measured span (no parameter has that name). */
const MEASURE_KEY = 'measure';

/** Most points one sweep runs. */
export const MAX_SWEEP_POINTS = 256;

export interface SweepAxis {
  param: string;
  /** The values as the scenario query takes them (or as `qsize`/`targets`/`rx` counts). */
  values: string[];
  /** The LIST as written, kept for the link. */
  list: string;
}

/** One point: each varied parameter's value, in axis order. */
export type SweepVary = Record<string, string>;

export type SweepSpecResult = { ok: true; axes: SweepAxis[] } | { ok: false; messages: string[] };

/** A link's sweep: its axes, and how long each point is measured (after the page's warm-up). */
export type SweepLinkResult = { ok: true; axes: SweepAxis[]; measuredNs: number } | { ok: false; messages: string[] };

/** The page's measured span when a link does not say. */
export const DEFAULT_MEASURED_NS = PAGE_SWEEP_WINDOW.durationNs - PAGE_SWEEP_WINDOW.warmupNs;

/** A measured span as typed ("100ms", "1s"), or why it cannot be used. */
export function readMeasured(text: string): { ns: number } | { message: string } {
  const ns = parseDuration(text.trim());
  if (ns === null || ns <= 0) return { message: `${quote(shorten(text))} is not a simulated time such as 100ms or 1s` };
  if (ns > MOST_PAGE_MEASURED_NS) return { message: `at most ${formatDuration(MOST_PAGE_MEASURED_NS)} per point` };
  return { ns };
}

/** Reads `PARAM` and `LIST` of one axis. */
function readAxis(param: string, list: string): { axis: SweepAxis } | { message: string } {
  const p = sweepParam(param);
  if (p === undefined) return { message: `${quote(shorten(param))} cannot be swept: use one of ${sweepParamNames()}` };
  const values = parseSweepList(p, list);
  if (!values.ok) return { message: shorten(values.message) };
  return { axis: { param: p.name, values: values.values, list } };
}

/** Axes from `[PARAM, LIST]` pairs, with every problem named. */
export function readAxes(pairs: readonly (readonly [string, string])[]): SweepSpecResult {
  const messages: string[] = [];
  const axes: SweepAxis[] = [];
  if (pairs.length === 0) messages.push('nothing to vary: give a parameter and its values, e.g. qsize=32..4096x2');
  if (pairs.length > MAX_SWEEP_AXES) messages.push(`at most ${MAX_SWEEP_AXES} parameters can be varied together (got ${pairs.length})`);
  for (const [param, list] of pairs.slice(0, MAX_SWEEP_AXES)) {
    const read = readAxis(param, list);
    if ('message' in read) messages.push(read.message);
    else if (axes.some((a) => a.param === read.axis.param)) messages.push(`${read.axis.param} is varied twice`);
    else axes.push(read.axis);
  }
  const points = axes.reduce((n, a) => n * a.values.length, 1);
  if (messages.length === 0 && points > MAX_SWEEP_POINTS) {
    messages.push(`${points} points is more than ${MAX_SWEEP_POINTS}: use fewer values`);
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, axes };
}

/** One `--vary` flag, `PARAM=LIST`. */
export function splitVaryFlag(text: string): readonly [string, string] | string {
  const at = text.indexOf('=');
  if (at <= 0) return `--vary ${quote(shorten(text))}: write PARAM=LIST, e.g. qsize=32..4096x2`;
  return [text.slice(0, at), text.slice(at + 1)];
}

/** A link's `sweep` value, `PARAM:LIST;PARAM:LIST`. */
export function readSweepLink(text: string): SweepLinkResult {
  const pairs: [string, string][] = [];
  const messages: string[] = [];
  let measuredNs = DEFAULT_MEASURED_NS;
  for (const part of text.split(';')) {
    const at = part.indexOf(':');
    if (at <= 0) messages.push(`${quote(shorten(part))}: write PARAM:LIST, e.g. qsize:32,64,128`);
    else if (part.slice(0, at) === MEASURE_KEY) {
      const m = readMeasured(part.slice(at + 1));
      if ('message' in m) messages.push(`measure: ${m.message}`);
      else measuredNs = m.ns;
    } else pairs.push([part.slice(0, at), part.slice(at + 1)]);
  }
  // A part already refused says what is wrong; "nothing to vary" would only repeat it.
  const read: SweepSpecResult = pairs.length === 0 && messages.length > 0 ? { ok: true, axes: [] } : readAxes(pairs);
  if (messages.length > 0 || !read.ok) return { ok: false, messages: [...messages, ...(read.ok ? [] : read.messages)] };
  return { ...read, measuredNs };
}

/** The link's `sweep` value for `axes`, with `measure:` when the span is not the default. */
export function sweepLinkValue(axes: readonly SweepAxis[], measuredNs = DEFAULT_MEASURED_NS): string {
  const parts = axes.map((a) => `${a.param}:${a.list}`);
  if (measuredNs !== DEFAULT_MEASURED_NS) parts.push(`${MEASURE_KEY}:${formatDuration(measuredNs)}`);
  return parts.join(';');
}

/** Every point of the sweep, the first axis changing slowest. */
export function sweepPoints(axes: readonly SweepAxis[]): SweepVary[] {
  let points: SweepVary[] = [{}];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.param]: v })));
  return points;
}
