/**
 * Generic (SKB-mode) XDP on the RX CPU, `mode=skb` (xdp-bench's `-m skb`): the driver builds an
 * SKB first, netif_receive_skb runs the program on it (do_xdp_generic -> netif_receive_generic_xdp),
 * and a redirect into a cpumap goes through xdp_do_generic_redirect. Before 5.15 that function
 * had no cpumap case and failed every such redirect with -EBADRQC; from 5.15
 * cpu_map_generic_redirect puts the SKB itself into the entry's ring (bit 0 of the pointer set), with
 * no bulk queue, wakes the kthread at once and fires xdp_cpumap_enqueue for that one SKB.
 * https://elixir.bootlin.com/linux/v5.10/C/ident/xdp_do_generic_redirect_map
 * https://elixir.bootlin.com/linux/v5.15/C/ident/cpu_map_generic_redirect
 */
import type { World } from '../world';
import { COST } from '../sim/costModel';
import type { CpuMapEntry } from './entry';
import { ERRNO } from './errno';
import { traceEnqueue } from './bulkq';
import { wakeUpProcess } from './kthreadLoop';
import { PID_IDLE, PID_KSOFTIRQD, TRACE_REDIRECT_ERR } from './tracepoints';
import { PLACE_REDIRECT_ERR, PLACE_RING, PLACE_RING_FULL, place } from '../moves';

/**
 * CPU time on the RX CPU of one frame up to the program's redirect in generic mode: the driver's
 * descriptor work and SKB build, netif_receive_generic_xdp's head reallocation, the program, and
 * bpf_redirect_map with xdp_do_generic_redirect.
 */
export const GENERIC_REDIRECT_NS = COST.driverRx + COST.driverBuildSkb + COST.genericXdpSkb + COST.xdpProg + COST.redirectEnqueue;

/** CPU time of a generic redirect that fails (before 5.15, or at a full ring): the error path and kfree_skb. */
const GENERIC_ERROR_NS = COST.redirectError;

/**
 * xdp_do_generic_redirect_map for a cpumap entry found by the program's lookup. From 5.15:
 * cpu_map_generic_redirect, ptr_ring_produce under the producer lock; on success the kthread is
 * woken and the enqueue tracepoint counts processed=1; a full ring returns -ENOSPC, counted as
 * drops=1 by the same tracepoint and then as a redirect error (xdp_redirect_map_err), and
 * do_xdp_generic frees the SKB. Before 5.15 every redirect into a cpumap fails with -EBADRQC.
 * Returns the CPU time from the redirect on (see GENERIC_REDIRECT_NS for the time before).
 */
export function cpuMapGenericRedirect(w: World, entry: CpuMapEntry, cpu: number, f: number, key: number, now: number): number {
  const moves = w.moves;
  if (!w.switches.genericXdpRedirect) {
    moves?.record(f, w.pool.flow[f], place(PLACE_REDIRECT_ERR, cpu), now + GENERIC_ERROR_NS);
    w.pool.release(f);
    w.acct.redirectErr++;
    traceRedirectErr(w, entry, cpu, key, now, ERRNO.EBADRQC);
    return GENERIC_ERROR_NS;
  }
  if (w.latency !== null) w.pool.flushedAt[f] = now;
  const ok = entry.ring.produce(f) === 0;
  traceEnqueue(w, entry, cpu, now, ok ? 1 : 0, ok ? 0 : 1);
  const cost = COST.flushLock + COST.produce;
  if (ok) {
    moves?.record(f, w.pool.flow[f], place(PLACE_RING, entry.uid), now);
    return cost + wakeUpProcess(w, entry.kthread, now + cost);
  }
  // The frame is lost at the ring (booked there), and the failed redirect is also an error.
  moves?.record(f, w.pool.flow[f], place(PLACE_RING_FULL, entry.uid), now);
  w.pool.release(f);
  w.acct.ringFull++;
  traceRedirectErr(w, entry, cpu, key, now, ERRNO.ENOSPC);
  return cost + GENERIC_ERROR_NS;
}

/** xdp_redirect_map_err with `err` (its counter and its trace line); do_xdp_generic then frees the SKB. */
function traceRedirectErr(w: World, entry: CpuMapEntry, cpu: number, key: number, now: number, err: number): void {
  w.counters.redirectErr[cpu]++;
  if (err === ERRNO.ENOSPC) w.counters.redirectErrNospc[cpu]++;
  else w.counters.redirectErrBadrqc[cpu]++;
  if (w.traceRing !== null) {
    const pid = w.cpus[cpu].mode === 'ksoftirqd' ? PID_KSOFTIRQD : PID_IDLE;
    w.traceRing.push(TRACE_REDIRECT_ERR, now, cpu, pid, entry.mapId, 1, err, key);
  }
}
