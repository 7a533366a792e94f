/**
 * Reads a scenario from its URL query-string form (`?cpus=4&rate=14.88M&ops=1ms:free`).
 *
 * Forgiving by design, because the input is whatever someone pasted into the address bar: every
 * parameter is checked on its own, a bad one is reported and falls back to its default, and the
 * rest are kept. Nothing here throws, and the work is bounded by the query's length.
 */
import { defaultMax, defaultRate, defaultRx, defaultScenario, lineRatePps } from './defaults';
import {
  OPTIMIZATIONS,
  STACK_VERDICTS,
  type Arrival,
  type EntrySpec,
  type KernelVersion,
  type MapOpSpec,
  type Optimization,
  type ProgPolicy,
  type Scenario,
  type ScenarioProblem,
  type StackVerdict,
} from './types';
import { formatDecimal, numberSyntaxHint, parseDecimal, parseDuration, parseRate, parseWholeNumber } from './units';

/** The scenario's parameters, in the order `serializeScenario` writes them. */
export const SCENARIO_PARAMS = [
  'kernel',
  'opt',
  'cpus',
  'max',
  'rx',
  'ring',
  'entries',
  'rate',
  'size',
  'link',
  'flows',
  'arrival',
  'prog',
  'drop',
  'stack',
  'seed',
  'cap',
  'ops',
] as const;

/** The name of one scenario parameter. */
export type ScenarioParam = (typeof SCENARIO_PARAMS)[number];

/** The kernel versions `kernel` accepts. */
export const KERNEL_VERSIONS: readonly KernelVersion[] = ['5.0', '5.2'];
/** A longer query is refused whole (the defaults are used), so parsing time stays bounded. */
export const MAX_QUERY_LENGTH = 65_536;
/** Most CPUs a scenario may have (`cpus`). */
export const MAX_CPUS = 64;
/** Most RX queues (`rx` items). */
export const MAX_RX_QUEUES = 64;
/** Most initial entries (`entries` items). */
export const MAX_ENTRIES = 64;
/** Most timed map operations (`ops` items). */
export const MAX_OPS = 1000;
/** Latest time of a map operation: 3600 s, in nanoseconds. */
export const MAX_OP_TIME_NS = 3_600_000_000_000;
/** Largest u32, the bound of map keys, qsize, flags, max_entries and the seed. */
export const U32_MAX = 4_294_967_295;
/** Burst length of a plain `arrival=bursty`. */
export const DEFAULT_BURST = 64;
/** Values longer than this (in code points) are shortened in problems. */
export const MAX_SHOWN_VALUE = 80;

/** Options of `parseScenario`. */
export interface ParseOptions {
  /** Parameters that are not part of the scenario but are expected in the URL (view state such as `speed`); they are ignored rather than reported. */
  extraParams?: readonly string[];
}

/** What `parseScenario` read: a complete, in-range scenario and the problems met on the way (empty when the query was clean). */
export interface ParseResult {
  scenario: Scenario;
  problems: ScenarioProblem[];
}

/**
 * Reads a scenario from a URL query string (with or without its leading `?`). Never throws.
 *
 * Every parameter with a problem is reported, with its value and what is allowed, and takes its
 * default; the valid ones are kept. Unknown parameters (other than `options.extraParams`) and
 * repeated ones (the first is used) are problems too. For `ops`, each bad operation is reported
 * and dropped, and the valid ones are kept, sorted by time. A query longer than
 * `MAX_QUERY_LENGTH` is refused whole: the defaults, and one problem with param `query`.
 *
 * Defaults that depend on other parameters: `max` is `cpus`; `rx` is `0,1` limited to existing
 * CPUs; `rate` is 1 Mpps or the line rate of `link` and `size`, whichever is lower.
 */
export function parseScenario(query: string, options: ParseOptions = {}): ParseResult {
  try {
    return parseBounded(query, options);
  } catch (error) {
    // Not expected to happen (property tests fuzz this function), but a URL must never break the page.
    const reason = error instanceof Error ? error.message : 'internal error';
    return { scenario: defaultScenario(), problems: [problem('query', '', `could not be read (${reason}); the defaults are used`)] };
  }
}

/** The outcome of checking one value: the value, or what is allowed plus an optional detail. */
type Check<T> = { ok: true; value: T } | { ok: false; allowed: string; detail: string | null };

function ok<T>(value: T): Check<T> {
  return { ok: true, value };
}

function bad(allowed: string, detail: string | null = null): Check<never> {
  return { ok: false, allowed, detail };
}

function parseBounded(query: string, options: ParseOptions): ParseResult {
  if (query.length > MAX_QUERY_LENGTH) {
    const allowed = `at most ${grouped(MAX_QUERY_LENGTH)} characters (this one has ${grouped(query.length)}); the defaults are used`;
    return { scenario: defaultScenario(), problems: [problem('query', query, allowed)] };
  }

  // Problems carry the position of the parameter they concern, so they come out in query order.
  const found: { at: number; problem: ScenarioProblem }[] = [];
  const given = new Map<string, { value: string; at: number }>();
  const known = new Set<string>(SCENARIO_PARAMS);
  const extra = new Set(options.extraParams ?? []);
  let at = 0;
  for (const [key, value] of new URLSearchParams(query)) {
    const first = given.get(key);
    if (first !== undefined) {
      found.push({ at, problem: problem(key, value, `a parameter may be given only once (the first value, ${quote(first.value)}, is used)`) });
    } else if (known.has(key)) {
      given.set(key, { value, at });
    } else if (!extra.has(key)) {
      found.push({ at, problem: problem(key, value, `unknown parameter (the parameters are ${SCENARIO_PARAMS.join(', ')})`) });
    }
    at++;
  }

  /** The checked value of `name`, or `fallback` when it is absent or has a problem (which is reported). */
  function read<T>(name: ScenarioParam, fallback: T, check: (text: string) => Check<T>): T {
    const got = given.get(name);
    if (got === undefined) return fallback;
    const result = check(got.value);
    if (result.ok) return result.value;
    const allowed = result.detail === null ? result.allowed : `${result.allowed} (${result.detail})`;
    found.push({ at: got.at, problem: problem(name, got.value, allowed) });
    return fallback;
  }

  const d = defaultScenario();
  // Order matters where a parameter's check or default depends on another: cpus before max and
  // rx; size and link before rate.
  const cpus = read('cpus', d.cpus, (t) => wholeIn(t, 1, MAX_CPUS));
  const size = read('size', d.size, (t) => wholeIn(t, 64, 1518, 'a frame size in bytes: a whole number from 64 to 1518'));
  const link = read('link', d.link, checkLink);
  const scenario: Scenario = {
    kernel: read('kernel', d.kernel, checkKernel),
    opt: read('opt', d.opt, checkOpt),
    cpus,
    max: read('max', defaultMax(cpus), (t) => wholeIn(t, 0, U32_MAX)),
    rx: read('rx', defaultRx(cpus), (t) => checkRx(t, cpus)),
    ring: read('ring', d.ring, (t) => wholeIn(t, 32, 8192)),
    entries: read('entries', d.entries, checkEntries),
    rate: read('rate', defaultRate(link, size), (t) => checkRate(t, link, size)),
    size,
    link,
    flows: read('flows', d.flows, (t) => wholeIn(t, 1, 65_536)),
    arrival: read('arrival', d.arrival, checkArrival),
    prog: read('prog', d.prog, checkProg),
    drop: read('drop', d.drop, checkDrop),
    stack: read('stack', d.stack, checkStack),
    seed: read('seed', d.seed, (t) => wholeIn(t, 0, U32_MAX)),
    cap: read('cap', d.cap, checkCap),
    ops: d.ops,
  };

  const ops = given.get('ops');
  if (ops !== undefined) {
    const result = checkOps(ops.value);
    scenario.ops = result.ops;
    for (const failure of result.failures) {
      const allowed = failure.detail === null ? failure.allowed : `${failure.allowed} (${failure.detail})`;
      found.push({ at: ops.at, problem: problem('ops', failure.value, allowed) });
    }
  }

  // Array.prototype.sort is stable, so problems of one parameter keep their order.
  found.sort((a, b) => a.at - b.at);
  return { scenario, problems: found.map((f) => f.problem) };
}

/** A problem whose message reads `param: "value" is not allowed: allowed`, with long texts shortened. */
function problem(param: string, value: string, allowed: string): ScenarioProblem {
  const shownParam = shorten(param);
  const shownValue = shorten(value);
  return { param: shownParam, value: shownValue, message: `${shownParam}: ${quote(value)} is not allowed: ${allowed}` };
}

/** `text` cut to MAX_SHOWN_VALUE code points (the last being `…`), never splitting a surrogate pair. */
function shorten(text: string): string {
  if (text.length <= MAX_SHOWN_VALUE) return text;
  // A text of at most MAX_SHOWN_VALUE code points has at most twice as many code units; a longer one
  // has more than MAX_SHOWN_VALUE code points within its first 2 * MAX_SHOWN_VALUE + 1 code units.
  const head = Array.from(text.slice(0, 2 * MAX_SHOWN_VALUE + 1));
  if (head.length <= MAX_SHOWN_VALUE && text.length <= 2 * MAX_SHOWN_VALUE) return text;
  return `${head.slice(0, MAX_SHOWN_VALUE - 1).join('')}…`;
}

/** `text` shortened and in double quotes, with quotes and control characters escaped so a message stays one line. */
function quote(text: string): string {
  return JSON.stringify(shorten(text));
}

/** An integer with thousands separators: 14880952 → `14,880,952`. */
function grouped(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/** `list` as prose: `a, b or c`. */
function either(list: readonly string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

function isOneOf<T extends string>(list: readonly T[], text: string): text is T {
  return (list as readonly string[]).includes(text);
}

function wholeIn(text: string, min: number, max: number, allowed = `a whole number from ${min} to ${max}`): Check<number> {
  const n = parseWholeNumber(text);
  return n !== null && n >= min && n <= max ? ok(n) : bad(allowed, numberSyntaxHint(text));
}

function checkKernel(text: string): Check<KernelVersion> {
  return isOneOf(KERNEL_VERSIONS, text) ? ok(text) : bad(either(KERNEL_VERSIONS));
}

const OPT_ALLOWED = `none, all, or a comma-separated list of ${either(OPTIMIZATIONS)}, each at most once`;

function checkOpt(text: string): Check<Optimization[]> {
  if (text === 'none') return ok([]);
  if (text === 'all') return ok([...OPTIMIZATIONS]);
  const names = text.split(',');
  const seen = new Set<string>();
  for (const name of names) {
    if (!isOneOf(OPTIMIZATIONS, name)) return bad(OPT_ALLOWED, `${quote(name)} is not an optimization`);
    if (seen.has(name)) return bad(OPT_ALLOWED, `${name} is listed twice`);
    seen.add(name);
  }
  return ok(names as Optimization[]);
}

function checkRx(text: string, cpus: number): Check<number[]> {
  const allowed = `a comma-separated list of 1 to ${MAX_RX_QUEUES} CPU numbers, each from 0 to ${cpus - 1} since cpus is ${cpus}`;
  const items = text.split(',');
  if (items.length > MAX_RX_QUEUES) return bad(allowed, `${items.length} queues`);
  const rx: number[] = [];
  for (const item of items) {
    const cpu = parseWholeNumber(item);
    if (cpu === null) return bad(allowed, numberSyntaxHint(item) ?? `${quote(item)} is not a CPU number`);
    if (cpu >= cpus) return bad(allowed, `CPU ${cpu} does not exist`);
    rx.push(cpu);
  }
  return ok(rx);
}

const ENTRIES_ALLOWED =
  `empty, or a comma-separated list of at most ${MAX_ENTRIES} CPU:QSIZE pairs ` +
  `of whole numbers from 0 to ${U32_MAX}, each CPU at most once`;

function checkEntries(text: string): Check<EntrySpec[]> {
  if (text === '') return ok([]);
  const items = text.split(',');
  if (items.length > MAX_ENTRIES) return bad(ENTRIES_ALLOWED, `${items.length} entries`);
  const entries: EntrySpec[] = [];
  const seen = new Set<number>();
  for (const item of items) {
    const parts = item.split(':');
    if (parts.length !== 2) return bad(ENTRIES_ALLOWED, `${quote(item)} is not a CPU:QSIZE pair`);
    const [cpu, qsize] = parts.map(parseWholeNumber);
    if (cpu === null || qsize === null || cpu > U32_MAX || qsize > U32_MAX) {
      const hint = numberSyntaxHint(parts[0]) ?? numberSyntaxHint(parts[1]);
      return bad(ENTRIES_ALLOWED, hint ?? `${quote(item)} is out of range`);
    }
    if (seen.has(cpu)) return bad(ENTRIES_ALLOWED, `CPU ${cpu} is listed twice`);
    seen.add(cpu);
    entries.push({ cpu, qsize });
  }
  return ok(entries);
}

function checkRate(text: string, link: number, size: number): Check<number> {
  const pps = parseRate(text);
  if (pps === null) {
    return bad('frames per second: a decimal number with an optional k, M or G suffix, such as 1000, 500k or 14.88M', numberSyntaxHint(text));
  }
  const line = lineRatePps(link, size);
  if (pps > line) {
    return bad(`at most ${grouped(Math.floor(line))} pps, the line rate of a ${formatDecimal(link)} Gbit/s link for ${size}-byte frames`);
  }
  return ok(pps);
}

function checkLink(text: string): Check<number> {
  const gbit = parseDecimal(text);
  return gbit !== null && gbit >= 0.1 && gbit <= 400 ? ok(gbit) : bad('a link speed in Gbit/s from 0.1 to 400, such as 10 or 2.5', numberSyntaxHint(text));
}

const ARRIVAL_ALLOWED = `constant, poisson, bursty (bursts of ${DEFAULT_BURST} frames) or bursty:N with N a whole number from 2 to 4096`;

function checkArrival(text: string): Check<Arrival> {
  if (text === 'constant' || text === 'poisson') return ok({ kind: text });
  if (text === 'bursty') return ok({ kind: 'bursty', burst: DEFAULT_BURST });
  if (!text.startsWith('bursty:')) return bad(ARRIVAL_ALLOWED);
  const burst = wholeIn(text.slice('bursty:'.length), 2, 4096, ARRIVAL_ALLOWED);
  return burst.ok ? ok({ kind: 'bursty', burst: burst.value }) : burst;
}

const PROG_ALLOWED = `rr, hash or cpu:N with N a whole number from 0 to ${U32_MAX}`;

function checkProg(text: string): Check<ProgPolicy> {
  if (text === 'rr' || text === 'hash') return ok({ kind: text });
  if (!text.startsWith('cpu:')) return bad(PROG_ALLOWED);
  const cpu = wholeIn(text.slice('cpu:'.length), 0, U32_MAX, PROG_ALLOWED);
  return cpu.ok ? ok({ kind: 'cpu', cpu: cpu.value }) : cpu;
}

function checkDrop(text: string): Check<number> {
  const fraction = parseDecimal(text);
  return fraction !== null && fraction <= 1 ? ok(fraction) : bad('a fraction from 0 to 1, such as 0.25', numberSyntaxHint(text));
}

function checkStack(text: string): Check<StackVerdict> {
  return isOneOf(STACK_VERDICTS, text) ? ok(text) : bad(either(STACK_VERDICTS));
}

function checkCap(text: string): Check<boolean> {
  return text === '0' || text === '1' ? ok(text === '1') : bad('0 or 1');
}

/** One refused item of `ops`. */
interface OpFailure {
  value: string;
  allowed: string;
  detail: string | null;
}

const OPS_ALLOWED =
  'TIME:OP, with TIME a duration such as 0, 250us, 1.5ms or 2s (at most 3600s) and OP one of ' +
  'update:KEY:QSIZE[:FLAGS], delete:KEY, lookup:KEY, next[:KEY], free or failslab[:N]';
const U32_ARGS = `whole numbers from 0 to ${U32_MAX}`;
const UPDATE_ALLOWED = `TIME:update:KEY:QSIZE or TIME:update:KEY:QSIZE:FLAGS, with KEY, QSIZE and FLAGS ${U32_ARGS}`;
const FAILSLAB_ALLOWED = 'TIME:failslab or TIME:failslab:N, with N a whole number from 1 to 1000';

/** Reads `ops`: each bad item is a failure and is dropped; the good ones are kept, sorted by time. */
function checkOps(text: string): { ops: MapOpSpec[]; failures: OpFailure[] } {
  if (text === '') return { ops: [], failures: [] };
  const items = text.split(',');
  if (items.length > MAX_OPS) {
    const allowed = `at most ${grouped(MAX_OPS)} operations (this list has ${grouped(items.length)}); none are used`;
    return { ops: [], failures: [{ value: text, allowed, detail: null }] };
  }
  const ops: MapOpSpec[] = [];
  const failures: OpFailure[] = [];
  for (const item of items) {
    const op = checkOp(item);
    if (op.ok) ops.push(op.value);
    else failures.push({ value: item, allowed: op.allowed, detail: op.detail });
  }
  // Stable: operations at the same time run in the order written.
  ops.sort((a, b) => a.at - b.at);
  return { ops, failures };
}

function checkOp(item: string): Check<MapOpSpec> {
  if (item === '') return bad(OPS_ALLOWED, 'an empty item');
  const [time, name, ...args] = item.split(':');
  const at = parseDuration(time);
  if (at === null) return bad(OPS_ALLOWED, numberSyntaxHint(time) ?? `${quote(time)} is not a duration`);
  if (at > MAX_OP_TIME_NS) return bad(OPS_ALLOWED, `${quote(time)} is after 3600s`);
  const u32 = (i: number): number | null => {
    const n = args[i] === undefined ? null : parseWholeNumber(args[i]);
    return n !== null && n <= U32_MAX ? n : null;
  };
  const argHint = (): string | null => args.map(numberSyntaxHint).find((h) => h !== null) ?? null;
  switch (name) {
    case 'update': {
      const key = u32(0);
      const qsize = u32(1);
      const flags = args.length === 3 ? u32(2) : 0;
      if (args.length < 2 || args.length > 3 || key === null || qsize === null || flags === null) return bad(UPDATE_ALLOWED, argHint());
      return ok({ at, op: 'update', key, qsize, flags });
    }
    case 'delete':
    case 'lookup': {
      const key = u32(0);
      if (args.length !== 1 || key === null) return bad(`TIME:${name}:KEY, with KEY a whole number from 0 to ${U32_MAX}`, argHint());
      return ok({ at, op: name, key });
    }
    case 'next': {
      const key = args.length === 0 ? null : u32(0);
      if (args.length > 1 || (args.length === 1 && key === null)) return bad(`TIME:next or TIME:next:KEY, with KEY a whole number from 0 to ${U32_MAX}`, argHint());
      return ok({ at, op: 'next', key });
    }
    case 'free':
      return args.length === 0 ? ok({ at, op: 'free' }) : bad('TIME:free, without arguments');
    case 'failslab': {
      const count = args.length === 0 ? 1 : u32(0);
      if (args.length > 1 || count === null || count < 1 || count > 1000) return bad(FAILSLAB_ALLOWED, argHint());
      return ok({ at, op: 'failslab', count });
    }
    default:
      return bad(OPS_ALLOWED, name === undefined ? 'no operation' : `${quote(name)} is not an operation`);
  }
}
