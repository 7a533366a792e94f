/**
 * The driver's NAPI poll with the XDP program: up to 64 frames per poll, each run through the
 * program, which drops it or redirects it into the cpumap (cpu_map_enqueue -> bq_enqueue and
 * __cpu_map_insert_ctx); at the end of the poll xdp_do_flush_map calls __cpu_map_flush.
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
import { bqEnqueue, cpuMapFlush, cpuMapInsertCtx } from './bulkq';
import { hash32 } from '../sim/rng';
import { bookStackVerdicts, stackCost } from './netstack';
import { TRACE_REDIRECT_ERR } from './tracepoints';
import type { CpuMapEntry } from './entry';
import type { CpuMap } from './cpumap';

/** The key the XDP program redirects a frame of `flow` to, or -1 for XDP_ABORTED (no target). */
function pickKey(w: World, cpu: number, flow: number): number {
  const policy = w.progPolicy;
  if (policy === POLICY_CPU) return w.progFixedKey;
  const targets = w.progTargets;
  if (targets.length === 0) return -1;
  // Masked to 31 bits so the modulo stays in small-integer arithmetic.
  if (policy === POLICY_HASH) return targets[(hash32(flow) & 0x7fffffff) % targets.length];
  const i = w.rrIterator[cpu];
  w.rrIterator[cpu] = i + 1 >= targets.length ? 0 : i + 1;
  return targets[i % targets.length];
}

/** Starts a poll of `q` on `cpu` at `now`; returns when the poll's fixed overhead is done. */
export function napiPollStart(w: World, cpu: Cpu, q: NicQueue, now: number): number {
  if (!q.napiScheduled) q.lastIrq = q.irqAt - COST.irqToPoll;
  q.napiScheduled = true;
  q.irqAt = Infinity;
  cpu.pollQueue = q;
  cpu.pollBudget = KERNEL.napiBudget;
  // The driver reads its XDP program once per poll (READ_ONCE(rx_ring->xdp_prog)).
  cpu.pollProg = w.progAttached;
  cpu.inPoll = true;
  return now + COST.napiPoll;
}

/**
 * Runs the current poll from `now` until it ends or must yield. Returns the time the CPU is
 * next free; `cpu.pollQueue` is null once the poll has ended.
 */
export function napiPollRun(w: World, cpu: Cpu, now: number): number {
  const q = cpu.pollQueue as NicQueue;
  const acct = w.acct;
  const pool = w.pool;
  const counters = w.counters;
  const id = cpu.id;
  const dropFraction = w.scenario.drop;
  const controlAt = w.control.nextTime();
  // A frame whose enqueue was interrupted by a yield resumes first.
  if (cpu.pendingFrame >= 0) {
    const f = cpu.pendingFrame;
    cpu.pendingFrame = -1;
    now += enqueue(w, cpu, f, cpu.pendingEntry as CpuMapEntry, cpu.pendingKey, now);
    cpu.pendingEntry = null;
  }
  while (cpu.pollBudget > 0) {
    if (now >= controlAt) return now;
    if (q.count === 0 || q.arrivals.next <= now) q.receiveUntil(now, pool, acct);
    if (q.count === 0) break;
    const f = q.take();
    cpu.pollBudget--;
    counters.rxProcessed[id]++;
    if (!cpu.pollProg) {
      // No XDP program: the driver builds an SKB and the stack runs here.
      pool.release(f);
      bookStackVerdicts(acct, w.scenario.stack, 1);
      now += COST.driverRx + COST.driverBuildSkb + stackCost(w.scenario.stack);
      continue;
    }
    if (dropFraction > 0 && cpu.progUniform() < dropFraction) {
      pool.release(f);
      acct.xdpDropped++;
      counters.rxDropped[id]++;
      now += COST.driverRx + COST.xdpProg + COST.xdpDropRecycle;
      continue;
    }
    const key = pickKey(w, id, pool.flow[f]);
    const map = w.map;
    const entry = key >= 0 && map !== null ? map.lookup(key) : null;
    if (entry === null) {
      pool.release(f);
      if (key < 0) {
        // XDP_ABORTED: no CPU to pick; the frame is dropped with an xdp_exception.
        acct.xdpDropped++;
        counters.exception[id]++;
      } else {
        acct.redirectErr++;
        counters.redirectErr[id]++;
        w.traceRing?.push(TRACE_REDIRECT_ERR, now, id, 0, map?.id ?? 0, 1, 0, key);
      }
      now += COST.driverRx + COST.xdpProg + COST.redirectError;
      continue;
    }
    now += COST.driverRx + COST.xdpProg + COST.redirectEnqueue + COST.xdpFrameStore;
    if (entry.bqCount[id] === KERNEL.bulkSize && now >= w.horizon()) {
      // The flush inside bq_enqueue touches the remote ring: let earlier events run first.
      cpu.pendingFrame = f;
      cpu.pendingEntry = entry;
      cpu.pendingKey = key;
      return now;
    }
    now += enqueue(w, cpu, f, entry, key, now);
  }
  return pollEnd(w, cpu, q, now);
}

/**
 * cpu_map_enqueue -> bq_enqueue into the entry the program looked up (it stays valid for the
 * whole poll under RCU, even if the slot changes meanwhile), then __cpu_map_insert_ctx.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L622
 */
function enqueue(w: World, cpu: Cpu, f: number, entry: CpuMapEntry, key: number, now: number): number {
  const cost = bqEnqueue(w, entry, cpu.id, f, now);
  cpuMapInsertCtx(w.map as CpuMap, cpu.id, key);
  return cost;
}

/** End of poll: xdp_do_flush_map, then napi_complete_done or stay scheduled. */
function pollEnd(w: World, cpu: Cpu, q: NicQueue, now: number): number {
  const map = w.map;
  if (map !== null && cpu.pollProg) now += cpuMapFlush(w, map, cpu.id, now);
  cpu.inPoll = false;
  cpu.pollQueue = null;
  cpu.sessionFrames += KERNEL.napiBudget - cpu.pollBudget;
  w.rcu.quiescent(cpu.id);
  if (cpu.pollBudget > 0) q.rearmIrq(COST.irqToPoll, COST.rxItr);
  return now;
}
