import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { parseScenario } from '../scenario/parse';
import { serializeScenario } from '../scenario/serialize';
import type { MapOpSpec } from '../scenario/types';
import { StatsSampler, type StatsSample } from './statsSampler';
import { Timeline, type RunState } from './timeline';

const MS = 1e6;
/** Load on two remote CPUs with a timed delete: checkpoints land before, during and after teardown. */
const QUERY = 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=10ms:delete:4';

function newState(query: string): RunState {
  const engine = new Engine(parseScenario(query).scenario);
  const sampler = new StatsSampler(MS);
  sampler.reset(engine);
  return { engine, sampler };
}

const runTo = (s: RunState, t: number) => s.sampler.runUntil(s.engine, t);

/** Runs `state` to `t` in 1 ms slices, each said to cost `wallMs`, collecting the samples. */
function play(timeline: Timeline, state: RunState, t: number, wallMs = 5): StatsSample[] {
  const out: StatsSample[] = [];
  while (state.engine.now < t) {
    runTo(state, Math.min(t, Math.floor(state.engine.now / MS + 1) * MS));
    out.push(...state.sampler.drain());
    timeline.advanced(state, wallMs);
  }
  return out;
}

/** What can be observed of a run: counters, frame buckets, entries and their lifecycles, map ops. */
function fingerprint(e: Engine): string {
  const c = e.world.counters;
  return JSON.stringify({
    now: e.now,
    totals: e.frameTotals(),
    counters: [c.enqProcessed, c.enqDrops, c.kthProcessed, c.kthDrops, c.kthSched, c.rxProcessed, c.redirectErr].map((a) => Array.from(a)),
    entries: e.entries.map((x) => [x.uid, x.cpu, x.refcnt, x.lifecycle.state, x.lifecycle.history.map((h) => [h.atNs, h.event])]),
    ops: e.ops.map((o) => [o.at, o.op, o.key, o.result, o.value]),
    log: e.world.log.map((l) => [l.at, l.text]),
  });
}

const update = (key: number, qsize: number): MapOpSpec => ({ at: 0, op: 'update', key, qsize, flags: 0 });

describe('Timeline', () => {
  it('going back and playing forward again repeats the first pass exactly, hand-made operations included', () => {
    const timeline = new Timeline({ everyWallMs: 12, budgetBytes: 1e9, denseNs: 1e9 });
    let state = newState(QUERY);
    timeline.start(state);
    const first = play(timeline, state, 6 * MS);
    timeline.applyHandOp(state, update(6, 64));
    first.push(...play(timeline, state, 14 * MS));
    timeline.applyHandOp(state, { at: 0, op: 'delete', key: 5 });
    first.push(...play(timeline, state, 30 * MS));
    const want = fingerprint(state.engine);
    expect(timeline.furthest).toBe(30 * MS);
    expect(timeline.stats().count).toBeGreaterThan(5);

    for (const back of [0, 3.2 * MS, 6 * MS, 9.999 * MS, 12.345678 * MS, 14 * MS, 29.5 * MS]) {
      state = timeline.seek(state, back, runTo);
      expect(state.engine.now).toBe(back);
      state.sampler.drain();
      const again = play(timeline, state, 30 * MS);
      expect(fingerprint(state.engine), `from ${back} ns`).toBe(want);
      // The samples after the point gone back to are those of the first pass, boundaries included.
      const after = (samples: StatsSample[]) => samples.filter((s) => s.endNs > back);
      expect(after(again).length).toBe(Math.ceil((30 * MS - back) / MS));
      expect(after(again)).toEqual(after(first));
    }
  });

  it('a map operation after going back forks the run, and the forked run is the one its link replays', () => {
    const timeline = new Timeline({ everyWallMs: 12, budgetBytes: 1e9, denseNs: 1e9 });
    let state = newState(QUERY);
    timeline.start(state);
    play(timeline, state, 8 * MS);
    timeline.applyHandOp(state, update(6, 64));
    play(timeline, state, 20 * MS);
    timeline.applyHandOp(state, { at: 0, op: 'delete', key: 6 });
    play(timeline, state, 30 * MS);

    state = timeline.seek(state, 15 * MS, runTo);
    const { fork } = timeline.applyHandOp(state, update(7, 32));
    expect(fork).toEqual({ at: 15 * MS, discardedOps: 1 });
    expect(timeline.furthest).toBe(15 * MS);
    expect(Math.max(...timeline.checkpointTimes())).toBeLessThanOrEqual(15 * MS);
    expect(timeline.stats().handOps).toBe(2);
    play(timeline, state, 30 * MS);

    // The link: the scenario's ops plus the branch's hand-made ones at the times they were done.
    const { scenario } = parseScenario(QUERY);
    const ops = [...scenario.ops, { ...update(6, 64), at: 8 * MS }, { ...update(7, 32), at: 15 * MS }].sort((a, b) => a.at - b.at);
    const replay = new Engine(parseScenario(serializeScenario({ ...scenario, ops }, 'short')).scenario);
    replay.runUntil(30 * MS);
    expect(fingerprint(state.engine)).toBe(fingerprint(replay));
    // The discarded delete of key 6 at 20 ms did not happen on this branch.
    expect(state.engine.ops.some((o) => o.op === 'delete' && o.key === 6)).toBe(false);
  });

  it('keeps its checkpoints within the memory budget, keeps the first and the latest, and stays exact', () => {
    const probe = newState(QUERY);
    const one = new Timeline();
    one.start(probe);
    const size = one.stats().bytes;
    // Room for the first checkpoint, the one before the dense window, the 5 in it, and one more.
    const timeline = new Timeline({ everyWallMs: 1, budgetBytes: 8 * size, denseNs: 5 * MS });
    let state = newState(QUERY);
    timeline.start(state);
    play(timeline, state, 40 * MS);
    const want = fingerprint(state.engine);
    const { count, bytes } = timeline.stats();
    expect(bytes).toBeLessThanOrEqual(8 * size * 1.1);
    expect(count).toBeGreaterThanOrEqual(3);
    const times = timeline.checkpointTimes();
    expect(times[0]).toBe(0);
    expect(times[times.length - 1]).toBe(40 * MS);
    // Recent checkpoints are kept closer together than old ones: the last 5 ms keep one per ms.
    expect(times[times.length - 1] - times[times.length - 2]).toBeLessThan(times[1] - times[0]);
    expect(times.filter((t) => t >= 35 * MS)).toEqual([35, 36, 37, 38, 39, 40].map((t) => t * MS));
    state = timeline.seek(state, 7 * MS, runTo);
    play(timeline, state, 40 * MS);
    expect(fingerprint(state.engine)).toBe(want);
  });

  it('steps back to the start of the last step by a unit', () => {
    const timeline = new Timeline({ everyWallMs: 3, budgetBytes: 1e9, denseNs: 1e9 });
    const state = newState(QUERY);
    timeline.start(state);
    play(timeline, state, 5 * MS);
    const polls: number[] = [];
    const stepPoll = (s: RunState): boolean => {
      const before = s.engine.world.polls;
      return s.engine.stepUntil(() => s.engine.world.polls > before, s.engine.now + 1e9);
    };
    // Where forward poll steps stop, from a restored copy of the latest checkpoint.
    const copy = timeline.seek(newState(QUERY), 4 * MS, runTo);
    while (copy.engine.now < 5 * MS) {
      stepPoll(copy);
      if (copy.engine.now < 5 * MS) polls.push(copy.engine.now);
    }
    expect(polls.length).toBeGreaterThan(0);
    expect(timeline.previousStop(5 * MS, stepPoll)).toBe(polls[polls.length - 1]);
  });
});
