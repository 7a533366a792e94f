/**
 * An entry program's text, `prog=ACTION[:FRACTION]` (struct bpf_cpumap_val's bpf_prog, 5.9+), as
 * both `entries` and an `ops` update write it; each caller wraps a refusal in its own "allowed".
 */
import { ENTRY_PROG_ACTIONS, type EntryProg, type Scenario } from './types';
import { isOneOf, quote } from './check';
import { formatDecimal, parseDecimal } from './units';

/** The refusal when the kernel predates the program in the map value. */
export const ENTRY_PROG_NEEDS_5_9 = 'entry programs need kernel 5.9 or later (kernel=5.10 or newer)';

/**
 * `parts` is `prog=ACTION` and its optional fraction; `item` is the text to name in a refusal and
 * `after` what comes before the program in it.
 */
export function readEntryProg(item: string, parts: readonly string[], after = 'CPU:QSIZE'): { prog: EntryProg } | { detail: string } {
  const action = parts[0].startsWith('prog=') ? parts[0].slice('prog='.length) : null;
  if (action === null || !isOneOf(ENTRY_PROG_ACTIONS, action)) {
    return { detail: `${quote(item)}: after ${after} comes prog=pass, prog=drop or prog=redirect` };
  }
  if (parts.length === 1) return { prog: { action, fraction: 1 } };
  const fraction = parts.length === 2 ? parseDecimal(parts[1]) : null;
  if (action === 'pass' || fraction === null || fraction < 0 || fraction > 1) {
    return { detail: `${quote(item)}: prog=drop or prog=redirect may take one fraction from 0 to 1, such as prog=drop:0.25` };
  }
  return { prog: { action, fraction } };
}

/** `:prog=ACTION[:FRACTION]` (fraction 1 is left out), or nothing without a program. */
export function entryProgText(prog: EntryProg | undefined): string {
  if (prog === undefined) return '';
  const { action, fraction } = prog;
  return action === 'pass' || fraction === 1 ? `:prog=${action}` : `:prog=${action}:${formatDecimal(fraction)}`;
}

/** An entry program in a few words, as the topology and the Inspector show it: `drop`, `drop 25%`, `pass`. */
export function progLabel(prog: EntryProg): string {
  return prog.action === 'pass' || prog.fraction === 1 ? prog.action : `${prog.action} ${Math.round(prog.fraction * 1000) / 10}%`;
}

/**
 * The entry programs a scenario loads (its entries' and its updates'), in a few words each and
 * without repeats: "drop 25%, pass". Empty when it loads none. The tool prints the program's name
 * where this stands (`2nd remote XDP/eBPF prog_name:`); the model's programs have none.
 */
export function remoteProgNames(scenario: Pick<Scenario, 'entries' | 'ops'>): string {
  const progs = [...scenario.entries.map((e) => e.prog), ...scenario.ops.map((op) => (op.op === 'update' ? op.prog : undefined))];
  return [...new Set(progs.flatMap((p) => (p === undefined ? [] : [progLabel(p)])))].join(', ');
}
