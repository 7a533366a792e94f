/**
 * Real-time pacing of the simulation, free of timers and globals so it can be tested with fake
 * clocks: simulated time follows wall time times a speed factor, each tick's engine work is cut
 * off after a wall budget, and the speed actually achieved is measured over the last second.
 *
 * Speeds are simulated nanoseconds per wall second: 1 (one simulated ns per second) up to 1e9
 * (real time), and Infinity (as fast as the engine can go).
 */

/** Wall milliseconds of engine work per tick: the worker must answer messages between ticks. */
export const TICK_BUDGET_MS = 10;
/**
 * Longest wall gap one tick may convert into simulated time. A worker that was stalled (a long
 * GC, a throttled tab) resumes where it was instead of leaping ahead; the loss shows up as a
 * lower measured speed, which is the truth.
 */
export const MAX_WALL_STEP_MS = 250;
/** The measured speed covers this much wall time. */
export const SPEED_WINDOW_MS = 1000;
/** Shorter windows are too noisy to judge by (the first ticks after play). */
export const MIN_JUDGE_WINDOW_MS = 250;
/** Behind when achieving less than this fraction of the requested speed... */
export const BEHIND_RATIO = 0.9;
/** ...for longer than this. */
export const BEHIND_AFTER_MS = 500;
/** Each engine call should take about this long, so the budget check is never far off. */
export const CHUNK_TARGET_MS = 1;
/** Bounds of the simulated span of one engine call. */
export const MIN_CHUNK_NS = 10;
export const MAX_CHUNK_NS = 1e9;
/** Real time: one simulated second per wall second. */
export const REAL_TIME = 1e9;

/** What the pacer drives: the engine's clock and its run-to-time call. */
export interface PacedSim {
  /** Current simulated time (ns). */
  now(): number;
  /** Runs the simulation up to simulated time `t` (it may stop a little past `t`). */
  runUntil(t: number): void;
}

/** What one tick did. */
export interface TickOutcome {
  /** The simulated time this tick aimed for (Infinity at "as fast as possible"). */
  target: number;
  /** Simulated ns advanced. */
  advancedNs: number;
  /** Wall ms spent in the engine. */
  workMs: number;
  /** The target was reached (false: the budget ran out first). */
  reached: boolean;
  /** Engine calls made. */
  chunks: number;
}

interface Sample {
  wall: number;
  sim: number;
}

/**
 * Paces one simulation. Call `start` on play, `tick` on every timer tick while playing, `stop` on
 * pause, and `restartMeasure` whenever simulated time jumps for another reason (load, reset, step).
 */
export class Pacer {
  /** Requested speed (simulated ns per wall second; Infinity: as fast as possible). */
  speed: number;
  /** Speed achieved over the last second (0 while stopped). */
  actualSpeed = 0;
  /** The requested speed has not been achieved for more than BEHIND_AFTER_MS. */
  behind = false;
  /** Simulated ns per engine call, adapted so that a call takes about CHUNK_TARGET_MS. */
  chunkNs = 1000;
  private lastWall: number | null = null;
  private samples: Sample[] = [];
  private behindSince: number | null = null;

  constructor(speed: number) {
    this.speed = checkSpeed(speed);
  }

  /** Whether the pacer is running (between `start` and `stop`). */
  get started(): boolean {
    return this.lastWall !== null;
  }

  /** Begins pacing from wall time `wallMs` and simulated time `simNs`. */
  start(wallMs: number, simNs: number): void {
    this.lastWall = wallMs;
    this.restartMeasure(wallMs, simNs);
  }

  /** Stops pacing: nothing is achieved while paused, and nothing is behind. */
  stop(): void {
    this.lastWall = null;
    this.samples = [];
    this.actualSpeed = 0;
    this.behind = false;
    this.behindSince = null;
  }

  /** Changes the requested speed; the measurement starts afresh so old speeds do not blur it. */
  setSpeed(speed: number, wallMs: number, simNs: number): void {
    this.speed = checkSpeed(speed);
    if (this.started) this.restartMeasure(wallMs, simNs);
  }

  /** Forgets the measured speed (simulated time jumped: load, reset, step). */
  restartMeasure(wallMs: number, simNs: number): void {
    this.samples = this.started ? [{ wall: wallMs, sim: simNs }] : [];
    // Until a window is measured, report the request (Infinity has no meaningful stand-in).
    this.actualSpeed = this.started && this.speed !== Infinity ? this.speed : 0;
    this.behind = false;
    this.behindSince = null;
  }

  /**
   * The simulated time to reach in a tick at `wallMs`: the wall time since the previous tick
   * (at most MAX_WALL_STEP_MS) times the speed, from the current simulated time. Starting from
   * the current time (not from a fixed origin) means a tick that fell short is not made up later:
   * debt never piles up, and the shortfall is visible in the measured speed instead.
   */
  target(wallMs: number, simNs: number): number {
    const last = this.lastWall ?? wallMs;
    const dt = Math.min(Math.max(wallMs - last, 0), MAX_WALL_STEP_MS);
    this.lastWall = wallMs;
    if (this.speed === Infinity) return Infinity;
    return simNs + (this.speed * dt) / 1000;
  }

  /**
   * Runs `sim` towards `target` in chunks until it is reached or `budgetMs` of wall time (read
   * from `clock`) is spent.
   */
  run(sim: PacedSim, clock: () => number, target: number, budgetMs = TICK_BUDGET_MS): TickOutcome {
    const start = clock();
    const from = sim.now();
    let chunks = 0;
    let now = start;
    while (sim.now() < target && now - start < budgetMs) {
      const before = sim.now();
      const to = Math.min(target, before + this.chunkNs);
      const t0 = now;
      sim.runUntil(to);
      chunks++;
      now = clock();
      this.adapt(sim.now() - before, now - t0);
    }
    return { target, advancedNs: sim.now() - from, workMs: now - start, reached: sim.now() >= target, chunks };
  }

  /** One whole tick at `wallMs`: target (never beyond `limit`), run, measure. */
  tick(wallMs: number, sim: PacedSim, clock: () => number, budgetMs = TICK_BUDGET_MS, limit = Infinity): TickOutcome {
    const outcome = this.run(sim, clock, Math.min(this.target(wallMs, sim.now()), limit), budgetMs);
    this.measure(clock(), sim.now());
    return outcome;
  }

  /** Records where simulated time stands at `wallMs` and updates `actualSpeed` and `behind`. */
  measure(wallMs: number, simNs: number): void {
    if (!this.started) return;
    const s = this.samples;
    s.push({ wall: wallMs, sim: simNs });
    // Keep one sample at or beyond the window's start, so the window always spans a full second.
    while (s.length > 2 && wallMs - s[1].wall >= SPEED_WINDOW_MS) s.shift();
    const oldest = s[0];
    const span = wallMs - oldest.wall;
    if (span <= 0) return;
    this.actualSpeed = ((simNs - oldest.sim) * 1000) / span;
    if (this.speed === Infinity || span < MIN_JUDGE_WINDOW_MS) {
      this.behindSince = null;
      this.behind = false;
      return;
    }
    if (this.actualSpeed < BEHIND_RATIO * this.speed) {
      this.behindSince ??= wallMs;
      this.behind = wallMs - this.behindSince > BEHIND_AFTER_MS;
    } else {
      this.behindSince = null;
      this.behind = false;
    }
  }

  /**
   * Sizes the next chunk from the engine's throughput in the last one: too small and the per-call
   * overhead dominates, too big and one call overruns the budget. Changes are limited to a factor
   * of 4 per call because the load can change suddenly (a map operation, a burst).
   */
  private adapt(advancedNs: number, tookMs: number): void {
    let next: number;
    if (tookMs < CHUNK_TARGET_MS / 20) next = this.chunkNs * 4;
    else next = (advancedNs * CHUNK_TARGET_MS) / tookMs;
    next = Math.min(Math.max(next, this.chunkNs / 4), this.chunkNs * 4);
    this.chunkNs = Math.min(Math.max(next, MIN_CHUNK_NS), MAX_CHUNK_NS);
  }
}

function checkSpeed(speed: number): number {
  if (!(speed > 0)) throw new RangeError(`speed must be positive (simulated ns per wall second), got ${speed}`);
  return speed;
}
