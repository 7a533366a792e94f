/**
 * Time travel for one run: periodic checkpoints of the engine and its statistics sampler, the
 * map operations done by hand on this branch of the run, and going back (or forward) to any
 * simulated time by restoring the latest checkpoint before it and replaying.
 *
 * Replays are exact: the engine is deterministic, slicing a run changes nothing, and the branch's
 * hand-made operations are scheduled again at the times they were done. Doing a map operation
 * before the furthest time reached forks the run: later checkpoints and hand-made operations are
 * discarded.
 *
 * Checkpoints are taken after a given amount of wall time spent simulating (so a replay from the
 * latest one costs about that much), and thinned, recent ones kept densest, to stay within a
 * memory budget.
 */
import type { Engine, OpRecord } from '../engine/engine';
import { restoreCheckpoint, takeCheckpoint, type Checkpoint as StateCheckpoint } from '../engine/checkpoint/checkpoint';
import type { MapOpSpec } from '../scenario/types';
import type { StatsSampler } from './statsSampler';

/** The engine and its sampler: what moves through simulated time together. */
export interface RunState {
  engine: Engine;
  sampler: StatsSampler;
}

export interface TimelineOptions {
  /** Wall time spent simulating between two checkpoints (ms). */
  everyWallMs: number;
  /** Most bytes the checkpoints may hold together. */
  budgetBytes: number;
  /** Simulated time before the furthest point where checkpoints are thinned last (ns). */
  denseNs: number;
}

export const DEFAULT_TIMELINE_OPTIONS: TimelineOptions = { everyWallMs: 20, budgetBytes: 64 * 1024 * 1024, denseNs: 1e9 };

type Checkpoint = StateCheckpoint<RunState>;

/** What a fork discarded. */
export interface Fork {
  at: number;
  /** Hand-made map operations after `at` that no longer happen. */
  discardedOps: number;
}

export class Timeline {
  private checkpoints: Checkpoint[] = [];
  /** Hand-made map operations on this branch, in the order done. */
  private handOps: MapOpSpec[] = [];
  /** Their results, in the same order (a replay after going back gives the same ones). */
  private handResults: OpRecord[] = [];
  /** The furthest simulated time this branch has reached. */
  furthest = 0;
  private wallSinceCheckpoint = 0;

  constructor(private readonly options: TimelineOptions = DEFAULT_TIMELINE_OPTIONS) {}

  /** A new run, at its current time (a freshly loaded engine). */
  start(state: RunState): void {
    this.checkpoints = [];
    this.handOps = [];
    this.handResults = [];
    this.furthest = state.engine.now;
    this.checkpoint(state);
  }

  /** The run moved forward, costing `wallMs` of simulation: maybe take a checkpoint. */
  advanced(state: RunState, wallMs: number): void {
    const now = state.engine.now;
    if (now > this.furthest) this.furthest = now;
    this.wallSinceCheckpoint += wallMs;
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (this.wallSinceCheckpoint >= this.options.everyWallMs && (last === undefined || now > last.at)) this.checkpoint(state);
  }

  /**
   * A map operation done by hand now. Before the furthest time reached, it forks the run: the
   * returned Fork says what was discarded.
   */
  applyHandOp(state: RunState, op: MapOpSpec): { record: OpRecord; fork: Fork | null } {
    const engine = state.engine;
    const now = engine.now;
    let fork: Fork | null = null;
    if (now < this.furthest) {
      const keep = this.handOps.map((o) => o.at <= now);
      const kept = this.handOps.filter((_, i) => keep[i]);
      fork = { at: now, discardedOps: this.handOps.length - kept.length };
      this.handOps = kept;
      this.handResults = this.handResults.filter((_, i) => keep[i]);
      this.checkpoints = this.checkpoints.filter((c) => c.at <= now);
      engine.dropHandOpsAfter(now);
      this.furthest = now;
    }
    const record = engine.applyHandOp(op);
    this.handOps.push({ ...op, at: now });
    this.handResults.push(record);
    return { record, fork };
  }

  /**
   * The run at simulated time `t` (0 <= t <= furthest), with every map operation due at `t`
   * applied. `runTo` moves a state forward (the caller's way, which samples statistics); the
   * returned state may be the given one moved forward or a restored checkpoint.
   */
  seek(state: RunState, t: number, runTo: (state: RunState, t: number) => void): RunState {
    const target = Math.min(Math.max(0, t), this.furthest);
    const base = this.latestAtOrBefore(target);
    const live = state.engine.now <= target && (base === undefined || base.at <= state.engine.now);
    const next = live ? state : this.restore(base ?? this.checkpoints[0], state.sampler.interval);
    runTo(next, target);
    next.engine.runOpsDueNow();
    return next;
  }

  /**
   * Where stepping backwards from `t` lands: the last time before `t` at which stepping forward
   * from the latest checkpoint before `t` stopped (`stepOnce` steps a restored state by the unit
   * and returns false when it could not), or that checkpoint itself.
   */
  previousStop(t: number, stepOnce: (state: RunState) => boolean): number {
    for (let i = this.indexAtOrBefore(t - 1e-9); i >= 0; i--) {
      const cp = this.checkpoints[i];
      const state = this.restore(cp, cp.copy.sampler.interval);
      let last = -1;
      while (state.engine.now < t) {
        const before = state.engine.now;
        if (!stepOnce(state) || state.engine.now >= t || state.engine.now <= before) break;
        last = state.engine.now;
      }
      if (last >= 0) return last;
      if (cp.at < t) return cp.at;
    }
    return 0;
  }

  /** The results of the map operations done by hand on this branch, in the order done. */
  handMade(): OpRecord[] {
    return [...this.handResults];
  }

  /** Checkpoints held now, their bytes, and the hand-made operations on this branch. */
  stats(): { count: number; bytes: number; handOps: number; oldestNs: number } {
    let bytes = 0;
    for (const c of this.checkpoints) bytes += c.bytes;
    return { count: this.checkpoints.length, bytes, handOps: this.handOps.length, oldestNs: this.checkpoints[0]?.at ?? 0 };
  }

  /** Checkpoint times (for tests and the bench). */
  checkpointTimes(): number[] {
    return this.checkpoints.map((c) => c.at);
  }

  private checkpoint(state: RunState): void {
    this.wallSinceCheckpoint = 0;
    // A fresh root object: a restore writes back into it, never into the caller's.
    const cp: Checkpoint = takeCheckpoint({ engine: state.engine, sampler: state.sampler });
    const last = this.checkpoints[this.checkpoints.length - 1];
    if (last !== undefined && last.at === cp.at) this.checkpoints[this.checkpoints.length - 1] = cp;
    else this.checkpoints.push(cp);
    this.thin();
  }

  /**
   * Rewinds the run's objects to `cp`, with the branch's hand-made operations it has not seen
   * scheduled, and the sampler's samples of that time (already sent) dropped.
   */
  private restore(cp: Checkpoint, interval: number): RunState {
    const { engine, sampler } = restoreCheckpoint(cp);
    engine.dropHandOpsAfter(-Infinity);
    for (let i = engine.handOpsApplied; i < this.handOps.length; i++) engine.scheduleHandOp(this.handOps[i]);
    sampler.drain();
    if (sampler.interval !== interval) sampler.setInterval(interval, engine);
    return { engine, sampler };
  }

  private latestAtOrBefore(t: number): Checkpoint | undefined {
    const i = this.indexAtOrBefore(t);
    return i >= 0 ? this.checkpoints[i] : undefined;
  }

  private indexAtOrBefore(t: number): number {
    let lo = 0;
    let hi = this.checkpoints.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.checkpoints[mid].at <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /**
   * Over budget, drops the checkpoint whose loss costs least: the one whose neighbours are
   * closest together, with gaps weighed down by age (a replay far in the past may take longer).
   * Checkpoints in the dense window before the newest go only when nothing older is left, and
   * the first and the newest always stay.
   */
  private thin(): void {
    const cps = this.checkpoints;
    let bytes = 0;
    for (const c of cps) bytes += c.bytes;
    while (bytes > this.options.budgetBytes && cps.length > 2) {
      const newest = cps[cps.length - 1].at;
      // The last checkpoint before the dense window stays too: going back to the window's start
      // replays from there.
      const beforeDense = cps.findIndex((c) => newest - c.at < this.options.denseNs) - 1;
      // Interior checkpoints older than that one, if any; otherwise every interior one.
      const last = beforeDense >= 2 ? beforeDense - 1 : cps.length - 2;
      let best = 1;
      let bestScore = Infinity;
      for (let i = 1; i <= last; i++) {
        const gap = cps[i + 1].at - cps[i - 1].at;
        const age = 1 + (newest - cps[i].at) / 1e9;
        const score = gap / age;
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      }
      bytes -= cps[best].bytes;
      cps.splice(best, 1);
    }
  }
}
