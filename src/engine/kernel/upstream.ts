/**
 * Links to the upstream kernel source for the functions the engine models.
 *
 * v5.0 links point at the exact line (the project's reference copy of v5.0 carries the original
 * line numbers). For later versions links go to the identifier's definition on elixir at that
 * version, which lists the line.
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

export type CpumapFunction = keyof typeof CPUMAP_V50_LINES;

/** Upstream link to a cpumap.c function for the given kernel version. */
export function cpumapLink(fn: CpumapFunction, kernel: KernelVersion): string {
  if (kernel === '5.0') {
    return `https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L${CPUMAP_V50_LINES[fn]}`;
  }
  return `https://elixir.bootlin.com/linux/v${kernel}/C/ident/${fn}`;
}

/** Upstream link to any other kernel identifier (ptr_ring, RCU, scheduler, net core). */
export function identLink(identifier: string, kernel: KernelVersion): string {
  return `https://elixir.bootlin.com/linux/v${kernel}/C/ident/${identifier}`;
}
