/**
 * The view state a shared link carries beside the scenario: `v` (the link format's version),
 * `speed`, `paused`, `t` (the simulated time to start from) and `sel` (the selected element).
 * Pure functions: reading never throws (junk is ignored with a problem message), and writing
 * puts `v=1` first, then the scenario, then the view.
 */
import { parseDuration, formatDuration } from '../../scenario/units';
import { quote, shorten } from '../../scenario/check';
import type { ScenarioProblem } from '../../scenario/types';
import type { InspectTarget } from '../../worker/protocol';
import { parseSpeedParam } from '../format';
import { MAX_START_NS } from '../../worker/settings';
import { VIEW_PARAMS } from '../../scenario/viewParams';

/** The version of the link format this page writes and reads. */
export const LINK_VERSION = '1';
/** Latest start time a link may ask for: the worker's limit (run synchronously on open). */
export { MAX_START_NS };
/** Fastest finite speed (real time); `max` is as fast as possible. */
const MAX_FINITE_SPEED = 1e9;
/** Longest view value looked at (longer ones are junk anyway). */
const MAX_VALUE = 64;
/** The view parameters, as readViewState reads them (the worker's list: src/scenario/viewParams.ts). */
const VIEW_KEYS: ReadonlySet<string> = new Set(VIEW_PARAMS);
/** View parameters a side-by-side link cannot use: the pair has no lesson, no selection, no embedded form and no sweep. */
const NOT_SIDE_BY_SIDE = ['lesson', 'step', 'sel', 'embed', 'sweep'] as const;

export interface ViewState {
  /** Simulated ns per wall second (Infinity: `max`), or null: the page's default. */
  speed: number | null;
  paused: boolean;
  /** Simulated time to start from (whole ns), or null: 0. */
  t: number | null;
  sel: InspectTarget | null;
  /** `theme` as given (kept when the address is rewritten). */
  theme: 'light' | 'dark' | null;
  /** `lesson`: the id of the lesson being followed, or null. */
  lesson: string | null;
  /** `step`: the lesson's step, counted from 1 (null: the first). */
  step: number | null;
  /** `embed=1`: only the topology and the controls (and a lesson step beside them), for an iframe. */
  embed: boolean;
  /** `present=1`: presentation mode (large type, high contrast, lesson text beside the topology). */
  present: boolean;
  /** `compare`: the second run of a side-by-side pair, as changes to this scenario's query. */
  compare: string | null;
  /**
   * `sweep`: the Sweep panel's PARAM:LIST;PARAM:LIST, kept as given; the Sweep code (fetched
   * after the first frame) checks it and names its problem in the link notice.
   */
  sweep: string | null;
}

export const EMPTY_VIEW: ViewState = {
  speed: null,
  paused: false,
  t: null,
  sel: null,
  theme: null,
  lesson: null,
  step: null,
  embed: false,
  present: false,
  compare: null,
  sweep: null,
};

/** Longest `compare` value: a handful of scenario parameters. */
export const MAX_COMPARE = 2000;
const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const STEP = /^[1-9]\d?$/;

/** A problem worded as the scenario parser words its own (the value shortened and quoted). */
function problem(param: string, value: string, allowed: string): ScenarioProblem {
  return { param, value: shorten(value), message: `${param}: ${quote(value)} is not allowed: ${allowed}` };
}

/** A selection as the link writes it: `cpu:3`, `nic:0`, `entry:7`, `bulkq:7:3`, `frame:12`. */
export function formatSel(sel: InspectTarget): string {
  switch (sel.kind) {
    case 'cpu':
      return `cpu:${sel.cpu}`;
    case 'nic':
      return `nic:${sel.queue}`;
    case 'entry':
      return `entry:${sel.uid}`;
    case 'bulkq':
      return `bulkq:${sel.uid}:${sel.cpu}`;
    case 'frame':
      return `frame:${sel.frame}`;
  }
}

const WHOLE = /^(0|[1-9]\d{0,8})$/;

/** Reads `sel`, or null when it is not one of the forms formatSel writes. */
export function parseSel(text: string): InspectTarget | null {
  const parts = text.split(':');
  if (parts.length > 3 || !parts.slice(1).every((p) => WHOLE.test(p))) return null;
  const [kind, a, b] = [parts[0], Number(parts[1]), Number(parts[2])];
  if (parts.length === 2) {
    if (kind === 'cpu') return { kind: 'cpu', cpu: a };
    if (kind === 'nic') return { kind: 'nic', queue: a };
    if (kind === 'entry') return { kind: 'entry', uid: a };
    if (kind === 'frame') return { kind: 'frame', frame: a };
  }
  if (parts.length === 3 && kind === 'bulkq') return { kind: 'bulkq', uid: a, cpu: b };
  return null;
}

/** Reads the view parameters of `query` (other parameters are the scenario parser's business). */
export function readViewState(query: string, maxLength = 65_536): { view: ViewState; problems: ScenarioProblem[] } {
  const view: ViewState = { ...EMPTY_VIEW };
  const problems: ScenarioProblem[] = [];
  // The scenario parser refuses an over-long query whole (and says so); so does this.
  if (query.length > maxLength) return { view, problems };
  // The first value of each view parameter: the one read. A repeat is named, not silently dropped.
  const given = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(query)) {
    if (!VIEW_KEYS.has(key)) continue;
    const first = given.get(key);
    if (first !== undefined) {
      problems.push(problem(key, value, `a parameter may be given only once (only the first, ${quote(first)}, is read)`));
      continue;
    }
    given.set(key, value);
    switch (key) {
      case 'v':
        if (value !== LINK_VERSION)
          problems.push(
            problem('v', value, `${LINK_VERSION} (the link format this page reads); the link is read as version ${LINK_VERSION}`),
          );
        break;
      case 'speed': {
        const speed = value.length > MAX_VALUE ? null : parseSpeedParam(value);
        if (speed !== null) view.speed = speed;
        else problems.push(problem('speed', value, `simulated ns per second, more than 0 (at most ${MAX_FINITE_SPEED} is used), or max`));
        break;
      }
      case 'paused':
        if (value === '1' || value === '0') view.paused = value === '1';
        else problems.push(problem('paused', value, '0 or 1'));
        break;
      case 't': {
        const ns = value.length > MAX_VALUE ? null : parseDuration(value);
        if (ns !== null && ns <= MAX_START_NS) view.t = ns === 0 ? null : ns;
        else if (ns !== null)
          problems.push(problem('t', value, 'at most 10s (the run to the start time is done at once); starting from 0'));
        else problems.push(problem('t', value, 'a simulated time such as 0, 250us, 2.5ms or 1s, at most 10s'));
        break;
      }
      case 'sel': {
        const sel = value.length > MAX_VALUE ? null : parseSel(value);
        if (sel !== null) view.sel = sel;
        else problems.push(problem('sel', value, 'cpu:N, nic:N, entry:UID, bulkq:UID:CPU or frame:N'));
        break;
      }
      case 'theme':
        if (value === 'light' || value === 'dark') view.theme = value;
        else problems.push(problem('theme', value, 'light or dark'));
        break;
      case 'lesson':
        if (LESSON_ID.test(value)) view.lesson = value;
        else problems.push(problem('lesson', value, 'a lesson id such as one-frame (lowercase letters, digits and -)'));
        break;
      case 'step':
        if (STEP.test(value)) view.step = Number(value);
        else problems.push(problem('step', value, 'a step number from 1 to 99'));
        break;
      case 'embed':
      case 'present':
        if (value === '1' || value === '0') view[key] = value === '1';
        else problems.push(problem(key, value, '0 or 1'));
        break;
      case 'compare':
        if (value.length <= MAX_COMPARE) view.compare = value;
        else problems.push(problem('compare', value, `scenario parameters for the second run, at most ${MAX_COMPARE} characters`));
        break;
      case 'sweep':
        view.sweep = value;
        break;
    }
  }
  dropUnused(view, given, problems);
  return { view, problems };
}

/**
 * Names and clears what the page would otherwise ignore without a word: a step without a
 * lesson, and the parameters a side-by-side link (`compare`) has no use for.
 */
function dropUnused(view: ViewState, given: ReadonlyMap<string, string>, problems: ScenarioProblem[]): void {
  if (view.compare !== null) {
    for (const key of NOT_SIDE_BY_SIDE) {
      const value = given.get(key);
      if (value === undefined || view[key] === EMPTY_VIEW[key]) continue;
      problems.push(
        problem(
          key,
          value,
          'not used side by side (a link with compare shows two runs, without lessons, selection, embedding or sweeps); ignored',
        ),
      );
      if (key === 'embed') view.embed = false;
      else view[key] = null;
    }
  }
  const step = given.get('step');
  if (view.step !== null && view.lesson === null && step !== undefined) {
    problems.push(problem('step', step, 'a step of a lesson: it needs a valid lesson=ID beside it; ignored'));
    view.step = null;
  }
}

/** The speed as the link writes it: a number, or `max`. */
function speedText(speed: number): string {
  return speed === Infinity ? 'max' : String(speed);
}

/**
 * The whole link query: `v=1`, the scenario (already in its URL form), then the view. `t` is
 * written only when paused and past 0 (rounded up to whole ns): a playing run's link starts from
 * 0 for whoever opens it. With `timeWhilePlaying` it is written anyway (a restarted worker
 * resumes where its run was).
 */
export function buildLinkQuery(scenarioQuery: string, view: ViewState, { timeWhilePlaying = false } = {}): string {
  const parts = [`v=${LINK_VERSION}`];
  if (scenarioQuery !== '') parts.push(scenarioQuery);
  if (view.speed !== null) parts.push(`speed=${speedText(view.speed)}`);
  if (view.paused) parts.push('paused=1');
  if ((view.paused || timeWhilePlaying) && view.t !== null && view.t > 0 && Number.isFinite(view.t)) {
    parts.push(`t=${formatDuration(Math.ceil(view.t))}`);
  }
  if (view.sel !== null) parts.push(`sel=${formatSel(view.sel)}`);
  if (view.theme !== null) parts.push(`theme=${view.theme}`);
  if (view.lesson !== null) parts.push(`lesson=${view.lesson}`);
  if (view.lesson !== null && view.step !== null) parts.push(`step=${view.step}`);
  if (view.present) parts.push('present=1');
  if (view.embed) parts.push('embed=1');
  if (view.compare !== null) parts.push(`compare=${encodeURIComponent(view.compare)}`);
  // Readable (`sweep=qsize:32,64`): only what a query would misread is escaped (`+` reads as a space).
  if (view.sweep !== null) parts.push(`sweep=${view.sweep.replace(/[^\w:;,.-]/gu, encodeURIComponent)}`);
  return parts.join('&');
}
