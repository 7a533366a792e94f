/**
 * 5.9+: the entry's XDP program in the kthread (struct bpf_cpumap_val's bpf_prog): its verdict on
 * each frame of a batch (cpu_map_bpf_prog_run_xdp), and from 5.15 on each generic-XDP SKB
 * (cpu_map_bpf_prog_run_skb). Frames it drops or redirects leave the cpumap's path here.
 */
import type { World } from '../world';
import type { EntryProg, EntryProgAction } from '../../scenario/types';
import type { CpuMapEntry } from './entry';
import type { Kthread } from './kthread';
import { PLACE_REDIRECTED, PLACE_XDP_DROP, place } from '../moves';

/**
 * The entry program's verdict on each of `frames[0..n)`: `fraction` of them get its action,
 * spread evenly (a running owed share, so 0.25 is exactly every fourth frame), the rest XDP_PASS.
 * Frames it drops or redirects leave here; those that pass are compacted to the front. Returns
 * how many passed, and counts the verdicts in the kthread's xdp_cpumap_stats.
 */
export function runEntryProg(w: World, k: Kthread, prog: EntryProg, frames: Int32Array, n: number, at: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const f = frames[i];
    const act = entryProgVerdict(k.entry, prog);
    if (act === 'pass') {
      frames[m++] = f;
      k.progPass++;
      continue;
    }
    entryProgTakes(w, k, act, f, at);
  }
  return m;
}

/** The program's verdict on the next frame: its action on an even `fraction` of them, XDP_PASS on the rest. */
function entryProgVerdict(entry: CpuMapEntry, prog: EntryProg): EntryProgAction {
  if (prog.action === 'pass') return 'pass';
  entry.progOwed += prog.fraction;
  if (entry.progOwed < 1 - 1e-9) return 'pass';
  entry.progOwed -= 1;
  return prog.action;
}

/** A frame the entry program dropped or redirected leaves the cpumap's path, counted in xdp_cpumap_stats. */
function entryProgTakes(w: World, k: Kthread, act: EntryProgAction, f: number, at: number): void {
  if (act === 'drop') {
    k.progDrop++;
    w.acct.entryProgDropped++;
    w.moves?.record(f, w.pool.flow[f], place(PLACE_XDP_DROP, k.cpu), at);
  } else {
    k.progRedirect++;
    w.acct.entryProgRedirected++;
    w.moves?.record(f, w.pool.flow[f], place(PLACE_REDIRECTED, k.cpu), at);
  }
  w.pool.release(f);
}

/**
 * cpu_map_bpf_prog_run_skb. From 5.15 to 6.14 the program runs on the list's SKBs in turn until
 * one is dropped or redirected, which returns from the walk, so the SKBs after it go to the stack
 * without the program, and an XDP_PASS is not counted in xdp_cpumap_stats; from 6.15 (skbArray)
 * it runs on every SKB and counts each pass. Frames that pass are compacted to the front of
 * `frames`. Returns how many SKBs the program ran on.
 * https://elixir.bootlin.com/linux/v5.15/C/ident/cpu_map_bpf_prog_run_skb
 */
export function runEntryProgOnSkbs(w: World, k: Kthread, prog: EntryProg, frames: Int32Array, n: number, at: number): number {
  const walkAll = w.switches.skbArray;
  let m = 0;
  let ran = 0;
  let returned = false;
  for (let i = 0; i < n; i++) {
    const f = frames[i];
    if (!returned) {
      ran++;
      const act = entryProgVerdict(k.entry, prog);
      if (act !== 'pass') {
        entryProgTakes(w, k, act, f, at);
        returned = !walkAll;
        continue;
      }
      if (walkAll) k.progPass++;
    }
    frames[m++] = f;
  }
  return ran;
}
