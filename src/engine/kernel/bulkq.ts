/**
 * The RX CPU's side of cpumap: per-CPU bulk queues of 8 frames per entry, flushed into the
 * remote CPU's ptr_ring when full and at the end of every NAPI poll.
 */
import type { World } from '../world';
import { COST, KERNEL } from '../sim/costModel';
import type { CpuMapEntry } from './entry';
import type { CpuMap } from './cpumap';
import type { Cpu } from './cpu';
import { PID_IDLE, PID_KSOFTIRQD, TRACE_ENQUEUE } from './tracepoints';
import { MAX_CPUS } from './limits';
import { wakeUpProcess } from './kthreadLoop';
import { PLACE_RING, PLACE_RING_FULL, place } from '../moves';
import { EV_FLUSH } from '../eventLog';

/**
 * CPU time of a bq_flush_to_queue of `frames` frames, `refused` of which the full ring refused and
 * xdp_return_frame_rx_napi gave back (0 when the bulk was empty: no lock taken).
 */
function flushCost(frames: number, refused: number): number {
  return frames === 0 ? 0 : COST.flushLock + frames * COST.produce + refused * COST.ringFullReturn;
}

/**
 * bq_flush_to_queue(): under the ring's producer_lock, __ptr_ring_produce each frame of CPU
 * `cpu`'s bulk queue; frames the ring refuses are dropped and counted. Fires
 * xdp_cpumap_enqueue(processed, drops). Returns the flush's CPU time on `cpu` (see flushCost).
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L563
 */
export function bqFlushToQueue(w: World, entry: CpuMapEntry, cpu: number, now: number, tracedCpu: number): number {
  const count = entry.bqCount[cpu];
  if (count === 0) return 0;
  if (entry.bulkqFreed) w.violation(`bq_flush_to_queue on ${entry.lifecycle.label} after its bulk queues were freed`);
  const ring = entry.ring;
  const base = cpu * KERNEL.bulkSize;
  let drops = 0;
  const moves = w.moves;
  // The flush time is each frame's start of flush-to-dequeue latency, kept only when recorded.
  const flushedAt = w.latency !== null ? w.pool.flushedAt : null;
  for (let i = 0; i < count; i++) {
    const f = entry.bqFrames[base + i];
    if (flushedAt !== null) flushedAt[f] = now;
    const refused = ring.produce(f) !== 0;
    if (moves !== null) moves.record(f, w.pool.flow[f], place(refused ? PLACE_RING_FULL : PLACE_RING, entry.uid), now);
    if (refused) {
      drops++;
      w.pool.release(f);
    }
  }
  entry.bqCount[cpu] = 0;
  entry.bqTotal -= count;
  // 5.3+: a flushed bulk queue leaves its CPU's flush list (__list_del_clearprev); an empty one
  // returned above without touching the list, as in the kernel.
  // https://elixir.bootlin.com/linux/v5.4/source/kernel/bpf/cpumap.c#L633
  if (entry.onFlushList[cpu] !== 0) flushListDel(entry, cpu);
  w.acct.ringFull += drops;
  traceEnqueue(w, entry, tracedCpu, now, count, drops);
  return flushCost(count, drops);
}

/** xdp_cpumap_enqueue(map_id, processed, drops, to_cpu) fired on CPU `cpu`: its counters, event and trace line. */
export function traceEnqueue(w: World, entry: CpuMapEntry, cpu: number, now: number, processed: number, drops: number): void {
  const c = w.counters;
  const idx = cpu * MAX_CPUS + entry.cpu;
  c.enqProcessed[idx] += processed;
  c.enqDrops[idx] += drops;
  c.enqEvents[idx] += 1;
  w.events?.push(EV_FLUSH, now, cpu, entry.uid, entry.cpu, processed, drops);
  if (w.traceRing !== null) {
    const pid = w.cpus[cpu].mode === 'ksoftirqd' ? PID_KSOFTIRQD : PID_IDLE;
    w.traceRing.push(TRACE_ENQUEUE, now, cpu, pid, entry.mapId, processed, drops, entry.cpu);
  }
}

/**
 * The append half of bq_enqueue(): the caller has already flushed a full bulk (bq_enqueue
 * flushes before appending, without waking the kthread: only __cpu_map_flush wakes it).
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L602
 */
export function bqAppend(w: World, entry: CpuMapEntry, cpu: number, frame: number): void {
  if (entry.bulkqFreed) w.violation(`bq_enqueue into ${entry.lifecycle.label} after its grace period`);
  entry.bqFrames[cpu * KERNEL.bulkSize + entry.bqCount[cpu]++] = frame;
  entry.bqTotal++;
}

/**
 * __cpu_map_insert_ctx(): mark entry `key` in this CPU's flush_needed bitmap.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L638
 */
export function cpuMapInsertCtx(map: CpuMap, cpu: number, key: number): void {
  const i = cpu * map.maxEntries + key;
  if (map.flushNeeded[i] === 0) {
    map.flushNeeded[i] = 1;
    map.flushNeededCount[cpu]++;
  }
}

/**
 * __cpu_map_flush(): at the end of the NAPI poll, flush every bulk queue marked in this CPU's
 * bitmap and wake its kthread. A bit whose slot was emptied meanwhile is skipped and stays set:
 * its frames wait in the old entry's bulk queue for __cpu_map_entry_free.
 *
 * Resumable: each flush touches a remote ring, so it waits (returns with `cpu.flushCursor` kept)
 * while another CPU has an earlier event; `cpu.flushCursor` is -1 once every bit was visited.
 * Returns the time reached.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L646
 */
export function cpuMapFlush(w: World, map: CpuMap, cpu: Cpu, now: number): number {
  if (w.switches.flushList) return cpuMapFlushList(w, map, cpu, now);
  const id = cpu.id;
  // A resumed flush does its next bulk without waiting again: the CPU runs because every event
  // ordered before it (earlier, or at the same time on a lower CPU) has run. Waiting again would
  // never end when a higher CPU's event is due at exactly this time (the heap breaks ties by CPU).
  let resumed = cpu.flushCursor >= 0;
  if (cpu.flushCursor < 0) {
    if (map.flushNeededCount[id] === 0) return now;
    cpu.flushCursor = 0;
  }
  const base = id * map.maxEntries;
  for (; cpu.flushCursor < map.maxEntries; cpu.flushCursor++) {
    const key = cpu.flushCursor;
    if (map.flushNeeded[base + key] === 0) continue;
    const entry = map.slots[key];
    if (entry === null) continue;
    if (!resumed && now >= w.horizon()) return now;
    resumed = false;
    map.flushNeeded[base + key] = 0;
    map.flushNeededCount[id]--;
    now += bqFlushToQueue(w, entry, id, now, id);
    now += wakeUpProcess(w, entry.kthread, now);
  }
  cpu.flushCursor = -1;
  return now;
}

/**
 * The list half of bq_enqueue() (5.3+, replacing __cpu_map_insert_ctx): after appending a frame,
 * put this CPU's bulk queue of `entry` at the head of the map's flush list for this CPU, unless
 * it is on it already. The bulk queue knows its entry, so no map key is involved.
 * https://elixir.bootlin.com/linux/v5.4/source/kernel/bpf/cpumap.c#L662
 */
export function bqEnqueueListAdd(entry: CpuMapEntry, cpu: number): void {
  if (entry.onFlushList[cpu] !== 0) return;
  const map = entry.cmap;
  if (map === null) return;
  entry.onFlushList[cpu] = 1;
  map.flushLists[cpu].push(entry);
}

/** __list_del_clearprev of CPU `cpu`'s bulk queue of `entry` from its map's flush list. */
function flushListDel(entry: CpuMapEntry, cpu: number): void {
  entry.onFlushList[cpu] = 0;
  const list = (entry.cmap as CpuMap).flushLists[cpu];
  const i = list.lastIndexOf(entry);
  if (i >= 0) list.splice(i, 1);
}

/**
 * __cpu_map_flush() of 5.3 and later: walk this CPU's flush list from its head (the bulk queue
 * added last) and flush each bulk queue into its own entry's ring, then wake that entry's
 * kthread. No map slot is read: a bulk queue whose entry was deleted from the map meanwhile is
 * flushed into the old entry's ring like any other, so nothing is left marked.
 *
 * Resumable like the bitmap walk: `cpu.flushCursor` is the list position still to visit.
 * https://elixir.bootlin.com/linux/v5.4/source/kernel/bpf/cpumap.c#L684
 */
function cpuMapFlushList(w: World, map: CpuMap, cpu: Cpu, now: number): number {
  const id = cpu.id;
  const list = map.flushLists[id];
  let resumed = cpu.flushCursor >= 0;
  if (cpu.flushCursor < 0) {
    if (list.length === 0) return now;
    cpu.flushCursor = list.length - 1;
  }
  // list_for_each_entry_safe: the bulk queue being flushed leaves the list, the walk goes on.
  for (; cpu.flushCursor >= 0; cpu.flushCursor--) {
    const entry = list[cpu.flushCursor];
    if (!resumed && now >= w.horizon()) return now;
    resumed = false;
    now += bqFlushToQueue(w, entry, id, now, id);
    now += wakeUpProcess(w, entry.kthread, now);
  }
  cpu.flushCursor = -1;
  return now;
}
