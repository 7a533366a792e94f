/**
 * The inspector's view of one element of the simulated machine, in kernel terms: the fields of
 * the kernel structure it stands for and the kernel function it is in. Built in the worker from
 * the live engine (not from a snapshot) because it needs things snapshots leave out: frame ids,
 * the ring's slots, the frame pool.
 */
import type { Engine } from '../engine/engine';
import type { Cpu } from '../engine/kernel/cpu';
import type { CpuMapEntry } from '../engine/kernel/entry';
import { TASK_INTERRUPTIBLE, type Kthread } from '../engine/kernel/kthread';
import type { NicQueue } from '../engine/kernel/nicQueue';
import { KERNEL } from '../engine/sim/costModel';
import { cpumapLink, identLink, type CpumapFunction } from '../engine/kernel/upstream';
import type { InspectTarget, Inspection } from './protocol';
import { flushListKeys } from '../engine/snapshot';
import { entryProgFields } from './inspectEntryProg';

type Fields = [string, string][];
type Code = Inspection['code'];

/** Most frame ids listed in one field (a ring can hold thousands). */
const MAX_LISTED_FRAMES = 16;

/**
 * The inspection of `target` in `engine` now. An element that no longer exists (a freed entry
 * that dropped out, a frame that left the machine) still gets an inspection saying so, so the
 * inspector never shows stale values as if they were current.
 */
export function inspect(engine: Engine, target: InspectTarget): Inspection {
  switch (target.kind) {
    case 'cpu':
      return inspectCpu(engine, target);
    case 'nic':
      return inspectNic(engine, target);
    case 'entry':
      return inspectEntry(engine, target);
    case 'bulkq':
      return inspectBulkq(engine, target);
    case 'frame':
      return inspectFrame(engine, target);
  }
}

/** Simulated time as the explorer prints it: milliseconds with nanosecond digits. */
export function formatSimTime(ns: number): string {
  return `${(ns / 1e6).toFixed(6)} ms`;
}

/** A duration in the unit that keeps it readable. */
function formatSpan(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(1)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(3)} ms`;
  return `${(ns / 1e9).toFixed(3)} s`;
}

// `step` names the line of the Kernel code panel's pseudocode (src/ui/panels/code/pseudocode.ts)
// the element is at; the step ids there must match the ones used here.
function cpumapCode(engine: Engine, fn: CpumapFunction, step?: string): Code {
  const code: NonNullable<Code> = { fn, link: cpumapLink(fn, engine.scenario.kernel) };
  if (step !== undefined) code.step = step;
  return code;
}

function identCode(engine: Engine, fn: string, step?: string): Code {
  const code: NonNullable<Code> = { fn, link: identLink(fn, engine.scenario.kernel) };
  if (step !== undefined) code.step = step;
  return code;
}

/** Where cpu_map_kthread_run is for `k`: its scheduler state first, then the loop phase it resumes at. */
function kthreadStep(k: Kthread): string {
  if (k.state === 'exited') return 'exit';
  if (k.state === 'sleeping') return 'sleeping';
  // The phases are named after the pseudocode steps ('top', 'setState', 'recheck', 'afterSleep', 'v50more').
  return k.phase;
}

/** The consume line of cpu_map_kthread_run for the loaded switches (v5.0 one by one, v5.2 batched, 5.9+ without the lock). */
function consumeStep(engine: Engine): string {
  const s = engine.world.switches;
  if (!s.consumeBatched) return 'consume';
  return s.consumeUnlocked ? 'consumeUnlocked' : 'consumeBatched';
}

function gone(target: InspectTarget, title: string, why: string): Inspection {
  return { target, title, fields: [['state', why]], code: null };
}

function listFrames(ids: number[]): string {
  if (ids.length === 0) return 'none';
  const shown = ids
    .slice(0, MAX_LISTED_FRAMES)
    .map((f) => `#${f}`)
    .join(', ');
  return ids.length > MAX_LISTED_FRAMES ? `${shown} … (${ids.length} in all)` : shown;
}

function entryLabel(e: CpuMapEntry): string {
  return `cpu ${e.cpu}, map ${e.mapId} (entry #${e.uid})`;
}

function bulkFrames(e: CpuMapEntry, cpu: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < e.bqCount[cpu]; i++) out.push(e.bqFrames[cpu * KERNEL.bulkSize + i]);
  return out;
}

// ---- CPU ----

/** The CPU's flush_needed bits (5.0, 5.2), or on 5.3+ the bulk queues on its flush list in walk order. */
function flushField(w: Engine['world'], cpu: number, bits: number[]): [string, string] {
  const list = flushListKeys(w, cpu);
  if (list === null) return ['flush_needed', bits.length === 0 ? 'none' : bits.map((k) => `key ${k}`).join(', ')];
  return ['flush list', list.length === 0 ? 'empty' : list.map((k) => `bulk queue for CPU ${k}`).join(', ')];
}

const BUSY_NAMES = ['softirq', 'ksoftirqd', 'cpumap kthreads', 'context switches'] as const;

function inspectCpu(engine: Engine, target: Extract<InspectTarget, { kind: 'cpu' }>): Inspection {
  const w = engine.world;
  const c = w.cpus[target.cpu];
  if (c === undefined) return gone(target, `CPU ${target.cpu}`, 'no such CPU in this scenario');
  const running = c.runningKthread();
  const map = w.map;
  const flush: number[] = [];
  if (map !== null) for (let key = 0; key < map.maxEntries; key++) if (map.flushNeeded[c.id * map.maxEntries + key]) flush.push(key);
  const holds = w.rcu.inProgress && w.rcu.isHoldingGp(c.id);
  const fields: Fields = [
    ['activity', cpuActivity(c, running?.comm ?? null)],
    ['NET_RX runs in', c.mode === 'irq' ? 'softirq' : `ksoftirqd/${c.id} (deferred: too much work)`],
    ['RCU', c.inPoll ? 'in a NAPI poll: RCU read-side critical section' : 'quiescent (outside any read-side section)'],
    ['holds up grace period', holds ? `yes (#${w.rcu.completed + 1})` : 'no'],
    flushField(w, c.id, flush),
    ['NIC queues', c.nicQueues.length === 0 ? 'none' : c.nicQueues.map((q) => `rx ${q.index}`).join(', ')],
    ['cpumap kthreads', c.kthreads.length === 0 ? 'none' : c.kthreads.map((k) => `${k.comm} (pid ${k.pid}, ${k.state})`).join('; ')],
  ];
  if (c.pendingFrame >= 0) fields.push(['held by bq_enqueue', `frame #${c.pendingFrame} (full bulk, flush waits its turn)`]);
  const elapsed = w.now;
  c.busyNs.forEach((ns, i) => {
    const share = elapsed > 0 ? ` (${((100 * ns) / elapsed).toFixed(1)}%)` : '';
    fields.push([`busy: ${BUSY_NAMES[i]}`, `${formatSpan(ns)}${share}`]);
  });
  return { target, title: `CPU ${c.id}`, fields, code: cpuCode(engine, c) };
}

function cpuActivity(c: Cpu, kthreadComm: string | null): string {
  switch (c.activity) {
    case 'idle':
      return 'idle';
    case 'softirq':
      return 'NET_RX softirq (NAPI poll with XDP)';
    case 'ksoftirqd':
      return `ksoftirqd/${c.id} (NAPI poll with XDP)`;
    case 'kthread':
      return kthreadComm === null ? 'cpumap kthread' : kthreadComm;
    case 'switch':
      return 'context switch';
    case 'rt':
      return 'an RT task';
  }
}

function cpuCode(engine: Engine, c: Cpu): Code {
  if (c.inPoll) {
    // A frame held across a yield is about to flush a full bulk into the remote ring.
    if (c.pendingFrame >= 0) return cpumapCode(engine, 'bq_flush_to_queue', 'produce');
    // An end-of-poll flush that yielded is not a bq_enqueue line, so it gets no step.
    return cpumapCode(engine, 'bq_enqueue', c.flushCursor >= 0 ? undefined : 'append');
  }
  if (c.activity === 'softirq' || c.activity === 'ksoftirqd') {
    // The poll has ended: its last act was xdp_do_flush_map (with a program attached).
    return engine.world.progAttached ? cpumapCode(engine, '__cpu_map_flush', 'wake') : identCode(engine, 'napi_gro_receive', 'noProg');
  }
  if (c.activity === 'kthread') {
    const k = c.runningKthread();
    return cpumapCode(engine, 'cpu_map_kthread_run', k === null ? undefined : kthreadStep(k));
  }
  return null;
}

// ---- NIC RX queue ----

function inspectNic(engine: Engine, target: Extract<InspectTarget, { kind: 'nic' }>): Inspection {
  const q: NicQueue | undefined = engine.world.nicQueues[target.queue];
  if (q === undefined) return gone(target, `RX queue ${target.queue}`, 'no such RX queue in this scenario');
  const fields: Fields = [
    ['queue', `rx ${q.index}`],
    [
      'IRQ and NAPI on',
      q.affinity === q.cpu ? `CPU ${q.cpu}` : `CPU ${q.cpu}; the interrupt moves to CPU ${q.affinity} at napi_complete_done`,
    ],
    ['fill', `${q.count} / ${q.size} descriptors`],
    ['NAPI', q.napiScheduled ? 'scheduled (polling, interrupt masked)' : 'not scheduled (interrupt armed)'],
    ['next interrupt', q.napiScheduled || q.irqAt === Infinity ? '—' : formatSimTime(q.irqAt)],
    // i40e_update_itr's current throttle: no interrupt comes sooner than this after the last one.
    ['interrupt interval (ITR)', `${q.itr.current} µs`],
    ['NIC drops (rx_missed)', String(q.nicDrops)],
    ['oldest frames', listFrames(q.frames().slice(0, MAX_LISTED_FRAMES + 1))],
  ];
  const code = q.napiScheduled ? identCode(engine, 'napi_schedule', 'poll') : identCode(engine, 'napi_complete_done', 'complete');
  return { target, title: `NIC RX queue ${q.index}`, fields, code };
}

// ---- cpumap entry ----

function findEntry(engine: Engine, uid: number): CpuMapEntry | undefined {
  return engine.entries.find((e) => e.uid === uid);
}

function inspectEntry(engine: Engine, target: Extract<InspectTarget, { kind: 'entry' }>): Inspection {
  const e = findEntry(engine, target.uid);
  if (e === undefined) return gone(target, `cpumap entry #${target.uid}`, 'no such entry');
  const w = engine.world;
  const k = e.kthread as CpuMapEntry['kthread'] | undefined;
  const ring = e.ring;
  const bulk: string[] = [];
  if (!e.bulkqFreed) for (let c = 0; c < e.bqCount.length; c++) if (e.bqCount[c] > 0) bulk.push(`CPU ${c}: ${e.bqCount[c]}`);
  const fields: Fields = [
    ['cpu', String(e.cpu)],
    ['map_id', String(e.mapId)],
    ['qsize', String(e.qsize)],
    // 6.6+: no refcount; queue_rcu_work frees the entry once its kthread has exited.
    ['refcnt', w.switches.rcuWorkTeardown ? 'none (6.6+)' : String(e.refcnt)],
    ['lifecycle', e.lifecycle.state],
    ['in the map slot', w.map !== null && w.map.slots[e.cpu] === e ? 'yes' : 'no'],
    ...entryProgFields(e),
  ];
  if (k !== undefined) {
    const onCpu = w.cpus[k.cpu].runningKthread() === k;
    fields.push(
      ['kthread comm', k.comm],
      ['kthread pid', String(k.pid)],
      ['kthread state', `${k.state}${onCpu ? ', on CPU' : ''} (next: ${k.phase})`],
      // The task's own __state, which set_current_state writes and wake_up_process puts back.
      ['task __state', k.taskState === TASK_INTERRUPTIBLE ? 'TASK_INTERRUPTIBLE' : 'TASK_RUNNING'],
      ['kthread_should_stop', k.shouldStop ? 'yes' : 'no'],
    );
    // 6.9+: the busy loop's periodic RCU (and RCU Tasks) quiescent state.
    if (w.switches.kthreadRcuQs) fields.push(['rcu_softirq_qs_periodic reports', String(k.rcuQsReports)]);
  }
  fields.push(
    ['ring producer', String(ring.producer)],
    ['ring consumer_head', String(ring.consumerHead)],
    ['ring consumer_tail', String(ring.consumerTail)],
    ['ring count', `${ring.count} / ${ring.size}`],
    ['ring batch', String(ring.batch)],
    ['consumed, not yet NULLed', String(ring.pendingNull())],
    ['bulk queues', e.bulkqFreed ? 'freed by __cpu_map_entry_free' : bulk.length === 0 ? 'all empty' : bulk.join(', ')],
  );
  // 6.15+: the SKBs the entry's GRO holds until a flush (frames in flight the topology does not draw).
  if (w.switches.kthreadGro) fields.push(['GRO holds', groHeld(e)]);
  return { target, title: `cpumap entry ${entryLabel(e)}`, fields, code: entryCode(engine, e) };
}

/** "12 frames in 3 SKBs", or "nothing". */
function groHeld(e: CpuMapEntry): string {
  const gro = e.gro;
  if (gro === null || gro.frames === 0) return 'nothing';
  let skbs = 0;
  for (const bucket of gro.buckets) skbs += bucket.length;
  return `${gro.frames} frame${gro.frames === 1 ? '' : 's'} in ${skbs} SKB${skbs === 1 ? '' : 's'}`;
}

function entryCode(engine: Engine, e: CpuMapEntry): Code {
  // 6.6+ (rcuWork): the update waits for the kthread, and one rcu_work item does the teardown.
  const rcuWork = e.lifecycle.rcuWork;
  switch (e.lifecycle.state) {
    case 'starting':
      return cpumapCode(engine, 'cpu_map_update_elem', 'waitKthread');
    case 'allocating':
    case 'allocFailed':
      return cpumapCode(engine, '__cpu_map_entry_alloc');
    case 'live':
      return cpumapCode(engine, 'cpu_map_kthread_run', kthreadStep(e.kthread));
    case 'detached':
      // The stop work item waits in rcu_barrier for the grace period (call_rcu's callback is pending);
      // 6.6+: queue_rcu_work's item waits for it.
      return rcuWork
        ? cpumapCode(engine, '__cpu_map_entry_replace', 'queueRcuWork')
        : cpumapCode(engine, 'cpu_map_kthread_stop', 'rcuBarrier');
    case 'bulkqFlushed':
      // The RCU callback has flushed, freed the bulk queues and dropped the map's reference.
      return cpumapCode(engine, '__cpu_map_entry_free', 'put');
    case 'kthreadStopping':
      // kthread_stop has woken the thread, which drains the ring before it exits.
      if (e.kthread.state !== 'exited') return cpumapCode(engine, 'cpu_map_kthread_run', kthreadStep(e.kthread));
      return rcuWork
        ? cpumapCode(engine, '__cpu_map_entry_free', 'stopAndWait')
        : cpumapCode(engine, 'cpu_map_kthread_stop', 'kthreadStop');
    case 'freed':
      return rcuWork ? cpumapCode(engine, '__cpu_map_entry_free', 'freeAll') : cpumapCode(engine, 'put_cpu_map_entry', 'free');
    case 'leaked':
      // kthread_stop returned without the thread function ever running.
      return cpumapCode(engine, 'cpu_map_kthread_stop', 'kthreadStop');
  }
}

// ---- bulk queue ----

function inspectBulkq(engine: Engine, target: Extract<InspectTarget, { kind: 'bulkq' }>): Inspection {
  const e = findEntry(engine, target.uid);
  const title = `xdp_bulk_queue of CPU ${target.cpu} for entry #${target.uid}`;
  if (e === undefined || target.cpu < 0 || target.cpu >= e.bqCount.length) return gone(target, title, 'no such bulk queue');
  const map = engine.world.map;
  const bit = map !== null && e.cpu < map.maxEntries && map.flushNeeded[target.cpu * map.maxEntries + e.cpu] === 1;
  const mark: [string, string] = engine.world.switches.flushList
    ? [`on CPU ${target.cpu}'s flush list`, e.onFlushList[target.cpu] === 1 ? 'yes' : 'no']
    : [`flush_needed bit (CPU ${target.cpu}, key ${e.cpu})`, bit ? 'set' : 'clear'];
  const fields: Fields = [
    ['entry', entryLabel(e)],
    ['CPU', String(target.cpu)],
  ];
  if (e.bulkqFreed) {
    const where = engine.world.switches.simpleCleanup ? 'it was empty: every poll flushed it' : 'its frames went to the ring';
    fields.push(['state', `freed by __cpu_map_entry_free (${where})`]);
    return { target, title, fields, code: cpumapCode(engine, '__cpu_map_entry_free', 'freeBulkq') };
  }
  if (engine.world.genericXdp) {
    fields.push(['state', 'unused: generic XDP puts each SKB straight into the ring (cpu_map_generic_redirect)']);
    return { target, title, fields, code: null };
  }
  const frames = bulkFrames(e, target.cpu);
  fields.push(['count', `${frames.length} / ${KERNEL.bulkSize}`], ['frames', listFrames(frames)], mark);
  // Frames wait here until the bulk is full (bq_enqueue flushes it) or the poll ends (__cpu_map_flush).
  const code = frames.length > 0 ? cpumapCode(engine, 'bq_enqueue', 'append') : cpumapCode(engine, 'bq_flush_to_queue', 'reset');
  return { target, title, fields, code };
}

// ---- frame ----

/** Where frame `f` is now, and the function holding it; null when it is not in the machine. */
function locate(engine: Engine, f: number): { where: string; code: Code } | null {
  const w = engine.world;
  for (const q of w.nicQueues) {
    if (q.frames().includes(f)) return { where: `NIC RX queue ${q.index} (waiting for a NAPI poll on CPU ${q.cpu})`, code: null };
  }
  for (const c of w.cpus) {
    if (c.pendingFrame === f && w.genericXdp)
      return { where: `CPU ${c.id}, in cpu_map_generic_redirect (its SKB goes into the ring next)`, code: null };
    if (c.pendingFrame === f)
      return {
        where: `CPU ${c.id}, in bq_enqueue (its bulk is full and flushes next)`,
        code: cpumapCode(engine, 'bq_flush_to_queue', 'produce'),
      };
  }
  for (const e of engine.entries) {
    if (e.lifecycle.isFinal) continue;
    if (!e.bulkqFreed) {
      for (let c = 0; c < e.bqCount.length; c++) {
        if (bulkFrames(e, c).includes(f))
          return { where: `bulk queue of CPU ${c} for ${entryLabel(e)}`, code: cpumapCode(engine, 'bq_enqueue', 'append') };
      }
    }
    if (e.ring.count > 0 && e.ring.frames().includes(f)) {
      return {
        where: `ptr_ring of ${entryLabel(e)} (waiting for ${e.kthread.comm})`,
        code: cpumapCode(engine, 'cpu_map_kthread_run', consumeStep(engine)),
      };
    }
  }
  return null;
}

function inspectFrame(engine: Engine, target: Extract<InspectTarget, { kind: 'frame' }>): Inspection {
  const pool = engine.world.pool;
  const f = target.frame;
  const title = `xdp_frame #${f}`;
  if (!Number.isInteger(f) || f < 0 || f >= pool.flow.length) return gone(target, title, 'no such frame');
  // The frame followed from the topology has left, and a later frame took its id.
  if (target.bornAt !== undefined && pool.bornAt[f] !== target.bornAt) {
    return { target, title, fields: [['where', 'no longer in flight: its journey below shows where it ended']], code: null };
  }
  const rx = pool.rxQueue[f];
  const q = engine.world.nicQueues[rx] as NicQueue | undefined;
  const place = locate(engine, f);
  const fields: Fields = [
    ['flow', String(pool.flow[f])],
    ['RX queue', q === undefined ? String(rx) : `rx ${rx} (CPU ${q.cpu})`],
    ['arrived at', formatSimTime(pool.bornAt[f])],
  ];
  if (place === null) {
    // Ids return to the pool when a frame ends and are handed out again, newest first.
    fields.push(['where', 'no longer in flight (delivered or dropped); its id may be reused']);
    return { target, title, fields, code: null };
  }
  fields.push(['age', formatSpan(engine.now - pool.bornAt[f])], ['where', place.where]);
  return { target, title, fields, code: place.code };
}
