/**
 * failslab fault injection on the loader task (the `ops` item `failslab:N`): the loader's next N
 * slab allocations fail, as with the kernel's failslab attributes `times=N`, `probability=100`,
 * `interval=1`, `task-filter=Y` with `make-it-fail` set on the loader, and `ignore-gfp-wait=N`
 * (cpumap allocates with GFP_KERNEL or GFP_USER, which the default `ignore-gfp-wait=Y` spares).
 *
 * The failures hit consecutive allocations, so a call made while any are armed fails at its first
 * slab allocation and uses one: cpu_map_alloc's kzalloc of the map (before its E2BIG check) for
 * BPF_MAP_CREATE, __cpu_map_entry_alloc's kzalloc_node of the entry for an update. Allocations
 * after those (the map's slot array; the entry's ring and kthread) are never reached failing, and
 * per-CPU memory (flush_needed, the bulk queues) comes from the percpu allocator, which failslab
 * does not reach at all.
 * Simplification: only cpumap.c's allocations are counted, not the bpf() syscall layer's (its
 * copies of key and value, made before the map's own checks, would fail first in the kernel).
 * https://elixir.bootlin.com/linux/v5.2/C/ident/should_failslab
 */
import type { World } from '../world';

/** should_failslab(): whether this slab allocation of the loader fails (using one armed failure). */
export function shouldFailslab(w: World): boolean {
  if (w.failslab <= 0) return false;
  w.failslab--;
  return true;
}
