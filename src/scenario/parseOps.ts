/**
 * Reads the `ops` parameter: a timeline of map operations, traffic changes and RX interrupt
 * moves, `TIME:OP[:ARGS]` items separated by commas. Each bad item is reported and dropped; the
 * good ones are kept, sorted by time.
 */
import type { EntryProg, MapOpSpec } from './types';
import type { KernelVersion } from './kernels';
import { kernelAtLeast } from './kernels';
import { ENTRY_PROG_NEEDS_5_9, readEntryProg } from './entryProg';
import { bad, checkRate, grouped, ok, quote, U32_MAX, type Check } from './check';
import { numberSyntaxHint, parseDuration, parseWholeNumber } from './units';

/** Most timed map operations (`ops` items). */
export const MAX_OPS = 1000;
/** Latest time of a map operation: 3600 s, in nanoseconds. */
export const MAX_OP_TIME_NS = 3_600_000_000_000;

/** One refused item of `ops`. */
export interface OpFailure {
  value: string;
  allowed: string;
  detail: string | null;
}

/** What the items that name a CPU, an RX queue or a rate are checked against: the scenario's own values. */
export interface OpsContext {
  cpus: number;
  /** Number of RX queues (`rx` items). */
  rxQueues: number;
  /** Link speed and frame size, which set the line rate. */
  link: number;
  size: number;
  /** An update's program needs 5.9 or later. */
  kernel: KernelVersion;
}

const OPS_ALLOWED =
  'TIME:OP, with TIME a duration such as 0, 250us, 1.5ms or 2s (at most 3600s) and OP one of ' +
  'update:KEY:QSIZE[:FLAGS], delete:KEY, lookup:KEY, next[:KEY], free, create[:MAX], rate:RATE, ' +
  'irq:QUEUE:CPU, failslab[:N] or rt:CPU:DURATION';
const U32_ARGS = `whole numbers from 0 to ${U32_MAX}`;
const UPDATE_ALLOWED =
  `TIME:update:KEY:QSIZE or TIME:update:KEY:QSIZE:FLAGS, with KEY, QSIZE and FLAGS ${U32_ARGS}, ` +
  'then on kernel 5.10 and later optionally :prog= as in entries';
const FAILSLAB_ALLOWED = 'TIME:failslab or TIME:failslab:N, with N a whole number from 1 to 1000';
const CREATE_ALLOWED = `TIME:create or TIME:create:MAX, with MAX a whole number from 0 to ${U32_MAX}`;

function irqAllowed(c: OpsContext): string {
  const queues =
    c.rxQueues === 1 ? 'QUEUE 0 (rx has 1 queue)' : `QUEUE an RX queue from 0 to ${c.rxQueues - 1} (rx has ${c.rxQueues} queues)`;
  return `TIME:irq:QUEUE:CPU, with ${queues} and CPU from 0 to ${c.cpus - 1} since cpus is ${c.cpus}`;
}

/** Reads `ops`: each bad item is a failure and is dropped; the good ones are kept, sorted by time. */
export function checkOps(text: string, context: OpsContext): { ops: MapOpSpec[]; failures: OpFailure[] } {
  if (text === '') return { ops: [], failures: [] };
  const items = text.split(',');
  if (items.length > MAX_OPS) {
    const allowed = `at most ${grouped(MAX_OPS)} operations (this list has ${grouped(items.length)}); none are used`;
    return { ops: [], failures: [{ value: text, allowed, detail: null }] };
  }
  const ops: MapOpSpec[] = [];
  const failures: OpFailure[] = [];
  for (const item of items) {
    const op = checkOp(item, context);
    if (op.ok) ops.push(op.value);
    else failures.push({ value: item, allowed: op.allowed, detail: op.detail });
  }
  // Stable: operations at the same time run in the order written.
  ops.sort((a, b) => a.at - b.at);
  return { ops, failures };
}

/** An update's program, as the map value's bpf_prog.fd carries it from 5.9 on. */
function checkUpdateProg(item: string, parts: readonly string[], kernel: KernelVersion): Check<EntryProg> {
  if (!kernelAtLeast(kernel, '5.9')) return bad(UPDATE_ALLOWED, `${quote(item)}: ${ENTRY_PROG_NEEDS_5_9}`);
  const read = readEntryProg(item, parts, 'KEY:QSIZE[:FLAGS]');
  return 'prog' in read ? ok(read.prog) : bad(UPDATE_ALLOWED, read.detail);
}

function checkOp(item: string, context: OpsContext): Check<MapOpSpec> {
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
      // The program, if any, comes last: KEY:QSIZE[:FLAGS]:prog=ACTION[:FRACTION].
      const progAt = args.findIndex((a) => a.startsWith('prog='));
      const numbers = progAt === -1 ? args.length : progAt;
      const key = u32(0);
      const qsize = u32(1);
      const flags = numbers === 3 ? u32(2) : 0;
      if (numbers < 2 || numbers > 3 || key === null || qsize === null || flags === null) return bad(UPDATE_ALLOWED, argHint());
      if (progAt === -1) return ok({ at, op: 'update', key, qsize, flags });
      const prog = checkUpdateProg(item, args.slice(progAt), context.kernel);
      return prog.ok ? ok({ at, op: 'update', key, qsize, flags, prog: prog.value }) : prog;
    }
    case 'delete':
    case 'lookup': {
      const key = u32(0);
      if (args.length !== 1 || key === null) return bad(`TIME:${name}:KEY, with KEY a whole number from 0 to ${U32_MAX}`, argHint());
      return ok({ at, op: name, key });
    }
    case 'next': {
      const key = args.length === 0 ? null : u32(0);
      if (args.length > 1 || (args.length === 1 && key === null))
        return bad(`TIME:next or TIME:next:KEY, with KEY a whole number from 0 to ${U32_MAX}`, argHint());
      return ok({ at, op: 'next', key });
    }
    case 'free':
      return args.length === 0 ? ok({ at, op: 'free' }) : bad('TIME:free, without arguments');
    case 'create': {
      const max = args.length === 0 ? null : u32(0);
      if (args.length > 1 || (args.length === 1 && max === null)) return bad(CREATE_ALLOWED, argHint());
      return ok({ at, op: 'create', max });
    }
    case 'rate': {
      if (args.length !== 1) return bad('TIME:rate:RATE, with RATE frames per second as for the rate parameter, such as 0, 500k or 14.88M');
      const rate = checkRate(args[0], context.link, context.size);
      return rate.ok ? ok({ at, op: 'rate', rate: rate.value }) : bad(`TIME:rate:RATE, with RATE ${rate.allowed}`, rate.detail);
    }
    case 'irq': {
      const queue = u32(0);
      const cpu = u32(1);
      if (args.length !== 2 || queue === null || cpu === null) return bad(irqAllowed(context), argHint());
      if (queue >= context.rxQueues) return bad(irqAllowed(context), `RX queue ${queue} does not exist`);
      if (cpu >= context.cpus) return bad(irqAllowed(context), `CPU ${cpu} does not exist`);
      return ok({ at, op: 'irq', queue, cpu });
    }
    case 'failslab': {
      const count = args.length === 0 ? 1 : u32(0);
      if (args.length > 1 || count === null || count < 1 || count > 1000) return bad(FAILSLAB_ALLOWED, argHint());
      return ok({ at, op: 'failslab', count });
    }
    case 'rt': {
      const cpu = u32(0);
      const ns = args.length === 2 ? parseDuration(args[1]) : null;
      const allowed = `TIME:rt:CPU:DURATION, CPU below ${context.cpus}, DURATION 1us to 1s`;
      if (args.length !== 2 || cpu === null || ns === null) return bad(allowed, argHint());
      if (cpu >= context.cpus) return bad(allowed, `CPU ${cpu} does not exist`);
      if (ns < 1000 || ns > 1_000_000_000) return bad(allowed, `${quote(args[1])} is out of range`);
      return ok({ at, op: 'rt', cpu, ns });
    }
    default:
      return bad(OPS_ALLOWED, name === undefined ? 'no operation' : `${quote(name)} is not an operation`);
  }
}
