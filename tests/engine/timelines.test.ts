/**
 * Invariants under load: long random timelines (offered-load changes, updates with new qsizes,
 * deletes and re-adds, frees and re-creates, failslab, RX interrupt moves) run at random pacer
 * speeds, checked after every step: every frame is accounted for, no refcount goes negative,
 * nothing is enqueued into a freed entry, no kthread exits with frames in its ring, and the entry
 * lifecycle machine accepted every event. A failure prints the explorer link that replays it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../src/engine/engine';
import { serializeScenario } from '../../src/scenario/serialize';
import type { MapOpSpec, Scenario } from '../../src/scenario/types';
import { engineFingerprint, expectSame } from './arbitraries';
import { scenarioOf } from './helpers';
import { caseLink, stepEnds, timelineCaseArb, type TimelineCase } from './timelineCase';

/** Cases, and the seed that fixes them. */
const NUM_RUNS = 100;
const REPLAY_RUNS = 12;
const SEED = 0x5ca1ab1e;
/** At most this many runUntil steps (each followed by the checks) per case. */
const MAX_STEPS = 2500;

/** What is wrong with the machine now, beyond the engine's own violations (empty when nothing is). */
function problemsNow(e: Engine): string[] {
  const out = [...e.check()];
  const t = e.frameTotals();
  const terminal = t.nicDropped + t.xdpDropped + t.redirectErr + t.ringFull + t.stackDropped + t.delivered;
  if (t.offered !== terminal + t.inFlight) out.push(`offered ${t.offered} != terminal ${terminal} + in flight ${t.inFlight}`);
  for (const entry of e.entries) {
    const name = entry.lifecycle.label;
    if (entry.refcnt < 0) out.push(`${name}: refcnt ${entry.refcnt}`);
    if (entry.bulkqFreed && entry.bqTotal !== 0) out.push(`${name}: ${entry.bqTotal} frames in bulk queues freed by __cpu_map_entry_free`);
    const k = entry.kthread;
    if (k !== undefined && k.state === 'exited' && entry.lifecycle.state !== 'leaked') {
      if (entry.ring.count !== 0) out.push(`${name}: its kthread exited with ${entry.ring.count} frames in the ring`);
      if (entry.lifecycle.state !== 'freed') out.push(`${name}: its kthread exited but its lifecycle is "${entry.lifecycle.state}"`);
    }
  }
  // NAPI_STATE_SCHED: a queue is polled by one CPU at a time, the one whose poll list it is on.
  for (const cpu of e.world.cpus) {
    const q = cpu.pollQueue;
    if (q !== null && q.cpu !== cpu.id) out.push(`RX queue ${q.index} polled on CPU ${cpu.id} while its NAPI is on CPU ${q.cpu}`);
  }
  return out;
}

interface RunStats {
  steps: number;
  ops: number;
  byHand: number;
  frames: number;
}

/** A case's engine, run step by step with its hand-made ops done between steps; `afterStep` sees each step. */
function runSteps(
  c: TimelineCase,
  afterStep: (e: Engine, step: number, of: number, link: () => string) => void,
): { e: Engine; replay: Scenario } {
  const scenario = scenarioOf(c.query);
  const timed = scenario.ops.filter((_, i) => !c.byHand[i]);
  const hand = scenario.ops.filter((_, i) => c.byHand[i]);
  const e = new Engine({ ...scenario, ops: timed });
  // Hand-made ops as the explorer's link records them: at the time they were done, after the
  // timed ones of that time (a stable sort keeps the timed ones first).
  const done: MapOpSpec[] = [];
  const replay = (): Scenario => ({ ...scenario, ops: [...timed, ...done].sort((a, b) => a.at - b.at) });
  const ends = stepEnds(c, MAX_STEPS);
  let next = 0;
  for (const [i, end] of ends.entries()) {
    e.runUntil(end);
    for (; next < hand.length && hand[next].at <= end; next++) {
      e.applyHandOp(hand[next]);
      done.push({ ...hand[next], at: end });
    }
    afterStep(e, i, ends.length, () => caseLink(replay(), end));
  }
  return { e, replay: replay() };
}

/** Runs one case step by step, asserting after every step; the message of a failure is a link that replays it. */
function runCase(c: TimelineCase, stats: RunStats): void {
  let from = 0;
  const { e, replay } = runSteps(c, (engine, i, of, link) => {
    const end = engine.now;
    const problems = problemsNow(engine);
    if (problems.length > 0)
      expect.fail(`step ${i + 1} of ${of} (${from} ns to ${end} ns) left:\n  ${problems.join('\n  ')}\nreplay: ${link()}`);
    from = end;
  });
  // Every item of the timeline ran (the create and the initial entries come first).
  const due = replay.ops.filter((op) => op.at <= c.durationNs).length;
  expect(e.ops.length, caseLink(replay, c.durationNs)).toBe(1 + (e.createResult.result === '0' ? replay.entries.length : 0) + due);
  stats.steps += stepEnds(c, MAX_STEPS).length;
  stats.ops += due;
  stats.byHand += e.handOpsApplied;
  stats.frames += e.world.acct.offered;
}

describe('invariants under load: long random timelines at random speeds', () => {
  it(`hold after every step of ${NUM_RUNS} timelines`, () => {
    const stats: RunStats = { steps: 0, ops: 0, byHand: 0, frames: 0 };
    let runs = 0;
    fc.assert(
      fc.property(timelineCaseArb, (c) => {
        runs++;
        runCase(c, stats);
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    console.log(
      `${runs} random timelines (seed 0x${SEED.toString(16)}): ${stats.ops} ops items (${stats.byHand} by hand between steps), ` +
        `${stats.steps} steps checked, ${(stats.frames / 1e6).toFixed(1)}M frames offered`,
    );
  }, 300_000);

  it(`replay exactly from their link, hand-made ops included (${REPLAY_RUNS} timelines)`, () => {
    fc.assert(
      fc.property(timelineCaseArb, (c) => {
        const { e, replay } = runSteps(c, () => {});
        const again = new Engine(scenarioOf(serializeScenario(replay)));
        again.runUntil(c.durationNs);
        expectSame(engineFingerprint(again), engineFingerprint(e), caseLink(replay, c.durationNs));
      }),
      { numRuns: REPLAY_RUNS, seed: SEED + 1 },
    );
  }, 300_000);
});
