/**
 * What a sweep varies: one or two parameters, each with its list of values, and the points they
 * make. Written as `--vary PARAM=LIST` on the command line and as `sweep=PARAM:LIST;PARAM:LIST`
 * in a link; both read into the same axes. Points are in the order of the lists, the first
 * parameter changing slowest.
 */
import { quote, shorten } from '../scenario/check';
import { parseSweepList } from './sweepList';
import { sweepParam, sweepParamNames } from './sweepParams';

/** Most parameters one sweep varies. */
export const MAX_SWEEP_AXES = 2;
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
export function readSweepLink(text: string): SweepSpecResult {
  const pairs: [string, string][] = [];
  const messages: string[] = [];
  for (const part of text.split(';')) {
    const at = part.indexOf(':');
    if (at <= 0) messages.push(`${quote(shorten(part))}: write PARAM:LIST, e.g. qsize:32,64,128`);
    else pairs.push([part.slice(0, at), part.slice(at + 1)]);
  }
  const read = readAxes(pairs);
  return messages.length > 0 ? { ok: false, messages: [...messages, ...(read.ok ? [] : read.messages)] } : read;
}

/** The link's `sweep` value for `axes`. */
export function sweepLinkValue(axes: readonly SweepAxis[]): string {
  return axes.map((a) => `${a.param}:${a.list}`).join(';');
}

/** Every point of the sweep, the first axis changing slowest. */
export function sweepPoints(axes: readonly SweepAxis[]): SweepVary[] {
  let points: SweepVary[] = [{}];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.param]: v })));
  return points;
}
