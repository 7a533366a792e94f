/**
 * The JSON types of a scenario file's `scenario` object, checked before it is written back as a
 * query: a file is anyone's text, and a field of the wrong type (a string where a list belongs, a
 * list nested a million deep) must be named, not met as a TypeError or a stack overflow halfway
 * through. Values are the parser's business: only types and sizes are looked at here, and nothing
 * recurses, so the work is linear in the file.
 */
import { MAX_ENTRIES, MAX_OPS, MAX_RX_QUEUES } from '../../scenario/parse';
import { OPTIMIZATIONS, type MapOpSpec, type Scenario } from '../../scenario/types';
import { DEFAULT_SCENARIO } from '../../scenario/defaults';

type Test = (value: unknown) => boolean;

/** Longer strings are no value of any field, and would only make an over-long query. */
const MAX_STRING = 100;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A field of the object itself, never one inherited (`constructor`, `__proto__`...). */
const own = (v: Record<string, unknown>, key: string): unknown => (Object.hasOwn(v, key) ? v[key] : undefined);

const num: Test = (v) => typeof v === 'number';
const str: Test = (v) => typeof v === 'string' && v.length <= MAX_STRING;
const list =
  (item: Test, max: number): Test =>
  (v) =>
    Array.isArray(v) && v.length <= max && v.every(item);
const fields =
  (shape: Record<string, Test>): Test =>
  (v) =>
    isObject(v) && Object.entries(shape).every(([key, test]) => test(own(v, key)));
/** An object whose `kind` picks the other fields it must have. */
const tagged =
  (tag: string, kinds: Record<string, Record<string, Test>>): Test =>
  (v) => {
    if (!isObject(v)) return false;
    const kind = own(v, tag);
    return typeof kind === 'string' && Object.hasOwn(kinds, kind) && fields(kinds[kind])(v);
  };

const at = { at: num };
const numOrNull: Test = (v) => v === null || num(v);
/** The fields of each operation (keyed by MapOpSpec's `op`, so a new kind of operation must be added here). */
const OP_FIELDS: Record<MapOpSpec['op'], Record<string, Test>> = {
  update: { ...at, key: num, qsize: num, flags: num },
  delete: { ...at, key: num },
  lookup: { ...at, key: num },
  next: { ...at, key: numOrNull },
  free: at,
  create: { ...at, max: numOrNull },
  rate: { ...at, rate: num },
  irq: { ...at, queue: num, cpu: num },
  failslab: { ...at, count: num },
  rt: { ...at, cpu: num, ns: num },
};
const OP = tagged('op', OP_FIELDS);

/** Each field's test and how it is described when it fails. */
const SHAPE: Record<keyof Scenario, [Test, string]> = {
  kernel: [str, 'a string such as "5.2"'],
  opt: [(v) => v === null || list(str, OPTIMIZATIONS.length)(v), `null or a list of at most ${OPTIMIZATIONS.length} names`],
  preempt: [str, 'a string such as "full"'],
  cpus: [num, 'a number'],
  max: [num, 'a number'],
  rx: [list(num, MAX_RX_QUEUES), `a list of at most ${MAX_RX_QUEUES} CPU numbers`],
  ring: [num, 'a number'],
  entries: [list(fields({ cpu: num, qsize: num }), MAX_ENTRIES), `a list of at most ${MAX_ENTRIES} objects { "cpu": N, "qsize": N }`],
  rate: [num, 'a number of frames per second'],
  size: [num, 'a number'],
  link: [num, 'a number'],
  flows: [num, 'a number'],
  arrival: [
    tagged('kind', { constant: {}, poisson: {}, bursty: { burst: num } }),
    'an object such as { "kind": "poisson" } or { "kind": "bursty", "burst": 64 }',
  ],
  traffic: [tagged('kind', { udp: {}, tcp: { run: num } }), 'an object such as { "kind": "udp" } or { "kind": "tcp", "run": 16 }'],
  prog: [tagged('kind', { rr: {}, hash: {}, cpu: { cpu: num } }), 'an object such as { "kind": "hash" } or { "kind": "cpu", "cpu": 4 }'],
  mode: [str, 'a string such as "native"'],
  drop: [num, 'a number from 0 to 1'],
  stack: [str, 'a string such as "udp-noport"'],
  seed: [num, 'a number'],
  cap: [(v) => typeof v === 'boolean', 'true or false'],
  ops: [list(OP, MAX_OPS), `a list of at most ${MAX_OPS} map operations such as { "at": 1000000, "op": "free" }`],
};

/**
 * Fields added to the scenario after version 1 files were first written: a file without one was
 * saved before it existed, and reads as its default (so an older file means what it meant then).
 */
const ADDED_LATER: Partial<Scenario> = {
  preempt: DEFAULT_SCENARIO.preempt,
  traffic: DEFAULT_SCENARIO.traffic,
  mode: DEFAULT_SCENARIO.mode,
};

/** `value` with the fields added later filled in with their defaults where it has none of its own. */
export function withAddedFields(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const [key, fallback] of Object.entries(ADDED_LATER)) if (!Object.hasOwn(value, key)) out[key] = fallback;
  return out;
}

/**
 * Why `value` is not a scenario object of the right types (the first wrong field), or null when it
 * is one. Fields added later (ADDED_LATER) may be absent; see withAddedFields.
 */
export function scenarioShapeProblem(value: unknown): string | null {
  if (!isObject(value)) return 'it is not an object';
  for (const [key, [test, wanted]] of Object.entries(SHAPE)) {
    if (!Object.hasOwn(value, key)) {
      if (Object.hasOwn(ADDED_LATER, key)) continue;
      return `it has no ${key}`;
    }
    if (!test(value[key])) return `its ${key} is not ${wanted}`;
  }
  return null;
}
