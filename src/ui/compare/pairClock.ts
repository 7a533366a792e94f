/**
 * One simulated clock for several runs, each in its own worker. The page calls `tick` on every
 * display frame; the clock sends `runTo` to every run and sends the next one only when all have
 * answered, so no run gets ahead and the slowest sets the pace. Pure: no timers of its own, the
 * wall time comes in as arguments (tests drive it with a fake clock).
 */
import type { ToWorker } from '../../worker/protocol';

/** A display frame longer than this (a background tab) counts as this long: no sudden leap. */
export const MAX_FRAME_S = 0.1;
/** Playing, the target stays within this much wall time (at the speed) of where the runs are. */
export const MAX_LEAD_S = 0.25;
/** As fast as possible: a `runTo` should take about this long, so the page still updates smoothly. */
export const ROUND_TRIP_MS = 50;
/** As fast as possible: the first `runTo`'s span, and the bounds of later ones (simulated ns). */
export const FIRST_CHUNK_NS = 100_000;
export const MIN_CHUNK_NS = 10_000;
export const MAX_CHUNK_NS = 10_000_000;

export type RunToMessage = Extract<ToWorker, { type: 'runTo' }>;

export class PairClock {
  playing = false;
  /** Simulated ns per wall second; Infinity: as fast as the runs go. */
  speed: number;
  /** Simulated time every run has reached (whole ns). */
  reached = 0;
  /** Where the runs are headed (ns; fractional while playing at a finite speed). */
  target = 0;
  /** Playing at a finite speed, the runs could not keep up (the target was held back). */
  behind = false;
  /** Runs yet to answer the `runTo` in flight (or, after `restart`, to post their first frame). */
  private waiting = new Set<number>();
  /** The time of the `runTo` in flight. */
  private sent = 0;
  private sentAtMs = 0;
  private lastTickMs: number | null = null;
  /** As fast as possible: simulated ns per `runTo`, adapted to the round trip. */
  private chunk = FIRST_CHUNK_NS;

  constructor(
    private readonly runs: number,
    private readonly send: (run: number, msg: RunToMessage) => void,
    speed: number,
  ) {
    this.speed = speed;
    this.restart();
  }

  /** The runs are (re)loading at time 0: wait for each one's first frame. */
  restart(): void {
    this.reached = 0;
    this.target = 0;
    this.sent = 0;
    this.behind = false;
    this.waiting = new Set(Array.from({ length: this.runs }, (_, i) => i));
  }

  /** A `runTo` is in flight (or the first frames are awaited). */
  get busy(): boolean {
    return this.waiting.size > 0;
  }

  /** A display frame at wall time `nowMs`: moves the target on while playing, and sends. */
  tick(nowMs: number): void {
    const dt = this.lastTickMs === null ? 0 : Math.min(Math.max(0, nowMs - this.lastTickMs) / 1000, MAX_FRAME_S);
    this.lastTickMs = nowMs;
    if (this.playing) this.advance(dt);
    this.flush(nowMs);
  }

  /** Run `run` posted a frame at simulated time `simNs` (frames older than the `runTo` in flight are not its answer). */
  answer(run: number, simNs: number, nowMs: number): void {
    if (!this.waiting.has(run) || simNs < this.sent) return;
    this.waiting.delete(run);
    if (this.waiting.size > 0) return;
    const span = this.sent - this.reached;
    this.reached = this.sent;
    if (this.playing && this.speed === Infinity && span >= this.chunk) {
      // A full chunk: scale the next one so that a round trip takes about ROUND_TRIP_MS.
      const ms = Math.max(1, nowMs - this.sentAtMs);
      this.chunk = Math.min(MAX_CHUNK_NS, Math.max(MIN_CHUNK_NS, Math.round((this.chunk * ROUND_TRIP_MS) / ms)));
    }
    if (this.playing && this.speed === Infinity) this.advance(0);
    this.flush(nowMs);
  }

  play(): void {
    this.playing = true;
  }

  /** Stops where the runs will be once the `runTo` in flight is answered. */
  pause(): void {
    this.playing = false;
    this.behind = false;
    this.target = Math.max(this.reached, this.busy ? this.sent : 0);
  }

  /** Pauses and moves both runs on by `ns` (several steps in a row add up). */
  step(ns: number, nowMs: number): void {
    this.pause();
    this.target += ns;
    this.flush(nowMs);
  }

  /** Paused, heads for simulated time `t` (a link's start time). */
  seekForward(t: number, nowMs: number): void {
    this.target = Math.max(this.target, Math.floor(t));
    this.flush(nowMs);
  }

  setSpeed(nsPerSecond: number): void {
    this.speed = nsPerSecond;
    this.behind = false;
  }

  private advance(dt: number): void {
    if (this.speed === Infinity) {
      this.target = Math.max(this.target, this.reached + this.chunk);
      return;
    }
    const limit = this.reached + this.speed * MAX_LEAD_S;
    const next = this.target + this.speed * dt;
    this.behind = next > limit;
    this.target = Math.min(next, limit);
  }

  /** Sends the next `runTo` when no run is busy and the target is a whole ns ahead. */
  private flush(nowMs: number): void {
    const t = Math.floor(this.target);
    if (this.busy || t <= this.reached) return;
    this.sent = t;
    this.sentAtMs = nowMs;
    for (let run = 0; run < this.runs; run++) this.waiting.add(run);
    for (let run = 0; run < this.runs; run++) this.send(run, { type: 'runTo', t });
  }
}
