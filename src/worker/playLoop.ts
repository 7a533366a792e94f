/**
 * Playing a run in real time: the pacer, the tick timer (one display frame apart, back to back
 * when flat out), pausing by itself at a given simulated time (a lesson's checkpoint), and
 * holding while the page is hidden. The SimController owns the run; the loop moves it through
 * the PlayedRun callbacks.
 */
import type { Engine } from '../engine/engine';
import type { WorkerHost } from './host';
import { Pacer, TICK_BUDGET_MS } from './pacer';
import { DEFAULT_SPEED, FLAT_OUT_BUDGET_MS, FRAME_MS } from './settings';

/** What the loop needs of the run it plays. */
export interface PlayedRun {
  /** The live engine (it changes on a load and on going back), or null before the first load. */
  engine(): Engine | null;
  /** Runs the live engine to simulated time `t`, sampling statistics on the way. */
  runUntil(t: number): void;
  /** The run moved on, costing `wallMs` of simulation (the timeline may take a checkpoint). */
  advanced(wallMs: number): void;
  postFrame(): void;
  /** Runs a tick as a message is run: an exception is reported to the page, then rethrown. */
  guarded(fn: () => void): void;
}

export class PlayLoop {
  readonly pacer = new Pacer(DEFAULT_SPEED);
  /** Playing, as the page is told (held, not paused, while the page is hidden). */
  running = false;
  private hidden = false;
  /** Simulated time at which playing pauses by itself, or null. */
  private pauseAt: number | null = null;
  private timer: unknown = null;
  /** The last tick could not reach its target (or the speed is unbounded). */
  private flatOut = false;
  private lastPost = -Infinity;

  constructor(
    private readonly host: WorkerHost,
    private readonly run: PlayedRun,
  ) {}

  /** Playing and the page can see it: only then does simulated time follow wall time. */
  get pacing(): boolean {
    return this.running && !this.hidden;
  }

  /** Plays, pausing by itself at `until` (null: never); false when it was playing already. */
  play(until: number | null): boolean {
    this.pauseAt = until;
    if (this.running) return false;
    this.running = true;
    this.run.postFrame();
    if (this.pacing) this.startPacing();
    return true;
  }

  pause(): void {
    this.pauseAt = null;
    this.running = false;
    this.cancelTick();
    this.pacer.stop();
  }

  /** Stops ticking after an exception (nothing else is touched). */
  halt(): void {
    this.running = false;
    this.cancelTick();
  }

  setSpeed(nsPerSecond: number): void {
    this.pacer.setSpeed(nsPerSecond, this.host.now(), this.run.engine()?.now ?? 0);
    if (this.pacing) {
      // At "as fast as possible" ticks follow each other without a gap: start now.
      this.cancelTick();
      this.scheduleTick(0);
    }
  }

  /**
   * Hidden, a playing run holds where it is (its play state unchanged): nothing runs or piles up
   * unseen. Shown again, it resumes from there, with a frame at once.
   */
  setHidden(hidden: boolean): void {
    if (hidden === this.hidden) return;
    this.hidden = hidden;
    if (!this.running) return;
    if (hidden) {
      this.cancelTick();
      this.pacer.stop();
    } else {
      this.run.postFrame();
      this.startPacing();
    }
  }

  /** A new run was loaded: pacing goes on from its time. */
  reloaded(): void {
    if (this.pacing) this.pacer.start(this.host.now(), this.run.engine()?.now ?? 0);
  }

  /** A frame was posted (flat out, the loop posts about once per display frame). */
  posted(): void {
    this.lastPost = this.host.now();
  }

  private startPacing(): void {
    this.pacer.start(this.host.now(), this.run.engine()?.now ?? 0);
    this.scheduleTick(FRAME_MS);
  }

  private scheduleTick(delayMs: number): void {
    if (this.timer !== null) return;
    this.timer = this.host.setTimer(() => {
      this.timer = null;
      this.run.guarded(() => this.tick());
    }, delayMs);
  }

  private cancelTick(): void {
    if (this.timer === null) return;
    this.host.clearTimer(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const engine = this.run.engine();
    if (!this.pacing || engine === null) return;
    const start = this.host.now();
    // Behind or flat out, a tick may use nearly the whole display frame.
    const budget = this.flatOut ? FLAT_OUT_BUDGET_MS : TICK_BUDGET_MS;
    const stopAt = this.pauseAt ?? Infinity;
    const outcome = this.pacer.tick(
      start,
      { now: () => engine.now, runUntil: (t) => this.run.runUntil(t) },
      () => this.host.now(),
      budget,
      stopAt,
    );
    const end = this.host.now();
    if (engine.now >= stopAt) {
      // A checkpoint reached: stop exactly there.
      this.pause();
      this.run.advanced(end - start);
      this.run.postFrame();
      return;
    }
    this.run.advanced(end - start);
    this.flatOut = this.pacer.speed === Infinity || !outcome.reached;
    // Flat out, ticks come back to back: post only about once per display frame.
    if (!this.flatOut || end - this.lastPost >= FRAME_MS * 0.75) this.run.postFrame();
    this.scheduleTick(this.flatOut ? 0 : Math.max(1, FRAME_MS - (end - start)));
  }
}
