/**
 * A compact, serialisable picture of the machine at one instant, for the explorer: what each CPU
 * runs, every NIC queue's fill, every entry (live or tearing down) with its bulk queues, ring
 * indices, kthread and lifecycle state, and the RCU state. Small enough to post every display
 * frame; the per-frame journeys travel separately (moves.ts).
 */
import type { Engine, FrameTotals } from './engine';
import type { CpuActivity } from './kernel/cpu';
import type { KthreadPhase, KthreadState } from './kernel/kthread';
import type { EntryStateName } from './lifecycle/entryMachine';
import { offeredLoad, type OfferedLoad } from './offered';

export interface CpuSnapshot {
  id: number;
  activity: CpuActivity;
  /** NET_RX deferred to ksoftirqd. */
  ksoftirqd: boolean;
  /** Inside a NAPI poll: an RCU read-side critical section. */
  inPoll: boolean;
  /** Still holds up the current RCU grace period. */
  holdsGp: boolean;
  /** Keys with this CPU's flush_needed bit set (5.0, 5.2). */
  flushNeeded: number[];
  /**
   * 5.3+: the target CPUs (keys) of the bulk queues on this CPU's flush list, in the order
   * __cpu_map_flush walks them (newest first); absent on kernels with the flush_needed bitmap.
   */
  flushList?: number[];
  /** ns spent in softirq, ksoftirqd, kthreads and context switches since the start. */
  busyNs: [number, number, number, number];
}

export interface NicQueueSnapshot {
  index: number;
  cpu: number;
  count: number;
  size: number;
  napiScheduled: boolean;
  nicDrops: number;
}

export interface EntrySnapshot {
  uid: number;
  cpu: number;
  mapId: number;
  qsize: number;
  refcnt: number;
  state: EntryStateName;
  /** In the map slot now. */
  inSlot: boolean;
  kthread: { pid: number; comm: string; state: KthreadState; phase: KthreadPhase; running: boolean; shouldStop: boolean } | null;
  ring: { size: number; producer: number; consumerHead: number; consumerTail: number; count: number; batch: number };
  /** Frames in each CPU's bulk queue for this entry, as [cpu, count] pairs (non-empty only). */
  bulkq: [number, number][];
  bulkqFreed: boolean;
  /** 6.6+ only: the entry has no refcount (queue_rcu_work frees it); absent before. */
  noRefcount?: true;
  history: { atNs: number; from: string; to: string; event: string }[];
  /**
   * 5.9+: the entry's XDP program in a few words ("drop 25%"); absent without one. Added by the
   * worker for the page (src/worker/entryProgLabels.ts), so the recorded snapshots keep their form.
   */
  prog?: string;
}

export interface EngineSnapshot {
  simNs: number;
  cpus: CpuSnapshot[];
  nicQueues: NicQueueSnapshot[];
  entries: EntrySnapshot[];
  map: { id: number; maxEntries: number; fdClosed: boolean; slots: (number | null)[] } | null;
  progAttached: boolean;
  rcu: { completed: number; inProgress: boolean; gpStartNs: number; pendingCallbacks: number };
  frames: FrameTotals;
  /** The configured offered load (the scenario's `rate`, or the latest `rate` op in effect). */
  offered: OfferedLoad;
  violations: string[];
  /** 6.6+ only: entries follow the rcu_work lifecycle machine (entryMachineRcuWork.ts); absent before. */
  rcuWorkTeardown?: true;
  /** 5.9+ only: entries may carry an XDP program (so a frame can end redirected by one); absent before. */
  entryProgs?: true;
}

/** Entries that finished their teardown longer ago than this drop out of snapshots. */
const KEEP_FREED_NS = 50e6;

export function takeSnapshot(engine: Engine): EngineSnapshot {
  const w = engine.world;
  const map = w.map;
  const now = w.now;
  const cpus: CpuSnapshot[] = w.cpus.map((c) => {
    const flush: number[] = [];
    if (map !== null && map.flushNeededCount[c.id] > 0) {
      for (let key = 0; key < map.maxEntries; key++) if (map.flushNeeded[c.id * map.maxEntries + key]) flush.push(key);
    }
    const list = flushListKeys(w, c.id);
    const cpu: CpuSnapshot = {
      id: c.id,
      activity: c.activity,
      ksoftirqd: c.mode === 'ksoftirqd',
      inPoll: c.inPoll,
      holdsGp: w.rcu.inProgress && w.rcu.isHoldingGp(c.id),
      flushNeeded: flush,
      busyNs: [c.busyNs[0], c.busyNs[1], c.busyNs[2], c.busyNs[3]],
    };
    // Only on 5.3+, so the snapshots of 5.0/5.2 runs keep their exact form.
    if (list !== null) cpu.flushList = list;
    return cpu;
  });
  const entries: EntrySnapshot[] = [];
  for (const e of w.entries) {
    const last = e.lifecycle.history.at(-1);
    if (e.lifecycle.isFinal && last !== undefined && now - last.atNs > KEEP_FREED_NS) continue;
    const bulkq: [number, number][] = [];
    if (!e.bulkqFreed) for (let c = 0; c < e.bqCount.length; c++) if (e.bqCount[c] > 0) bulkq.push([c, e.bqCount[c]]);
    const k = e.kthread;
    entries.push({
      uid: e.uid,
      cpu: e.cpu,
      mapId: e.mapId,
      qsize: e.qsize,
      refcnt: e.refcnt,
      state: e.lifecycle.state,
      inSlot: map !== null && map.slots[e.cpu] === e,
      kthread: k
        ? {
            pid: k.pid,
            comm: k.comm,
            state: k.state,
            phase: k.phase,
            running: w.cpus[k.cpu].runningKthread() === k,
            shouldStop: k.shouldStop,
          }
        : null,
      ring: {
        size: e.ring.size,
        producer: e.ring.producer,
        consumerHead: e.ring.consumerHead,
        consumerTail: e.ring.consumerTail,
        count: e.ring.count,
        batch: e.ring.batch,
      },
      bulkq,
      bulkqFreed: e.bulkqFreed,
      history: e.lifecycle.history.map((h) => ({ atNs: h.atNs, from: h.from, to: h.to, event: h.event })),
      // Only on 6.6+, so the snapshots of earlier runs keep their exact form.
      ...(e.lifecycle.rcuWork ? { noRefcount: true as const } : {}),
    });
  }
  const snapshot: EngineSnapshot = {
    simNs: now,
    cpus,
    nicQueues: w.nicQueues.map((q) => ({
      index: q.index,
      cpu: q.cpu,
      count: q.count,
      size: q.size,
      napiScheduled: q.napiScheduled,
      nicDrops: q.nicDrops,
    })),
    entries,
    map:
      map === null
        ? null
        : { id: map.id, maxEntries: map.maxEntries, fdClosed: map.fdClosed, slots: map.slots.map((e) => (e === null ? null : e.uid)) },
    progAttached: w.progAttached,
    rcu: { completed: w.rcu.completed, inProgress: w.rcu.inProgress, gpStartNs: w.rcu.gpStart, pendingCallbacks: w.rcu.pendingCallbacks },
    frames: engine.frameTotals(),
    offered: offeredLoad(engine),
    violations: [...w.violations],
  };
  if (w.switches.rcuWorkTeardown) snapshot.rcuWorkTeardown = true;
  if (w.switches.kthreadXdpStats) snapshot.entryProgs = true;
  return snapshot;
}

/** The keys of the bulk queues on CPU `cpu`'s flush list, walk order; null on bitmap kernels. */
export function flushListKeys(w: Engine['world'], cpu: number): number[] | null {
  if (!w.switches.flushList) return null;
  const list = w.map?.flushLists[cpu] ?? [];
  const keys: number[] = [];
  for (let i = list.length - 1; i >= 0; i--) keys.push(list[i].cpu);
  return keys;
}
