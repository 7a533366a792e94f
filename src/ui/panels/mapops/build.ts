/**
 * The map operations form, checked and turned into a MapOpSpec for the worker. Checks are only
 * what user space's own parsing would reject (not a whole number, out of the field's C type):
 * everything the kernel checks (key >= max_entries, qsize too big, bad flags) is left to the
 * engine, so its errno shows.
 */
import { BPF_ANY, BPF_EXIST, BPF_NOEXIST, type MapOpSpec } from '../../../scenario/types';

/** The form's buttons. */
export type MapOpButton = 'update' | 'delete' | 'lookup' | 'next' | 'free';

/** The named flags, and "other" for a free number (to reach -EINVAL). */
export type FlagsChoice = 'BPF_ANY' | 'BPF_NOEXIST' | 'BPF_EXIST' | 'other';

/** The form's fields, as typed. */
export interface MapOpForm {
  key: string;
  qsize: string;
  flags: FlagsChoice;
  /** Used when `flags` is "other". */
  flagsValue: string;
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
 * the current simulated time. "Get next key" with an empty key asks for the first key.
 */
export function buildMapOp(button: MapOpButton, form: MapOpForm): BuildResult {
  if (button === 'free') return { ok: true, op: { at: 0, op: 'free' } };
  if (button === 'next' && form.key.trim() === '') return { ok: true, op: { at: 0, op: 'next', key: null } };

  const key = whole('Key', form.key, U32_MAX);
  if (typeof key === 'string') return { ok: false, message: key };
  if (button !== 'update') return { ok: true, op: { at: 0, op: button, key } };

  const qsize = whole('qsize', form.qsize, U32_MAX);
  if (typeof qsize === 'string') return { ok: false, message: qsize };
  // bpf_attr.flags is a __u64; past 2^53 the number could not be sent exactly, so stop there.
  const flags = form.flags === 'other' ? whole('Flags', form.flagsValue, Number.MAX_SAFE_INTEGER) : FLAG_VALUES[form.flags];
  if (typeof flags === 'string') return { ok: false, message: flags };
  return { ok: true, op: { at: 0, op: 'update', key, qsize, flags } };
}
