/**
 * Shared helpers of the engine tests (not a test file itself).
 */
import { expect } from 'vitest';
import { Engine, type EngineOptions } from '../../src/engine/engine';
import { parseScenario } from '../../src/scenario/parse';
import type { Scenario } from '../../src/scenario/types';
import { MAX_CPUS } from '../../src/engine/kernel/limits';
import { KERNEL } from '../../src/engine/sim/costModel';
import { bqAppend, bqEnqueueListAdd, bqFlushToQueue, cpuMapFlush, cpuMapInsertCtx } from '../../src/engine/kernel/bulkq';
import type { CpuMap } from '../../src/engine/kernel/cpumap';
import type { CpuMapEntry } from '../../src/engine/kernel/entry';
import { deferClosure } from '../../src/engine/sim/deferred';

/** ns per ms / per s. */
export const MS = 1_000_000;
export const S = 1_000_000_000;

/** A scenario from its query string; the query must be clean (no problems). */
export function scenarioOf(query: string): Scenario {
  const { scenario, problems } = parseScenario(query);
  expect(problems, `problems in ${query}`).toEqual([]);
  return scenario;
}

/** An engine for a clean query. */
export function engineOf(query: string, options: EngineOptions = {}): Engine {
  return new Engine(scenarioOf(query), options);
}

/**
 * Adds no-op control-plane events every `every` ns up to `until`. Every CPU stops at a control
 * event (a NAPI poll yields to it, a step ends before it), so a test can sample the machine's
 * state at that granularity with runUntil.
 */
export function addHeartbeat(engine: Engine, until: number, every = 20_000): void {
  for (let t = every; t <= until + every; t += every)
    engine.world.control.push(
      t,
      'test heartbeat',
      deferClosure(() => {}),
    );
}

/** Index of the xdp_cpumap_enqueue counters for frames flushed on `from` towards `to`. */
export function enqIndex(from: number, to: number): number {
  return from * MAX_CPUS + to;
}

/** Sum of an enqueue counter array towards CPU `to`, over every flushing CPU. */
export function enqTo(arr: Float64Array, to: number): number {
  let n = 0;
  for (let from = 0; from < MAX_CPUS; from++) n += arr[enqIndex(from, to)];
  return n;
}

/**
 * bq_enqueue from RX CPU `cpu` at the current time: a full bulk is flushed into the ring first
 * (without waking the kthread), then the frame is appended; __cpu_map_insert_ctx marks the key.
 * The frame is a fresh one, counted as offered so the frame accounting stays exact.
 */
export function redirectFrame(engine: Engine, cpu: number, entry: CpuMapEntry): number {
  const w = engine.world;
  const f = w.pool.alloc(0, w.now, 0);
  w.acct.offered++;
  if (entry.bqCount[cpu] === KERNEL.bulkSize) bqFlushToQueue(w, entry, cpu, w.now, cpu);
  bqAppend(w, entry, cpu, f);
  if (w.switches.flushList) bqEnqueueListAdd(entry, cpu);
  else cpuMapInsertCtx(w.map as CpuMap, cpu, entry.cpu);
  return f;
}

/** __cpu_map_flush on `cpu` at the current time (the end of its NAPI poll). */
export function endOfPoll(engine: Engine, cpu: number): void {
  const w = engine.world;
  const c = w.cpus[cpu];
  // Nothing else runs here, so the flush never has to wait for another CPU.
  const limit = w.limit;
  w.limit = Infinity;
  cpuMapFlush(w, w.map as CpuMap, c, w.now);
  w.limit = limit;
  if (c.flushCursor >= 0) throw new Error('__cpu_map_flush did not finish');
}

/** No invariant violated, every offered frame accounted for, and none left in a ring at free. */
export function exact(e: Engine): void {
  const a = e.world.acct;
  expect(e.check()).toEqual([]);
  expect(a.offered).toBe(a.terminal() + e.inFlight());
  expect(a.ringCleanup).toBe(0);
}

/** Keys of the entries on CPU `cpu`'s flush list (5.3+), head (flushed first) first. */
export function listKeys(e: Engine, cpu: number): number[] {
  return [...e.world.map!.flushLists[cpu]].reverse().map((entry) => entry.cpu);
}
