/**
 * The map operations form, checked and turned into a MapOpSpec for the worker. Checks are only
 * what user space's own parsing would reject (not a whole number, out of the field's C type):
 * everything the kernel checks (key >= max_entries, qsize too big, bad flags, max_entries 0 or
 * above NR_CPUS) is left to the engine, so its errno shows. An RX queue or CPU the machine does
 * not have is refused here, as a link naming one would be; a rate above the line rate is capped
 * by the engine.
 */
import { BPF_ANY, BPF_EXIST, BPF_NOEXIST, type EntryProg, type EntryProgAction, type MapOpSpec } from '../../../scenario/types';
import { parseDecimal, parseRate } from '../../../scenario/units';
import { kernelAtLeast, type KernelVersion } from '../../../scenario/kernels';
import { ENTRY_PROG_NEEDS_5_9 } from '../../../scenario/entryProg';

/** The form's buttons. */
export type MapOpButton = 'update' | 'delete' | 'lookup' | 'next' | 'free' | 'create' | 'rate' | 'irq';

/** The named flags, and "other" for a free number (to reach -EINVAL). */
export type FlagsChoice = 'BPF_ANY' | 'BPF_NOEXIST' | 'BPF_EXIST' | 'other';

/** An update's entry program (5.9+), or none. */
export type ProgChoice = 'none' | EntryProgAction;

/** The form's fields, as typed. */
export interface MapOpForm {
  key: string;
  qsize: string;
  flags: FlagsChoice;
  /** Used when `flags` is "other". */
  flagsValue: string;
  /** max_entries of a new map; empty: the scenario's. */
  max: string;
  /** The offered load, e.g. 2M. */
  rate: string;
  /** RX queue whose interrupt moves, and the CPU it moves to. */
  queue: string;
  cpu: string;
  /** Update's entry program (none when absent) and, for drop and redirect, the fraction it acts on. */
  prog?: ProgChoice;
  fraction?: string;
}

/** What the machine has, for the RX queue and CPU fields (unknown before a scenario has loaded). */
export interface MachineShape {
  rxQueues: number;
  cpus: number;
  /** The running kernel: an update's program needs 5.9 or later. */
  kernel?: KernelVersion;
}

/** A built operation, or why there is none. */
export type BuildResult = { ok: true; op: MapOpSpec } | { ok: false; message: string };

/** The largest __u32 (key and value of a cpumap are 4 bytes). */
export const U32_MAX = 4294967295;

const FLAG_VALUES: Record<Exclude<FlagsChoice, 'other'>, number> = { BPF_ANY, BPF_NOEXIST, BPF_EXIST };

/** A whole number in [0, max], or a message naming the field and what it got. */
function whole(field: string, text: string, max: number): number | string {
  const t = text.trim();
  if (t === '') return `${field} is empty: enter a whole number from 0 to ${max}.`;
  // Digits only: Number() would also take "1e3", "0x10", " 4 " or "4.0".
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isSafeInteger(n) || n > max) return `${field} must be a whole number from 0 to ${max} (got "${t}").`;
  return n;
}

/**
 * The operation `button` asks for with the form's values. `at` is 0: the worker applies it at
 * the current simulated time. "Get next key" with an empty key asks for the first key; "Create
 * map" with an empty max_entries uses the scenario's. `shape` bounds the RX queue and CPU fields.
 */
export function buildMapOp(button: MapOpButton, form: MapOpForm, shape: MachineShape | null = null): BuildResult {
  switch (button) {
    case 'free':
      return { ok: true, op: { at: 0, op: 'free' } };
    case 'create':
      return buildCreate(form);
    case 'rate':
      return buildRate(form);
    case 'irq':
      return buildIrq(form, shape);
    case 'update':
      return buildUpdate(form, shape);
    case 'next':
      if (form.key.trim() === '') return { ok: true, op: { at: 0, op: 'next', key: null } };
      break;
  }
  const key = whole('Key', form.key, U32_MAX);
  return typeof key === 'string' ? { ok: false, message: key } : { ok: true, op: { at: 0, op: button, key } };
}

function buildUpdate(form: MapOpForm, shape: MachineShape | null): BuildResult {
  const key = whole('Key', form.key, U32_MAX);
  if (typeof key === 'string') return { ok: false, message: key };
  const qsize = whole('qsize', form.qsize, U32_MAX);
  if (typeof qsize === 'string') return { ok: false, message: qsize };
  // bpf_attr.flags is a __u64; past 2^53 the number could not be sent exactly, so stop there.
  const flags = form.flags === 'other' ? whole('Flags', form.flagsValue, Number.MAX_SAFE_INTEGER) : FLAG_VALUES[form.flags];
  if (typeof flags === 'string') return { ok: false, message: flags };
  const prog = buildProg(form, shape);
  if (typeof prog === 'string') return { ok: false, message: prog };
  return { ok: true, op: prog === null ? { at: 0, op: 'update', key, qsize, flags } : { at: 0, op: 'update', key, qsize, flags, prog } };
}

/** The update's program, null for none, or a message: needs 5.9+, and a fraction from 0 to 1. */
function buildProg(form: MapOpForm, shape: MachineShape | null): EntryProg | null | string {
  const action = form.prog ?? 'none';
  if (action === 'none') return null;
  if (shape?.kernel !== undefined && !kernelAtLeast(shape.kernel, '5.9')) {
    return `An update with a program: ${ENTRY_PROG_NEEDS_5_9}; this scenario runs kernel ${shape.kernel}.`;
  }
  if (action === 'pass') return { action, fraction: 1 };
  const t = (form.fraction ?? '').trim();
  const fraction = t === '' ? 1 : parseDecimal(t);
  if (fraction === null || fraction < 0 || fraction > 1) return `Fraction must be a number from 0 to 1 such as 0.25 (got "${t}").`;
  return { action, fraction };
}

function buildCreate(form: MapOpForm): BuildResult {
  if (form.max.trim() === '') return { ok: true, op: { at: 0, op: 'create', max: null } };
  const max = whole('max_entries', form.max, U32_MAX);
  return typeof max === 'string' ? { ok: false, message: max } : { ok: true, op: { at: 0, op: 'create', max } };
}

function buildRate(form: MapOpForm): BuildResult {
  const t = form.rate.trim();
  const rate = parseRate(t);
  if (rate === null) return { ok: false, message: `Rate must be frames per second such as 0, 500k or 14.88M (got "${t}").` };
  return { ok: true, op: { at: 0, op: 'rate', rate } };
}

function buildIrq(form: MapOpForm, shape: MachineShape | null): BuildResult {
  const queue = whole('RX queue', form.queue, shape === null ? U32_MAX : shape.rxQueues - 1);
  if (typeof queue === 'string') return { ok: false, message: queue };
  const cpu = whole('CPU', form.cpu, shape === null ? U32_MAX : shape.cpus - 1);
  if (typeof cpu === 'string') return { ok: false, message: cpu };
  return { ok: true, op: { at: 0, op: 'irq', queue, cpu } };
}
