/**
 * The driver's NAPI poll with the XDP program: up to 64 frames per poll, each run through the
 * program, which drops it or redirects it into the cpumap (cpu_map_enqueue -> bq_enqueue and
 * __cpu_map_insert_ctx; from 5.3 bq_enqueue puts the bulk queue on the CPU's flush list instead);
 * at the end of the poll xdp_do_flush_map calls __cpu_map_flush.
 * Without a program attached, the driver builds SKBs itself and the stack runs on this CPU.
 *
 * The poll is resumable: it yields before an action that other CPUs can observe (a bulk flush
 * into a remote ring) whenever another agent has an earlier event, and before any map operation
 * due meanwhile, so every shared action happens in global time order.
 */
import { POLICY_CPU, POLICY_HASH, type World } from '../world';
import type { Cpu } from './cpu';
import type { NicQueue } from './nicQueue';
import { COST, KERNEL } from '../sim/costModel';
import { bqAppend, bqEnqueueListAdd, bqFlushToQueue, cpuMapFlush, cpuMapInsertCtx } from './bulkq';
import { bookStackVerdicts, stackCost } from './netstack';
import { TRACE_REDIRECT_ERR } from './tracepoints';
import type { CpuMapEntry } from './entry';
import type { CpuMap } from './cpumap';
import { napiFollowIrq } from './irqAffinity';
import { i40eUpdateEnableItr } from './i40eItr';
import { i40eRxPageNeedsAlloc } from './i40ePageReuse';
import { PLACE_BQ, PLACE_DELIVERED, PLACE_REDIRECT_ERR, PLACE_STACK_DROP, PLACE_XDP, PLACE_XDP_DROP, place } from '../moves';
import { EV_POLL } from '../eventLog';
import { cpuMapGenericRedirect, GENERIC_REDIRECT_NS } from './genericXdp';

/** Starts a poll of `q` on `cpu` at `now`; returns when the poll's fixed overhead is done. */
export function napiPollStart(w: World, cpu: Cpu, q: NicQueue, now: number): number {
  if (!q.napiScheduled) q.lastIrq = q.irqAt - COST.irqToPoll;
  q.napiScheduled = true;
  q.irqAt = Infinity;
  cpu.pollQueue = q;
  cpu.pollBudget = KERNEL.napiBudget;
  // The driver reads its XDP program once per poll (READ_ONCE(rx_ring->xdp_prog)); the program
  // names its map, so the whole poll redirects into that map even if another is attached meanwhile.
  cpu.pollProg = w.prog;
  cpu.pollRedirected = false;
  cpu.inPoll = true;
  w.polls++;
  return now + COST.napiPoll;
}

/** CPU time of one frame the program redirects, up to bq_enqueue. */
const REDIRECT_NS = COST.driverRx + COST.xdpProg + COST.redirectEnqueue + COST.xdpFrameStore;
const XDP_DROP_NS = COST.driverRx + COST.xdpProg + COST.xdpDropRecycle;
const REDIRECT_ERR_NS = COST.driverRx + COST.xdpProg + COST.redirectError;
/** Generic XDP (`mode=skb`): the program runs on an SKB the driver built (see genericXdp.ts). */
const GENERIC_PROG_NS = COST.driverRx + COST.driverBuildSkb + COST.genericXdpSkb + COST.xdpProg;
const GENERIC_DROP_NS = GENERIC_PROG_NS + COST.xdpDropRecycle;
const GENERIC_ERR_NS = GENERIC_PROG_NS + COST.redirectError;
const BULK = KERNEL.bulkSize;
const NO_TARGETS: readonly number[] = [];
const NO_ITERATOR = new Int32Array(0);

/**
 * Runs the current poll from `now` until it ends or must yield. Returns the time the CPU is
 * next free; `cpu.pollQueue` is null once the poll has ended.
 *
 * Hot path: per-frame state lives in locals and typed arrays, and bq_enqueue's common case (room
 * in the bulk queue) is written out here; the kernel functions it stands for are named inline.
 */
export function napiPollRun(w: World, cpu: Cpu, now: number): number {
  const q = cpu.pollQueue as NicQueue;
  // The end-of-poll flush resumes where it yielded.
  if (cpu.flushCursor >= 0) return pollEnd(w, cpu, q, now);
  const acct = w.acct;
  const pool = w.pool;
  const id = cpu.id;
  const dropFraction = w.scenario.drop;
  // Map operations are control events: the poll yields before any is due (and at the end of the
  // run), so these stay valid.
  const controlAt = Math.min(w.control.nextTime(), w.limit);
  const prog = cpu.pollProg;
  const map = prog === null ? null : prog.map;
  const policy = w.progPolicy;
  const targets = prog === null ? NO_TARGETS : prog.targets;
  const rr = prog === null ? NO_ITERATOR : prog.rrIterator;
  const hashKeys = prog !== null && policy === POLICY_HASH ? prog.hashKeyByFlow() : NO_ITERATOR;
  const nTargets = targets.length;
  const moves = w.moves;
  const arrivals = q.arrivals;
  const descBase = q.descBase;
  const halfHolder = pool.halfHolder;
  // The pool's per-frame arrays are replaced when it grows, which only a receive can make it do.
  let flowOf = pool.flow;
  let heldHalf = pool.heldHalf;
  let budget = cpu.pollBudget;
  let seen = 0;
  // Keys below 31 whose flush_needed bit this call has set: no other CPU clears a bit meanwhile.
  let inserted = 0;
  // 5.3+: bq_enqueue puts the bulk queue on the flush list instead of marking a bitmap bit.
  const flushList = w.switches.flushList;
  const generic = w.genericXdp;
  const dropNs = generic ? GENERIC_DROP_NS : XDP_DROP_NS;
  const redirectErrNs = generic ? GENERIC_ERR_NS : REDIRECT_ERR_NS;

  // A frame whose bq_enqueue yielded before its flush resumes first.
  if (cpu.pendingFrame >= 0) {
    const f = cpu.pendingFrame;
    const entry = cpu.pendingEntry as CpuMapEntry;
    cpu.pendingFrame = -1;
    cpu.pendingEntry = null;
    if (generic) now += cpuMapGenericRedirect(w, entry, id, f, cpu.pendingKey, now);
    else {
      now += bqFlushToQueue(w, entry, id, now, id);
      bqAppend(w, entry, id, f);
      cpu.pollRedirected = true;
      if (flushList) bqEnqueueListAdd(entry, id);
      else cpuMapInsertCtx(map as CpuMap, id, cpu.pendingKey);
    }
  }
  while (budget > 0) {
    if (now >= controlAt) break;
    if (q.count === 0 || arrivals.next <= now) {
      q.receiveUntil(now, pool, acct, moves);
      flowOf = pool.flow;
      heldHalf = pool.heldHalf;
    }
    if (q.count === 0) {
      cpu.pollBudget = budget;
      w.counters.rxProcessed[id] += seen;
      return pollEnd(w, cpu, q, now);
    }
    // i40e_can_reuse_rx_page reads a page count that the kthread's CPU changes when it frees a
    // frame: while this descriptor's other half is out, earlier events of other CPUs run first
    // (once: a resumed check goes ahead even if another CPU is due at the same time).
    const desc = descBase + q.nextDesc;
    if (halfHolder[desc] >= 0 && !cpu.pageCheckResumed && now >= w.horizon()) {
      cpu.pageCheckResumed = true;
      break;
    }
    if (cpu.pageCheckResumed) cpu.pageCheckResumed = false;
    const f = q.take();
    budget--;
    seen++;
    if (i40eRxPageNeedsAlloc(halfHolder, heldHalf, desc, f)) now += COST.rxPageAlloc;
    if (moves !== null) moves.record(f, flowOf[f], place(PLACE_XDP, id), now);
    if (prog === null) {
      // No XDP program: the driver builds an SKB and the stack runs here.
      bookStackVerdicts(acct, w.stackDrops, w.stackNetRxDrop, 1);
      now += COST.driverRx + COST.driverBuildSkb + stackCost(w.scenario.stack);
      if (moves !== null) moves.record(f, flowOf[f], place(w.stackDrops ? PLACE_STACK_DROP : PLACE_DELIVERED, id), now);
      pool.release(f);
      continue;
    }
    if (dropFraction > 0 && cpu.progUniform() < dropFraction) {
      acct.xdpDropped++;
      w.counters.rxDropped[id]++;
      now += dropNs;
      if (moves !== null) moves.record(f, flowOf[f], place(PLACE_XDP_DROP, id), now);
      pool.release(f);
      continue;
    }
    // The program picks a key: fixed, flow hash, or its per-CPU round-robin iterator.
    let key: number;
    if (policy === POLICY_CPU) key = w.progFixedKey;
    else if (nTargets === 0) key = -1;
    else if (policy === POLICY_HASH) key = hashKeys[flowOf[f]];
    else {
      const i = rr[id];
      rr[id] = i + 1 >= nTargets ? 0 : i + 1;
      key = targets[i % nTargets];
    }
    // bpf_redirect_map -> __cpu_map_lookup_elem
    const entry = key >= 0 ? (map as CpuMap).lookup(key) : null;
    if (entry === null) {
      if (moves !== null) moves.record(f, flowOf[f], place(key < 0 ? PLACE_XDP_DROP : PLACE_REDIRECT_ERR, id), now + redirectErrNs);
      pool.release(f);
      if (key < 0) {
        // XDP_ABORTED: no CPU to pick; the frame is dropped with an xdp_exception.
        acct.xdpDropped++;
        w.counters.exception[id]++;
      } else {
        acct.redirectErr++;
        w.counters.redirectErr[id]++;
        w.traceRing?.push(TRACE_REDIRECT_ERR, now, id, 0, (map as CpuMap).id, 1, 0, key);
      }
      now += redirectErrNs;
      continue;
    }
    if (generic) {
      // xdp_do_generic_redirect: the SKB goes to the ring now, a remote action, so earlier events
      // of other CPUs run first. No bulk queue: the poll's end has nothing to flush.
      now += GENERIC_REDIRECT_NS;
      pool.releaseHalf(f);
      if (now >= w.horizon()) {
        parkFrame(w, cpu, id, f, entry, key, budget, seen);
        return now;
      }
      now += cpuMapGenericRedirect(w, entry, id, f, key, now);
      continue;
    }
    now += REDIRECT_NS;
    // cpu_map_enqueue -> bq_enqueue: a full bulk is flushed first (bq_flush_to_queue). The flush
    // touches the remote ring, so earlier events of other CPUs must run before it.
    if (entry.bqCount[id] === BULK) {
      if (now >= w.horizon()) {
        parkFrame(w, cpu, id, f, entry, key, budget, seen);
        return now;
      }
      now += bqFlushToQueue(w, entry, id, now, id);
    }
    bqAppend(w, entry, id, f);
    cpu.pollRedirected = true;
    if (moves !== null) moves.record(f, flowOf[f], place(PLACE_BQ, entry.uid * 256 + id), now);
    // __cpu_map_insert_ctx (5.0, 5.2), or bq_enqueue's list_add (5.3+)
    if (flushList) bqEnqueueListAdd(entry, id);
    else if (key >= 31) cpuMapInsertCtx(map as CpuMap, id, key);
    else if ((inserted & (1 << key)) === 0) {
      cpuMapInsertCtx(map as CpuMap, id, key);
      inserted |= 1 << key;
    }
  }
  cpu.pollBudget = budget;
  w.counters.rxProcessed[id] += seen;
  if (budget > 0) return now; // yielded to a map operation or before a page check
  return pollEnd(w, cpu, q, now);
}

/**
 * End of poll: xdp_do_flush_map, then napi_complete_done or stay scheduled. The flush may yield
 * to earlier events of other CPUs; the poll then ends when it resumes.
 */
/**
 * Parks frame `f` (bound for `entry`) where the poll stops: its next step touches a remote ring,
 * so earlier events of other CPUs run first; the poll resumes with it (napiPollRun).
 */
function parkFrame(w: World, cpu: Cpu, id: number, f: number, entry: CpuMapEntry, key: number, budget: number, seen: number): void {
  cpu.pendingFrame = f;
  cpu.pendingEntry = entry;
  cpu.pendingKey = key;
  cpu.pollBudget = budget;
  w.counters.rxProcessed[id] += seen;
}

function pollEnd(w: World, cpu: Cpu, q: NicQueue, now: number): number {
  const prog = cpu.pollProg;
  // The driver calls xdp_do_flush_map only after a poll in which xdp_do_redirect succeeded
  // (i40e's I40E_XDP_REDIR flag); a poll of drops and redirect errors leaves the bitmap alone.
  // https://elixir.bootlin.com/linux/v5.2/C/ident/xdp_do_flush_map
  if (prog !== null && cpu.pollRedirected) {
    now = cpuMapFlush(w, prog.map, cpu, now);
    if (cpu.flushCursor >= 0) return now;
  }
  cpu.inPoll = false;
  cpu.pollQueue = null;
  const polled = KERNEL.napiBudget - cpu.pollBudget;
  cpu.sessionFrames += polled;
  w.events?.push(EV_POLL, now, cpu.id, -1, q.index, polled);
  // i40e counts the frame's length as its descriptor reports it, without the FCS.
  q.itr.count(polled, w.scenario.size - 4);
  w.rcu.quiescent(cpu.id);
  if (cpu.pollBudget > 0) {
    // napi_complete_done, then i40e_update_enable_itr reprograms the throttle and unmasks.
    i40eUpdateEnableItr(q.itr, now);
    q.rearmIrq(COST.irqToPoll);
    napiFollowIrq(w, q);
  }
  return now;
}
