/**
 * An entry's life: allocation, replacement in its slot, and the refcounted teardown that the
 * kernel orders as xchg -> call_rcu(__cpu_map_entry_free) -> workqueue(cpu_map_kthread_stop:
 * rcu_barrier, kthread_stop) -> the kthread drains its ring and drops the last reference.
 * Each step drives the entry's lifecycle machine, which reports any step out of order.
 */
import type { World } from '../world';
import { COST } from '../sim/costModel';
import { defer, runDeferred, type Deferred } from '../sim/deferred';
import { CpuMapEntry } from './entry';
import { Kthread } from './kthread';
import { bqFlushToQueue } from './bulkq';
import type { CpuMap } from './cpumap';
import { shouldFailslab } from './failslab';
import { wakeUpProcess } from './kthreadLoop';
import type { EntryEventType } from '../lifecycle/entryMachine';

/** CPU the control plane (syscalls, RCU callbacks, workqueue items) is attributed to in traces. */
export const CONTROL_CPU = 0;

function lifecycle(w: World, entry: CpuMapEntry, event: EntryEventType): void {
  const problem = entry.lifecycle.send(event, w.now);
  if (problem !== null) w.violation(problem);
}

/**
 * __cpu_map_entry_alloc(): entry, per-CPU bulk queues, ring and kthread; two references (map
 * slot + kthread); the kthread is bound to its CPU and woken.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L302
 */
export function cpuMapEntryAlloc(w: World, qsize: number, cpu: number, mapId: number): CpuMapEntry | null {
  const entry = new CpuMapEntry(w.nextEntryUid++, cpu, mapId, qsize, w.scenario.cpus, w.now, w.switches.rcuWorkTeardown);
  w.entries.push(entry);
  // kzalloc_node of the entry, its first slab allocation: where failslab stops it (failslab.ts).
  if (shouldFailslab(w)) {
    lifecycle(w, entry, 'ALLOC_FAIL');
    w.note(`__cpu_map_entry_alloc for cpu ${cpu} failed: -ENOMEM`);
    return null;
  }
  // 6.6+: no refcount (queue_rcu_work frees the entry once its kthread has exited).
  if (!w.switches.rcuWorkTeardown) entry.refcnt = 2;
  lifecycle(w, entry, 'ALLOC_OK');
  const kthread = new Kthread(entry, w.nextPid++, w.now, w.now + COST.wakeupLatency);
  // A new task starts at its CPU's min_vruntime.
  kthread.vruntime = w.cpus[cpu].minVruntime;
  entry.kthread = kthread;
  w.cpus[cpu].kthreads.push(kthread);
  w.kick(cpu, kthread.readyAt);
  return entry;
}

/**
 * __cpu_map_entry_replace(): xchg the slot; the old entry, if any, gets call_rcu and the
 * kthread-stop work item.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L404
 */
export function cpuMapEntryReplace(w: World, map: CpuMap, key: number, entry: CpuMapEntry | null): void {
  const old = map.slots[key];
  map.slots[key] = entry;
  if (old === null) return;
  old.detached = true;
  lifecycle(w, old, 'XCHG_OUT');
  if (w.switches.rcuWorkTeardown) {
    queueRcuWork(w, old);
    return;
  }
  w.rcu.callRcu(`__cpu_map_entry_free(${old.lifecycle.label})`, defer(cpuMapEntryFree, w, old));
  w.control.push(w.now + COST.kworkerLatency, `cpu_map_kthread_stop(${old.lifecycle.label})`, defer(cpuMapKthreadStop, w, old));
}

/**
 * __cpu_map_entry_free(), an RCU callback: no XDP program can reach the entry any more, so flush
 * every CPU's bulk queue into the ring, free the bulk queues and drop the map's reference.
 * It does not wake the kthread: kthread_stop will. From 5.6 it only frees the bulk queues and drops
 * the reference ("xdp: simplify cpumap cleanup").
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L361
 */
export function cpuMapEntryFree(w: World, entry: CpuMapEntry): void {
  if (w.switches.simpleCleanup) {
    // 5.6+: no flush here. Every poll that filled a bulk queue flushed it before its read-side
    // section ended, so after the grace period the bulk queues are empty.
    // https://elixir.bootlin.com/linux/v5.10/source/kernel/bpf/cpumap.c#L485
    if (entry.bqTotal !== 0)
      w.violation(`__cpu_map_entry_free: ${entry.bqTotal} frames left in the bulk queues of ${entry.lifecycle.label}`);
  } else {
    for (let cpu = 0; cpu < w.scenario.cpus; cpu++) bqFlushToQueue(w, entry, cpu, w.now, CONTROL_CPU);
  }
  entry.bulkqFreed = true;
  lifecycle(w, entry, 'RCU_FREE_CB');
  putCpuMapEntry(w, entry);
}

/**
 * cpu_map_kthread_stop(), a work item: rcu_barrier() so the bulk-queue flush has run, then
 * kthread_stop(), which wakes the kthread to drain its ring and exit.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L147
 */
export function cpuMapKthreadStop(w: World, entry: CpuMapEntry): void {
  w.rcu.barrier(`rcu_barrier for ${entry.lifecycle.label}`, defer(kthreadStop, w, entry.kthread));
}

/**
 * kthread_stop(): set should_stop and wake the thread. A thread whose function never started
 * exits without running it, so the kthread's reference is never dropped (the entry leaks: the
 * 2023 fix "bpf: cpumap: Fix memory leak in cpu_map_update_elem").
 */
function kthreadStop(w: World, k: Kthread): void {
  lifecycle(w, k.entry, 'KTHREAD_STOP');
  k.shouldStop = true;
  if (!k.everRan) {
    k.state = 'exited';
    w.cpus[k.cpu].removeKthread(k);
    lifecycle(w, k.entry, 'KTHREAD_NEVER_RAN');
    const frames = k.entry.ring.count;
    w.leaks.push({ at: w.now, cpu: k.cpu, uid: k.entry.uid, framesInRing: frames });
    w.note(
      `${k.comm}: kthread_stop before the thread ever ran; entry leaks with refcnt ${k.entry.refcnt}` +
        (frames > 0 ? `; ${frames} frames stay in its ring` : ''),
    );
    return;
  }
  wakeUpProcess(w, k, w.now);
}

/**
 * put_cpu_map_entry(): drop a reference; at zero, __cpu_map_ring_cleanup (frames still in the
 * ring would be a kernel WARN) and free the ring and entry.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L225
 */
export function putCpuMapEntry(w: World, entry: CpuMapEntry): void {
  entry.refcnt--;
  if (entry.refcnt < 0) w.violation(`refcnt of ${entry.lifecycle.label} went negative`);
  if (entry.refcnt !== 0) return;
  ringCleanup(w, entry);
}

/**
 * __cpu_map_ring_cleanup(): give back any frame still in the ring (a WARN_ON_ONCE: the teardown
 * should have let the kthread drain it), then the ring and the entry are freed.
 * https://elixir.bootlin.com/linux/v6.6/C/ident/__cpu_map_ring_cleanup
 */
function ringCleanup(w: World, entry: CpuMapEntry): void {
  entry.freed = true;
  let left = 0;
  for (let f = entry.ring.consume(); f >= 0; f = entry.ring.consume()) {
    left++;
    w.pool.release(f);
  }
  if (left > 0) {
    w.acct.ringCleanup += left;
    w.violation(`__cpu_map_ring_cleanup: ${left} frames left in the ring of ${entry.lifecycle.label} (WARN_ON_ONCE)`);
  }
}

/**
 * cpu_map_free(), from bpf_map_free_deferred once the map's last reference is gone (progPut.ts):
 * synchronize_rcu, wait until every CPU's flush_needed bitmap (5.3+: flush list) is empty, then
 * replace every entry with NULL (each starts its teardown).
 * On 5.0/5.2 a bit left set by a flush that found its slot empty is never cleared once the
 * program is gone, and the kernel's wait loop then spins forever; the model shows that as a stuck
 * free. On 5.3+ (still waiting, until 5.6 removed the wait) every end-of-poll flush empties its
 * CPU's list whatever the map slots hold, so after synchronize_rcu the wait ends at once. From 5.6
 * there is no wait: synchronize_rcu, then every slot is replaced.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L468
 * https://elixir.bootlin.com/linux/v5.4/C/ident/cpu_map_free
 */
export function cpuMapFree(w: World, map: CpuMap): void {
  w.rcu.synchronize(`synchronize_rcu in cpu_map_free(map ${map.id})`, defer(waitFlushBits, w, map, false));
}

function waitFlushBits(w: World, map: CpuMap, warned: boolean): void {
  // 5.6+ ("xdp: simplify cpumap cleanup"): no wait after synchronize_rcu.
  // https://elixir.bootlin.com/linux/v5.10/source/kernel/bpf/cpumap.c#L585
  if (!w.switches.simpleCleanup && map.anyFlushNeeded()) {
    if (!warned) {
      const what = w.switches.flushList ? 'flush lists to empty' : 'flush_needed bits that no flush will clear';
      w.note(`cpu_map_free(map ${map.id}): waiting for ${what}`);
    }
    w.control.push(w.now + COST.tick, `cpu_map_free(map ${map.id}) bitmap wait`, defer(waitFlushBits, w, map, true));
    return;
  }
  if (w.switches.rcuWorkTeardown) {
    mapFreeNext(w, map, 0);
    return;
  }
  for (let key = 0; key < map.maxEntries; key++) {
    if (map.slots[key] !== null) cpuMapEntryReplace(w, map, key, null);
  }
  mapFreeDone(w, map);
}

function mapFreeDone(w: World, map: CpuMap): void {
  if (w.map === map) w.map = null;
  w.note(`cpu_map_free(map ${map.id}) done`);
}

// ---- 6.6+: teardown by queue_rcu_work, without a refcount ----

/**
 * 6.6+ __cpu_map_entry_replace: the old entry's __cpu_map_entry_free is queued with
 * queue_rcu_work: call_rcu, then the work item on system_wq once the grace period has ended.
 * https://elixir.bootlin.com/linux/v6.6/C/ident/__cpu_map_entry_replace
 */
function queueRcuWork(w: World, old: CpuMapEntry): void {
  w.rcu.callRcu('queue_rcu_work', defer(rcuWorkQueued, w, old));
}

/** The grace period ended: queue_rcu_work's RCU callback puts the work item on the workqueue. */
function rcuWorkQueued(w: World, entry: CpuMapEntry): void {
  w.control.push(w.now + COST.kworkerLatency, '__cpu_map_entry_free', defer(entryFreeWork, w, entry));
}

/**
 * 6.6+ __cpu_map_entry_free, a work item: kthread_stop, which wakes the kthread and waits until it
 * has drained its ring and exited; then the program, the ring, the bulk queues and the entry go.
 * https://elixir.bootlin.com/linux/v6.6/C/ident/__cpu_map_entry_free
 */
function entryFreeWork(w: World, entry: CpuMapEntry): void {
  lifecycle(w, entry, 'KTHREAD_STOP');
  stopThenFree(w, entry, null);
}

/** kthread_stop(entry's kthread); once it returns, free the entry, then run `then`. */
function stopThenFree(w: World, entry: CpuMapEntry, then: Deferred | null): void {
  const k = entry.kthread;
  k.afterExit = defer(entryFreeAfterStop, w, entry, then);
  k.shouldStop = true;
  wakeUpProcess(w, k, w.now);
}

/**
 * kthread_stop returned (the kthread exited with an empty ring): __cpu_map_ring_cleanup, free the
 * bulk queues and the entry.
 */
function entryFreeAfterStop(w: World, entry: CpuMapEntry, then: Deferred | null): void {
  entry.bulkqFreed = true;
  lifecycle(w, entry, 'KTHREAD_EXIT');
  ringCleanup(w, entry);
  if (then !== null) runDeferred(then);
}

/**
 * 6.6+ cpu_map_free after its synchronize_rcu: each entry in turn is stopped and freed directly
 * (__cpu_map_entry_free, which waits in kthread_stop), without leaving its slot first.
 * https://elixir.bootlin.com/linux/v6.6/C/ident/cpu_map_free
 */
function mapFreeNext(w: World, map: CpuMap, from: number): void {
  for (let key = from; key < map.maxEntries; key++) {
    const entry = map.slots[key];
    if (entry === null) continue;
    map.slots[key] = null;
    entry.detached = true;
    lifecycle(w, entry, 'MAP_FREE');
    stopThenFree(w, entry, defer(mapFreeNext, w, map, key + 1));
    return;
  }
  mapFreeDone(w, map);
}
