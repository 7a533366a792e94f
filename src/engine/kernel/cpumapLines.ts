/**
 * Where each modelled cpumap.c function is defined, per kernel release tag: the line of the
 * function's name (what elixir's `#L<n>` anchor points at). A version is listed only where a
 * source known to match the release tag was read; every other version keeps elixir's identifier
 * page, since a wrong line is worse than a search page.
 *
 * Sources (each file counted whole; its character count matched the stored copy's):
 * - v5.0: the project's reference copy (`../shared/reference/cpumap-v5.0.c.txt`), which carries the
 *   original line numbers.
 * - v5.2: WindRiver-Labs/linux-yocto-5.2 at e82d01351e4a (Makefile 5.2.43), 704 lines. Its non-blank
 *   lines equal the v5.2 reference copy (86d231459d, the last cpumap.c change of the 5.2 merge
 *   window) except two line-for-line edits: the SPDX header and the `nr_cpumask_bits` check in
 *   cpu_map_update_elem. High confidence.
 * - v5.10: Rtoax/linux-5.10.13 at eccecabda4bf (a 5.10.13 source tree; its Makefile is not stored at
 *   that commit), 768 lines. Upstream 5.10.y made no cpumap.c change before 5.10.13 that we know of;
 *   the tree's one local edit (braces in cpu_map_init, the file's last function) keeps the line
 *   count. Medium-high confidence.
 * Not listed (no source read that is known to be the exact tag): 5.4, 5.15, 6.1, 6.6, 6.12, 6.18.
 */
import type { KernelVersion } from '../../scenario/types.ts';

/** Definition lines in kernel/bpf/cpumap.c at v5.0. */
export const CPUMAP_V50_LINES = {
  cpu_map_alloc: 79,
  get_cpu_map_entry: 141,
  cpu_map_kthread_stop: 147,
  cpu_map_build_skb: 162,
  __cpu_map_ring_cleanup: 211,
  put_cpu_map_entry: 225,
  cpu_map_kthread_run: 236,
  __cpu_map_entry_alloc: 302,
  __cpu_map_entry_free: 361,
  __cpu_map_entry_replace: 404,
  cpu_map_delete_elem: 417,
  cpu_map_update_elem: 430,
  cpu_map_free: 468,
  __cpu_map_lookup_elem: 516,
  cpu_map_lookup_elem: 528,
  cpu_map_get_next_key: 536,
  bq_flush_to_queue: 563,
  bq_enqueue: 602,
  cpu_map_enqueue: 622,
  __cpu_map_insert_ctx: 638,
  __cpu_map_flush: 646,
} as const;

/** Definition lines per version; a version missing here has no verified source. */
export const CPUMAP_LINES: Partial<Record<KernelVersion, Readonly<Record<string, number>>>> = {
  '5.0': CPUMAP_V50_LINES,
  '5.2': {
    cpu_map_alloc: 79,
    get_cpu_map_entry: 141,
    cpu_map_kthread_stop: 147,
    cpu_map_build_skb: 162,
    __cpu_map_ring_cleanup: 218,
    put_cpu_map_entry: 232,
    cpu_map_kthread_run: 245,
    __cpu_map_entry_alloc: 330,
    __cpu_map_entry_free: 389,
    __cpu_map_entry_replace: 432,
    cpu_map_delete_elem: 445,
    cpu_map_update_elem: 458,
    cpu_map_free: 496,
    __cpu_map_lookup_elem: 544,
    cpu_map_lookup_elem: 556,
    cpu_map_get_next_key: 564,
    bq_flush_to_queue: 591,
    bq_enqueue: 630,
    cpu_map_enqueue: 650,
    __cpu_map_insert_ctx: 666,
    __cpu_map_flush: 674,
  },
  '5.10': {
    // A per-CPU variable, not a function: the line of its DEFINE_PER_CPU.
    cpu_map_flush_list: 80,
    cpu_map_alloc: 82,
    get_cpu_map_entry: 137,
    cpu_map_kthread_stop: 143,
    cpu_map_build_skb: 158,
    __cpu_map_ring_cleanup: 201,
    put_cpu_map_entry: 215,
    cpu_map_bpf_prog_run_xdp: 228,
    cpu_map_kthread_run: 299,
    cpu_map_prog_allowed: 389,
    __cpu_map_load_bpf_program: 395,
    // `static struct bpf_cpu_map_entry *` on the line before.
    __cpu_map_entry_alloc: 415,
    __cpu_map_entry_free: 485,
    __cpu_map_entry_replace: 520,
    cpu_map_delete_elem: 533,
    cpu_map_update_elem: 546,
    cpu_map_free: 585,
    __cpu_map_lookup_elem: 619,
    cpu_map_lookup_elem: 631,
    cpu_map_get_next_key: 639,
    bq_flush_to_queue: 670,
    bq_enqueue: 707,
    cpu_map_enqueue: 730,
    __cpu_map_flush: 746,
  },
};

/** The definition line of `fn` in cpumap.c at `kernel`, when a verified source gave it. */
export function cpumapLine(kernel: KernelVersion, fn: string): number | undefined {
  const lines = CPUMAP_LINES[kernel];
  return lines !== undefined && Object.hasOwn(lines, fn) ? lines[fn] : undefined;
}

/**
 * Elixir link to `fn` at `kernel`: its line in cpumap.c when the table has it, else the
 * identifier page. Functions outside cpumap.c (netif_receive_skb_list, gro_receive_skb,
 * napi_skb_cache_get_bulk, rcu_softirq_qs_periodic, the NAPI functions) always get the
 * identifier page, which finds them in whatever file defines them.
 */
export function cpumapLineLink(kernel: KernelVersion, fn: string): string {
  const line = cpumapLine(kernel, fn);
  return line === undefined
    ? `https://elixir.bootlin.com/linux/v${kernel}/C/ident/${fn}`
    : `https://elixir.bootlin.com/linux/v${kernel}/source/kernel/bpf/cpumap.c#L${line}`;
}
