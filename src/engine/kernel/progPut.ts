/**
 * How a detached XDP program lets go of its cpumap (kernel/bpf/syscall.c): the driver's
 * bpf_prog_put drops the program's last reference, which frees it through
 * call_rcu(__bpf_prog_put_rcu); that callback puts the maps the program used, and the last put of
 * the cpumap schedules bpf_map_free_deferred on a kworker, which calls cpu_map_free. So a
 * detach-and-free costs a grace period and a kworker hop before cpu_map_free's own
 * synchronize_rcu.
 *
 * Simplification: the loader has closed its map fd by then (it exits after the detach), so the
 * program's reference is the map's last; the program's other maps (cpus_available and the like)
 * are not modelled.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/__bpf_prog_put
 */
import type { World } from '../world';
import { COST } from '../sim/costModel';
import { defer } from '../sim/deferred';
import type { CpuMap } from './cpumap';
import { cpuMapFree } from './teardown';

/**
 * bpf_prog_put() of the program's last reference, holding `map`: the program is freed after a
 * grace period.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/bpf_prog_put
 */
export function bpfProgPut(w: World, map: CpuMap): void {
  w.rcu.callRcu(`__bpf_prog_put_rcu(prog of map ${map.id})`, defer(bpfProgPutRcu, w, map));
}

/**
 * __bpf_prog_put_rcu(), an RCU callback: free_used_maps puts each map the program used.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/__bpf_prog_put_rcu
 */
function bpfProgPutRcu(w: World, map: CpuMap): void {
  w.note(`__bpf_prog_put_rcu: the program is freed and puts map ${map.id}`);
  bpfMapPut(w, map);
}

/**
 * bpf_map_put() of the map's last reference: schedule_work(bpf_map_free_deferred).
 * https://elixir.bootlin.com/linux/v5.2/C/ident/bpf_map_put
 */
export function bpfMapPut(w: World, map: CpuMap): void {
  w.control.push(w.now + COST.kworkerLatency, `bpf_map_free_deferred(map ${map.id})`, defer(bpfMapFreeDeferred, w, map));
}

/**
 * bpf_map_free_deferred(), a work item: map->ops->map_free, i.e. cpu_map_free.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/bpf_map_free_deferred
 */
function bpfMapFreeDeferred(w: World, map: CpuMap): void {
  w.note(`bpf_map_free_deferred: cpu_map_free(map ${map.id}) starts`);
  cpuMapFree(w, map);
}
