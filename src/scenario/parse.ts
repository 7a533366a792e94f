/**
 * Reads a scenario from its URL query-string form (`?cpus=4&rate=14.88M&ops=1ms:free`).
 *
 * Forgiving by design, because the input is whatever someone pasted into the address bar: every
 * parameter is checked on its own, a bad one is reported and falls back to its default, and the
 * rest are kept. Nothing here throws, and the work is bounded by the query's length.
 */
import { defaultMax, defaultRate, defaultRx, defaultScenario } from './defaults';
import {
  OPTIMIZATIONS,
  PREEMPT_MODELS,
  STACK_VERDICTS,
  XDP_MODES,
  type Arrival,
  type EntryProg,
  type EntrySpec,
  type KernelVersion,
  type Optimization,
  type PreemptModel,
  type ProgPolicy,
  type Scenario,
  type ScenarioProblem,
  type StackVerdict,
  type Traffic,
  type XdpMode,
} from './types';
import { numberSyntaxHint, parseDecimal, parseWholeNumber } from './units';
import { bad, checkRate, either, grouped, isOneOf, ok, quote, shorten, U32_MAX, wholeIn, type Check } from './check';
import { checkOps } from './parseOps';
import { ENTRY_PROG_NEEDS_5_9, readEntryProg } from './entryProg';
import { KERNEL_VERSIONS, kernelAtLeast } from './kernels';

/** The kernel versions `kernel` accepts. */
export { KERNEL_VERSIONS };

export { MAX_SHOWN_VALUE, U32_MAX } from './check';
export { MAX_OPS, MAX_OP_TIME_NS } from './parseOps';

/** The scenario's parameters, in the order `serializeScenario` writes them. */
export const SCENARIO_PARAMS = [
  'kernel',
  'opt',
  'preempt',
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
  'traffic',
  'prog',
  'mode',
  'drop',
  'stack',
  'seed',
  'cap',
  'ops',
] as const;

/** The name of one scenario parameter. */
export type ScenarioParam = (typeof SCENARIO_PARAMS)[number];

/** A longer query is refused whole (the defaults are used), so parsing time stays bounded. */
export const MAX_QUERY_LENGTH = 65_536;
/** Most CPUs a scenario may have (`cpus`). */
export const MAX_CPUS = 64;
/** Most RX queues (`rx` items). */
export const MAX_RX_QUEUES = 64;
/** Most initial entries (`entries` items). */
export const MAX_ENTRIES = 64;
/** Burst length of a plain `arrival=bursty`. */
export const DEFAULT_BURST = 64;
/** Segments a TCP-like sender puts on the wire back to back with a plain `traffic=tcp`. */
export const DEFAULT_TCP_RUN = 16;
/** Longest run of `traffic=tcp:N`: NAPI_POLL_WEIGHT, the most the kthread takes between two GRO flushes. */
export const MAX_TCP_RUN = 64;

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
      found.push({
        at,
        problem: problem(key, value, `a parameter may be given only once (the first value, ${quote(first.value)}, is used)`),
      });
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
  // Before entries: an entry program needs 5.9 or later.
  const kernel = read('kernel', d.kernel, checkKernel);
  const scenario: Scenario = {
    kernel,
    opt: read('opt', d.opt, checkOpt),
    preempt: read('preempt', d.preempt, checkPreempt),
    cpus,
    max: read('max', defaultMax(cpus), (t) => wholeIn(t, 0, U32_MAX)),
    rx: read('rx', defaultRx(cpus), (t) => checkRx(t, cpus)),
    ring: read('ring', d.ring, (t) => wholeIn(t, 32, 8192)),
    entries: read('entries', d.entries, (t) => checkEntries(t, kernel)),
    rate: read('rate', defaultRate(link, size), (t) => checkRate(t, link, size)),
    size,
    link,
    flows: read('flows', d.flows, (t) => wholeIn(t, 1, 65_536)),
    arrival: read('arrival', d.arrival, checkArrival),
    traffic: read('traffic', d.traffic, checkTraffic),
    prog: read('prog', d.prog, checkProg),
    mode: read('mode', d.mode, checkMode),
    drop: read('drop', d.drop, checkDrop),
    stack: read('stack', d.stack, checkStack),
    seed: read('seed', d.seed, (t) => wholeIn(t, 0, U32_MAX)),
    cap: read('cap', d.cap, checkCap),
    ops: d.ops,
  };

  const ops = given.get('ops');
  if (ops !== undefined) {
    // The ops that name a queue, a CPU or a rate are checked against the scenario read above.
    const result = checkOps(ops.value, { cpus, rxQueues: scenario.rx.length, link, size, kernel });
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

function checkKernel(text: string): Check<KernelVersion> {
  return isOneOf(KERNEL_VERSIONS, text) ? ok(text) : bad(either(KERNEL_VERSIONS));
}

function checkMode(text: string): Check<XdpMode> {
  return isOneOf(XDP_MODES, text) ? ok(text) : bad(`${either(XDP_MODES)} (skb is generic XDP, as xdp-bench -m skb)`);
}

function checkPreempt(text: string): Check<PreemptModel> {
  return isOneOf(PREEMPT_MODELS, text) ? ok(text) : bad(either(PREEMPT_MODELS));
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
  `of whole numbers from 0 to ${U32_MAX} (on kernel 5.10 and later each may end in :prog=pass, :prog=drop ` +
  `or :prog=redirect, the last two with an optional :FRACTION from 0 to 1), each CPU at most once`;

function checkEntries(text: string, kernel: KernelVersion): Check<EntrySpec[]> {
  if (text === '') return ok([]);
  const items = text.split(',');
  if (items.length > MAX_ENTRIES) return bad(ENTRIES_ALLOWED, `${items.length} entries`);
  const entries: EntrySpec[] = [];
  const seen = new Set<number>();
  for (const item of items) {
    const all = item.split(':');
    let prog: EntryProg | undefined;
    if (all.length > 2) {
      // The map value carries an entry program from 5.9 (struct bpf_cpumap_val).
      if (!kernelAtLeast(kernel, '5.9')) return bad(ENTRIES_ALLOWED, `${quote(item)}: ${ENTRY_PROG_NEEDS_5_9}`);
      const p = readEntryProg(item, all.slice(2));
      if ('detail' in p) return bad(ENTRIES_ALLOWED, p.detail);
      prog = p.prog;
    }
    const parts = all.slice(0, 2);
    if (parts.length !== 2) return bad(ENTRIES_ALLOWED, `${quote(item)} is not a CPU:QSIZE pair`);
    const [cpu, qsize] = parts.map(parseWholeNumber);
    if (cpu === null || qsize === null || cpu > U32_MAX || qsize > U32_MAX) {
      const hint = numberSyntaxHint(parts[0]) ?? numberSyntaxHint(parts[1]);
      return bad(ENTRIES_ALLOWED, hint ?? `${quote(item)} is out of range`);
    }
    if (seen.has(cpu)) return bad(ENTRIES_ALLOWED, `CPU ${cpu} is listed twice`);
    seen.add(cpu);
    entries.push(prog === undefined ? { cpu, qsize } : { cpu, qsize, prog });
  }
  return ok(entries);
}

function checkLink(text: string): Check<number> {
  const gbit = parseDecimal(text);
  return gbit !== null && gbit >= 0.1 && gbit <= 400
    ? ok(gbit)
    : bad('a link speed in Gbit/s from 0.1 to 400, such as 10 or 2.5', numberSyntaxHint(text));
}

const ARRIVAL_ALLOWED = `constant, poisson, bursty (bursts of ${DEFAULT_BURST} frames) or bursty:N with N a whole number from 2 to 4096`;

function checkArrival(text: string): Check<Arrival> {
  if (text === 'constant' || text === 'poisson') return ok({ kind: text });
  if (text === 'bursty') return ok({ kind: 'bursty', burst: DEFAULT_BURST });
  if (!text.startsWith('bursty:')) return bad(ARRIVAL_ALLOWED);
  const burst = wholeIn(text.slice('bursty:'.length), 2, 4096, ARRIVAL_ALLOWED);
  return burst.ok ? ok({ kind: 'bursty', burst: burst.value }) : burst;
}

const TRAFFIC_ALLOWED = `udp, tcp (runs of ${DEFAULT_TCP_RUN} segments of one flow) or tcp:N with N a whole number from 1 to ${MAX_TCP_RUN}`;

function checkTraffic(text: string): Check<Traffic> {
  if (text === 'udp') return ok({ kind: 'udp' });
  if (text === 'tcp') return ok({ kind: 'tcp', run: DEFAULT_TCP_RUN });
  if (!text.startsWith('tcp:')) return bad(TRAFFIC_ALLOWED);
  const run = wholeIn(text.slice('tcp:'.length), 1, MAX_TCP_RUN, TRAFFIC_ALLOWED);
  return run.ok ? ok({ kind: 'tcp', run: run.value }) : run;
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
