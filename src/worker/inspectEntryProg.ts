/**
 * The Inspector's fields for an entry's XDP program (5.9+, struct bpf_cpumap_val's bpf_prog, run
 * by cpu_map_bpf_prog_run_xdp in the kthread): what it does and its verdicts so far.
 * https://elixir.bootlin.com/linux/v5.10/C/ident/cpu_map_bpf_prog_run_xdp
 */
import type { CpuMapEntry } from '../engine/kernel/entry';
import { progLabel } from '../scenario/entryProg';
import { grouped } from '../scenario/check';

const VERDICT: Record<string, string> = { drop: 'XDP_DROP', redirect: 'XDP_REDIRECT' };

/** No fields without a program (and always none before 5.9). */
export function entryProgFields(e: CpuMapEntry): [string, string][] {
  const prog = e.prog;
  if (prog === null) return [];
  const what =
    prog.action === 'pass'
      ? 'XDP_PASS for every frame'
      : prog.fraction === 1
        ? `${VERDICT[prog.action]} for every frame`
        : `${VERDICT[prog.action]} for ${progLabel(prog).split(' ')[1]} of frames, XDP_PASS for the rest`;
  const [pass, drop, redirect] = e.progVerdicts;
  return [
    ['XDP program (rcpu->prog)', `${progLabel(prog)}: ${what}`],
    ['program verdicts', `pass ${grouped(pass)} · drop ${grouped(drop)} · redirect ${grouped(redirect)}`],
  ];
}
