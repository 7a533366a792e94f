/**
 * The side-by-side pair at work: two run workers on one PairClock, ticked on animation frames,
 * and a small store of what the page shows (play state, speed, the shared time, each run's map
 * create result and time, the latest interval both runs completed). The store changes only when
 * something shown changes; topologies read each run's frame bus directly.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StatsSample } from '../../worker/statsSampler';
import { latestCommon } from './diffRows';
import { PairClock } from './pairClock';
import { RunWorker } from './runWorker';

/** Statistics samples kept per run: enough to find one both runs have. */
const SAMPLES_KEPT = 16;
/** A Step's default: one statistics interval, so each step completes a row of the table. */
export const DEFAULT_STEP_NS = 1e6;

export const RUN_NAMES = ['A', 'B'] as const;
export type RunName = (typeof RUN_NAMES)[number];

export interface RunStatus {
  /** BPF_MAP_CREATE's result ("0" or an errno), null until the scenario has loaded. */
  create: string | null;
  simNs: number;
  /** Why the run's worker stopped, or null. */
  error: string | null;
}

export interface PairState {
  playing: boolean;
  /** Simulated ns per wall second (Infinity: as fast as the runs go). */
  speed: number;
  /** Simulated time both runs have reached. */
  sharedNs: number;
  /** The runs cannot keep up with the speed. */
  behind: boolean;
  /** Simulated ns a Step moves both runs on. */
  stepNs: number;
  runs: [RunStatus, RunStatus];
  /** The latest statistics interval both runs completed, [A's, B's]. */
  common: [StatsSample, StatsSample] | null;
}

export interface PairOptions {
  /** Run A's and run B's scenario queries. */
  queries: [string, string];
  speed: number;
  playing: boolean;
  /** Simulated time to run to at once on start (a link's `t`). */
  startNs: number;
  /** The statistics interval (simulated ns); the workers' own default when absent. */
  statsInterval?: number;
}

const NEW_RUN: RunStatus = { create: null, simNs: 0, error: null };

function withRun(runs: [RunStatus, RunStatus], i: 0 | 1, patch: Partial<RunStatus>): [RunStatus, RunStatus] {
  const out: [RunStatus, RunStatus] = [...runs];
  out[i] = { ...runs[i], ...patch };
  return out;
}

export class PairRunner {
  readonly store: StoreApi<PairState>;
  readonly runs: [RunWorker, RunWorker];
  private readonly clock: PairClock;
  private samples: [StatsSample[], StatsSample[]] = [[], []];
  private raf = 0;
  /** The statistics interval both runs use, once chosen. */
  private statsInterval: number | undefined;

  constructor(private readonly options: PairOptions) {
    this.store = createStore<PairState>(() => ({
      playing: options.playing,
      speed: options.speed,
      sharedNs: 0,
      behind: false,
      stepNs: DEFAULT_STEP_NS,
      runs: [NEW_RUN, NEW_RUN],
      common: null,
    }));
    const run = (i: 0 | 1) =>
      new RunWorker(RUN_NAMES[i], options.queries[i], {
        loaded: (msg) => this.patchRun(i, { create: msg.create, error: null }),
        frame: (msg) => this.frame(i, msg.snapshot.simNs, msg.stats),
        // The first reason is the most specific (the worker's own 'error' comes before onerror).
        failed: (message) => {
          if (this.store.getState().runs[i].error === null) this.patchRun(i, { error: message });
        },
      });
    this.runs = [run(0), run(1)];
    this.statsInterval = options.statsInterval;
    this.clock = new PairClock(2, (i, msg) => this.runs[i].send(msg), options.speed);
  }

  /** Starts both workers from time 0 (again, after `stop`), and the animation-frame loop. */
  start(): void {
    const { speed, playing } = this.store.getState();
    this.clock.restart();
    this.clock.setSpeed(speed);
    if (playing) this.clock.play();
    else this.clock.pause();
    this.samples = [[], []];
    this.store.setState({ sharedNs: 0, behind: false, runs: [NEW_RUN, NEW_RUN], common: null });
    for (const r of this.runs) r.start(speed);
    if (this.statsInterval !== undefined) this.setStatsInterval(this.statsInterval);
    if (this.options.startNs > 0) this.clock.seekForward(this.options.startNs, performance.now());
    this.loop();
  }

  stop(): void {
    cancelAnimationFrame(this.raf);
    this.raf = 0;
    for (const r of this.runs) r.stop();
  }

  togglePlay(): void {
    if (this.clock.playing) this.clock.pause();
    else this.clock.play();
    this.sync();
  }

  /** Pauses and moves both runs on by the step (`stepNs`) of simulated time. */
  step(): void {
    this.clock.step(this.store.getState().stepNs, performance.now());
    this.sync();
  }

  setStep(ns: number): void {
    this.store.setState({ stepNs: ns });
  }

  /** Both runs back to time 0, keeping the play state and speed. */
  reset(): void {
    this.clock.restart();
    this.samples = [[], []];
    for (const r of this.runs) r.reset();
    this.store.setState((s) => ({
      sharedNs: 0,
      common: null,
      runs: [
        { ...s.runs[0], simNs: 0 },
        { ...s.runs[1], simNs: 0 },
      ],
    }));
  }

  /** Replaces the workers (after one failed), from time 0. */
  restart(): void {
    this.stop();
    this.start();
  }

  /** One statistics interval for both runs, so their samples cover the same spans. */
  setStatsInterval(ns: number): void {
    this.statsInterval = ns;
    for (const r of this.runs) r.send({ type: 'statsInterval', ns });
  }

  /** The statistics interval chosen on this page, if any (a new pair keeps it). */
  get chosenStatsInterval(): number | undefined {
    return this.statsInterval;
  }

  setSpeed(nsPerSecond: number): void {
    this.clock.setSpeed(nsPerSecond);
    // The workers record single frames' journeys (for the canvases) only at slow speeds.
    for (const r of this.runs) r.send({ type: 'speed', nsPerSecond });
    this.store.setState({ speed: nsPerSecond });
    this.sync();
  }

  private loop = (): void => {
    this.raf = requestAnimationFrame((now) => {
      this.clock.tick(now);
      this.sync();
      this.loop();
    });
  };

  private frame(i: 0 | 1, simNs: number, stats: StatsSample[]): void {
    if (stats.length > 0) this.samples[i] = [...this.samples[i], ...stats].slice(-SAMPLES_KEPT);
    this.clock.answer(i, simNs, performance.now());
    const s = this.store.getState();
    const common = latestCommon(this.samples[0], this.samples[1]);
    // A new array for the same interval would re-render the table for nothing.
    const sameCommon = common?.[0].endNs === s.common?.[0].endNs && common?.[0].periodNs === s.common?.[0].periodNs;
    this.store.setState({ runs: withRun(s.runs, i, { simNs }), ...(sameCommon ? {} : { common }), ...this.clockState() });
  }

  private patchRun(i: 0 | 1, patch: Partial<RunStatus>): void {
    this.store.setState({ runs: withRun(this.store.getState().runs, i, patch) });
  }

  private clockState(): Pick<PairState, 'playing' | 'sharedNs' | 'behind'> {
    return { playing: this.clock.playing, sharedNs: this.clock.reached, behind: this.clock.behind };
  }

  /** Mirrors the clock into the store when it changed (the loop calls this every display frame). */
  private sync(): void {
    const s = this.store.getState();
    const c = this.clockState();
    if (s.playing !== c.playing || s.sharedNs !== c.sharedNs || s.behind !== c.behind) this.store.setState(c);
  }
}
