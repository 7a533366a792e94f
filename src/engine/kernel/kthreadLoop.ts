/**
 * cpu_map_kthread_run(), one step at a time: the loop test, the sleep path with its lost-wake-up
 * re-check, and the batch: v5.0 consumes and handles one frame at a time and stops after 8;
 * v5.2 takes up to CPUMAP_BATCH = 8 at once (ptr_ring_consume_batched), prefetches their struct
 * pages, bulk-allocates the SKB heads, then builds and delivers each SKB.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L236
 */
import type { World } from '../world';
import type { EntryProg } from '../../scenario/types';
import { COST, KERNEL } from '../sim/costModel';
import { Kthread, TASK_INTERRUPTIBLE, TASK_RUNNING } from './kthread';
import { bookStackVerdicts, stackCost } from './netstack';
import { TRACE_KTHREAD } from './tracepoints';
import { putCpuMapEntry } from './teardown';
import { cpuMapUpdateReturns } from './cpumap';
import { defer } from '../sim/deferred';
import { condResched, scheduleClearsResched } from './preempt';
import { EV_KTHREAD, EV_WAKE } from '../eventLog';
import { lateKernel } from './lateKernel';
import { runEntryProg, runEntryProgOnSkbs } from './entryProgRun';
import { recordLatency, recordSkbs } from './kthreadRecord';

const batchBuf = new Int32Array(KERNEL.kthreadBatch);

/**
 * wake_up_process(): a sleeping kthread becomes runnable after the wake-up latency; one between
 * set_current_state(TASK_INTERRUPTIBLE) and schedule() is set back to TASK_RUNNING; a running one
 * is left alone. Returns the waker's CPU time.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/wake_up_process
 */
export function wakeUpProcess(w: World, k: Kthread, now: number): number {
  if (k.state === 'sleeping') {
    k.state = 'runnable';
    k.taskState = TASK_RUNNING;
    w.cpus[k.cpu].placeWoken(k);
    k.readyAt = now + COST.wakeupLatency;
    w.kick(k.cpu, k.readyAt);
    w.events?.push(EV_WAKE, now, k.cpu, k.entry.uid, w.running);
    return COST.wakeSleeping;
  }
  if (k.state !== 'exited' && k.taskState === TASK_INTERRUPTIBLE) {
    k.taskState = TASK_RUNNING;
    return COST.wakeSleeping;
  }
  return COST.wakeRunning;
}

/** The outcome of one kthread step: when its CPU is next free, and whether the kthread gave up the CPU. */
export const STEP_CONTINUE = 0;
export const STEP_SLEPT = 1;
export const STEP_EXITED = 2;

export interface KthreadStep {
  /** Time at which the CPU is free again. */
  until: number;
  kind: number;
}

const step: KthreadStep = { until: 0, kind: STEP_CONTINUE };

function result(until: number, kind: number): KthreadStep {
  step.until = until;
  step.kind = kind;
  return step;
}

/** Runs the kthread's next step at `now` on its CPU. The returned object is reused. */
export function kthreadStep(w: World, k: Kthread, now: number): KthreadStep {
  const ring = k.entry.ring;
  switch (k.phase) {
    case 'top': {
      // The thread function is running: no longer "created".
      if (!k.everRan) kthreadFirstRun(w, k, now);
      if (k.state === 'created') k.state = 'runnable';
      // while (!kthread_should_stop() || !__ptr_ring_empty(rcpu->queue))
      if (k.shouldStop && ring.isEmpty()) return exitKthread(w, k, now);
      if (ring.isEmpty()) {
        k.phase = 'setState';
        return result(now + COST.setStateGap, STEP_CONTINUE);
      }
      // sched = cond_resched(): a quiescent state; what it returns depends on the preemption model.
      // 6.9+: rcu_softirq_qs_periodic(last_qs) before cond_resched().
      if (w.switches.kthreadRcuQs) rcuSoftirqQsPeriodic(k, now);
      const sched = condResched(w, k);
      w.rcu.quiescent(k.cpu);
      return result(batch(w, k, now, sched), STEP_CONTINUE);
    }
    case 'setState':
      k.taskState = TASK_INTERRUPTIBLE;
      k.phase = 'recheck';
      return result(now + COST.recheckGap, STEP_CONTINUE);
    case 'recheck': {
      if (w.switches.lostWakeupRecheck && !ring.isEmpty()) {
        k.taskState = TASK_RUNNING;
        return result(batch(w, k, now, 0), STEP_CONTINUE);
      }
      // schedule(): returns at once if a waker already set us back to TASK_RUNNING.
      w.rcu.quiescent(k.cpu);
      k.lastQsJiffy = jiffies(now);
      scheduleClearsResched(k);
      if (k.taskState === TASK_RUNNING) return result(batch(w, k, now, 1), STEP_CONTINUE);
      k.state = 'sleeping';
      k.phase = 'afterSleep';
      return result(now + COST.sleepSwitch, STEP_SLEPT);
    }
    case 'afterSleep':
      return result(batch(w, k, now, 1), STEP_CONTINUE);
    case 'v50more':
      return result(v50Consume(w, k, now), STEP_CONTINUE);
    case 'receive':
      // 6.12+: the rest of the iteration after its tracepoint (the stack's work, bottom halves still off).
      k.phase = 'top';
      return result(k.receiveUntil, STEP_CONTINUE);
  }
}

/**
 * The thread function's first line. 6.5+: complete(kthread_running) wakes the update syscall
 * waiting in __cpu_map_entry_alloc.
 */
function kthreadFirstRun(w: World, k: Kthread, now: number): void {
  k.everRan = true;
  k.lastQsJiffy = jiffies(now);
  if (!k.completesUpdate) return;
  k.completesUpdate = false;
  w.control.push(now, 'complete(kthread_running)', defer(cpuMapUpdateReturns, w), 0);
}

/** jiffies at `now` (HZ=1000: one per scheduling-clock tick). */
function jiffies(now: number): number {
  return Math.floor(now / COST.tick);
}

/** HZ / 10: how often a busy kthread reports a quiescent state (100 jiffies). */
const QS_PERIOD_JIFFIES = Math.round(1e8 / COST.tick);

/**
 * 6.9+ rcu_softirq_qs_periodic(last_qs): a kthread that has not slept for more than HZ/10 reports
 * a quiescent state for RCU and for RCU Tasks (rcu_softirq_qs), whose grace periods otherwise wait
 * for it to sleep ("bpf: report RCU QS in cpumap kthread"). The model has no RCU Tasks: it counts
 * the reports (README, "Teardown from 6.5 to 6.9").
 * https://elixir.bootlin.com/linux/v6.9/C/ident/rcu_softirq_qs_periodic
 */
function rcuSoftirqQsPeriodic(k: Kthread, now: number): void {
  const j = jiffies(now);
  if (j <= k.lastQsJiffy + QS_PERIOD_JIFFIES) return;
  k.rcuQsReports++;
  k.lastQsJiffy = j;
}

function exitKthread(w: World, k: Kthread, now: number): KthreadStep {
  k.state = 'exited';
  w.cpus[k.cpu].removeKthread(k);
  __set_current_state_running(k);
  if (k.afterExit !== null) {
    // 6.6+: no reference to drop; kthread_stop returns to __cpu_map_entry_free, which frees.
    const then = k.afterExit;
    k.afterExit = null;
    w.control.push(now, 'kthread_stop returns', then);
    return result(now, STEP_EXITED);
  }
  const problem = k.entry.lifecycle.send('KTHREAD_EXIT', now);
  if (problem !== null) w.violation(problem);
  putCpuMapEntry(w, k.entry);
  return result(now, STEP_EXITED);
}

function __set_current_state_running(k: Kthread): void {
  k.taskState = TASK_RUNNING;
}

/**
 * The stack's cost per SKB in the kthread: one SKB at a time into netif_receive_skb_core, or from
 * 5.13 the batch as a list into netif_receive_skb_list (listReceiveStackShare of it).
 * https://elixir.bootlin.com/linux/v5.15/C/ident/netif_receive_skb_list
 */
export function kthreadStackCost(w: World): number {
  const cost = stackCost(w.scenario.stack);
  return w.switches.listReceive ? cost * COST.listReceiveStackShare : cost;
}

/** Per-frame CPU cost of building and delivering one SKB, besides the consume itself. */
export function skbPerFrameCost(w: World): number {
  const s = w.switches;
  return (
    (s.allocBulk ? COST.skbHeadAllocBulkPerFrame : COST.skbHeadAlloc) +
    COST.buildSkb +
    (s.prefetchw ? COST.prefetchw : COST.structPageMiss) +
    kthreadStackCost(w)
  );
}

/** One loop iteration's batch, starting at `now`; returns when it ends. */
function batch(w: World, k: Kthread, now: number, sched: number): number {
  k.phase = 'top';
  k.progPass = 0;
  k.progDrop = 0;
  k.progRedirect = 0;
  if (w.switches.kthreadGro) return batchWithGro(w, k, now, sched);
  const prog = k.entry.prog;
  if (prog !== null || w.genericXdp) return batchWithProg(w, k, prog, now, sched);
  if (!w.switches.consumeBatched) {
    k.v50Processed = 0;
    k.v50Drops = 0;
    k.v50Sched = sched;
    return v50Consume(w, k, now + COST.kthreadLoop);
  }
  // v5.2: n = ptr_ring_consume_batched(queue, frames, CPUMAP_BATCH)
  const n = k.entry.ring.consumeBatched(batchBuf, KERNEL.kthreadBatch);
  const drops = bookStackVerdicts(w.acct, w.stackDrops, w.stackNetRxDrop, n);
  const perFrame = COST.consumeBatchedPerFrame + w.skbPerFrameNs;
  // 5.9+: __ptr_ring_consume_batched, the same batch without the consumer lock.
  // https://elixir.bootlin.com/linux/v5.10/C/ident/__ptr_ring_consume_batched
  const lock = w.switches.consumeUnlocked ? 0 : COST.consumeBatchedLock;
  let cost = COST.kthreadLoop + lock + n * perFrame;
  if (n > 0 && w.switches.allocBulk) cost += COST.skbHeadAllocBulkCall;
  const start = now + cost - n * perFrame;
  if (w.moves !== null) recordSkbs(w, k, batchBuf, n, start, perFrame);
  // The batch leaves the ring in one call (under the consumer lock before 5.9).
  if (w.latency !== null) recordLatency(w, w.latency, k.cpu, batchBuf, n, now + COST.kthreadLoop + lock, 0, start, perFrame);
  w.pool.releaseBatch(batchBuf, n);
  return endIteration(w, k, now + cost, beforeReceive(w, now + cost, n), n, drops, sched);
}

/** The output of batchGro, reused. */
const groOut = { traceAt: 0, processed: 0 };

/** 6.15+: the batch with GRO (kthreadGro.ts); its tracepoint fires before the receive. */
function batchWithGro(w: World, k: Kthread, now: number, sched: number): number {
  const end = lateKernel().batchGro(w, k, now, groOut);
  // Drops count SKB allocation failures only (5.13+), and the NAPI cache never runs short here.
  return endIteration(w, k, end, w.switches.tracepointBeforeReceive ? groOut.traceAt : end, groOut.processed, 0, sched);
}

/**
 * When the iteration's tracepoint fires, for a batch ending at `end` that handed `m` SKBs to the
 * stack: at the end, or from 6.12 once the SKBs are built, before the stack's work on them
 * ("bpf: cpumap: Move xdp:xdp_cpumap_kthread tracepoint before rcv").
 * https://elixir.bootlin.com/linux/v6.12/C/ident/cpu_map_kthread_run
 */
function beforeReceive(w: World, end: number, m: number): number {
  return w.switches.tracepointBeforeReceive ? end - m * w.stackNs : end;
}

/**
 * Ends an iteration at `end` whose tracepoint fires at `traceAt`. A hit before the end splits the
 * step there (the 'receive' phase runs the rest), so the hit lands in time order with other CPUs'.
 */
function endIteration(w: World, k: Kthread, end: number, traceAt: number, processed: number, drops: number, sched: number): number {
  traceKthread(w, k, traceAt, processed, drops, sched);
  if (k.entry.prog !== null) {
    // The entry's own totals, for the Inspector (the tracepoint's are per batch and per CPU).
    const verdicts = k.entry.progVerdicts;
    verdicts[0] += k.progPass;
    verdicts[1] += k.progDrop;
    verdicts[2] += k.progRedirect;
  }
  if (traceAt >= end) return end;
  k.phase = 'receive';
  k.receiveUntil = end;
  return traceAt;
}

/**
 * 5.9+, an entry with a program: the batch is consumed, cpu_map_bpf_prog_run_xdp runs the
 * program on every frame (XDP_DROP frees it, XDP_REDIRECT sends it on, XDP_PASS keeps it), then
 * SKB heads are bulk-allocated only if frames are left, and those are built and delivered.
 * https://elixir.bootlin.com/linux/v5.10/source/kernel/bpf/cpumap.c#L228
 *
 * 5.15+, generic XDP (`mode=skb`, with or without a program): the ring holds SKBs the RX CPU
 * built (bit 0 of each pointer set). The kthread puts them on its list without prefetching,
 * allocating or building anything, a program runs on them through cpu_map_bpf_prog_run_skb, and
 * `drops` stays 0: it counts only failed SKB head allocations.
 * https://elixir.bootlin.com/linux/v5.15/C/ident/cpu_map_kthread_run
 */
function batchWithProg(w: World, k: Kthread, prog: EntryProg | null, now: number, sched: number): number {
  const s = w.switches;
  const skbs = w.genericXdp;
  // Without consume-batched (an `opt` what-if) the frames are taken one by one, at that cost.
  const n = k.entry.ring.consumeBatched(batchBuf, KERNEL.kthreadBatch);
  const lock = !s.consumeBatched ? 0 : s.consumeUnlocked ? 0 : COST.consumeBatchedLock;
  const consumeNs = COST.kthreadLoop + lock + n * (s.consumeBatched ? COST.consumeBatchedPerFrame : COST.consumeInterleaved);
  const progAt = now + consumeNs;
  let m = n;
  let progNs = 0;
  if (prog !== null) {
    const ran = skbs ? runEntryProgOnSkbs(w, k, prog, batchBuf, n, progAt) : n;
    m = skbs ? n - k.progDrop - k.progRedirect : runEntryProg(w, k, prog, batchBuf, n, progAt);
    progNs = ran * COST.entryProgPerFrame + k.progRedirect * COST.entryProgRedirect;
  }
  const drops = bookStackVerdicts(w.acct, w.stackDrops, w.stackNetRxDrop, m);
  const perFrame = skbs ? COST.genericSkbRemote + w.stackNs : w.skbPerFrameNs;
  let cost = consumeNs + progNs + m * perFrame;
  if (m > 0 && s.allocBulk && !skbs) cost += COST.skbHeadAllocBulkCall;
  const start = now + cost - m * perFrame;
  if (w.moves !== null) recordSkbs(w, k, batchBuf, m, start, perFrame);
  if (w.latency !== null) recordLatency(w, w.latency, k.cpu, batchBuf, m, progAt, 0, start, perFrame);
  w.pool.releaseBatch(batchBuf, m);
  return endIteration(w, k, now + cost, beforeReceive(w, now + cost, m), n, drops, sched);
}

/**
 * v5.0's inner loop: __ptr_ring_consume one frame at a time, build and deliver it, stop after 8.
 * Frames present now are taken at once; if the ring runs dry before 8, the loop looks again when
 * the frames taken are done (another CPU may have produced meanwhile).
 */
function v50Consume(w: World, k: Kthread, now: number): number {
  const ring = k.entry.ring;
  const room = KERNEL.kthreadBatch - k.v50Processed;
  const n = ring.consumeBatched(batchBuf, room);
  k.v50Drops += bookStackVerdicts(w.acct, w.stackDrops, w.stackNetRxDrop, n);
  k.v50Processed += n;
  const perFrame = COST.consumeInterleaved + w.skbPerFrameNs;
  let cost = n * perFrame;
  if (n > 0 && w.switches.allocBulk) cost += COST.skbHeadAllocBulkCall;
  const start = now + cost - n * perFrame;
  if (w.moves !== null) recordSkbs(w, k, batchBuf, n, start, perFrame);
  // Each frame is consumed at the start of its own turn.
  if (w.latency !== null) recordLatency(w, w.latency, k.cpu, batchBuf, n, start, perFrame, start, perFrame);
  w.pool.releaseBatch(batchBuf, n);
  if (n > 0 && k.v50Processed < KERNEL.kthreadBatch) {
    k.phase = 'v50more';
    return now + cost;
  }
  k.phase = 'top';
  traceKthread(w, k, now + cost, k.v50Processed, k.v50Drops, k.v50Sched);
  return now + cost;
}

/**
 * xdp_cpumap_kthread(map_id, processed, drops, sched), once per loop iteration. It fires at the
 * iteration's end (`at`), which its CPU reaches at its next step: see fireKthreadTrace.
 */
function traceKthread(w: World, k: Kthread, at: number, processed: number, drops: number, sched: number): void {
  k.tracePending = true;
  k.traceAt = at;
  k.traceProcessed = processed;
  k.traceDrops = drops;
  k.traceSched = sched;
  k.tracePass = k.progPass;
  k.traceDrop = k.progDrop;
  k.traceRedirect = k.progRedirect;
  w.cpus[k.cpu].traceDue = k;
}

/** Fires a kthread's pending tracepoint hit (its CPU has reached the end of that iteration). */
export function fireKthreadTrace(w: World, k: Kthread): void {
  if (!k.tracePending) return;
  k.tracePending = false;
  const c = w.counters;
  c.kthProcessed[k.cpu] += k.traceProcessed;
  c.kthDrops[k.cpu] += k.traceDrops;
  c.kthSched[k.cpu] += k.traceSched;
  c.kthEvents[k.cpu] += 1;
  w.events?.push(EV_KTHREAD, k.traceAt, k.cpu, k.entry.uid, k.traceProcessed, k.traceDrops, k.traceSched);
  if (w.switches.kthreadXdpStats) {
    // 5.9+: trace_xdp_cpumap_kthread(..., &stats) with the entry program's verdicts.
    c.kthXdpPass[k.cpu] += k.tracePass;
    c.kthXdpDrop[k.cpu] += k.traceDrop;
    c.kthXdpRedirect[k.cpu] += k.traceRedirect;
    w.traceRing?.push(
      TRACE_KTHREAD,
      k.traceAt,
      k.cpu,
      k.pid,
      k.entry.mapId,
      k.traceProcessed,
      k.traceDrops,
      k.traceSched,
      k.tracePass,
      k.traceDrop,
      k.traceRedirect,
    );
  } else {
    w.traceRing?.push(TRACE_KTHREAD, k.traceAt, k.cpu, k.pid, k.entry.mapId, k.traceProcessed, k.traceDrops, k.traceSched);
  }
}
