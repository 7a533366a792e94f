/**
 * The Inspector's fields for an entry's XDP program (5.9+, struct bpf_cpumap_val's bpf_prog, run
 * by cpu_map_bpf_prog_run_xdp in the kthread): what it does and its verdicts so far.
 * https://elixir.bootlin.com/linux/v5.10/source/kernel/bpf/cpumap.c#L228
 */
import type { CpuMapEntry } from '../engine/kernel/entry';
import { progLabel } from '../scenario/entryProg';
import { grouped } from '../scenario/check';

/** No fields without a program (and always none before 5.9). */
export function entryProgFields(e: CpuMapEntry): [string, string][] {
  if (e.prog === null) return [];
  const [pass, drop, redirect] = e.progVerdicts;
  return [
    // "drop 25%": XDP_DROP for that share of the frames, XDP_PASS for the rest.
    ['XDP program (rcpu->prog)', progLabel(e.prog)],
    ['program verdicts', `pass ${grouped(pass)} · drop ${grouped(drop)} · redirect ${grouped(redirect)}`],
  ];
}
