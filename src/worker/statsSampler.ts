/**
 * xdp_redirect_cpu's statistics, one sample per simulated interval: the engine is run exactly to
 * each interval boundary (k * interval) and the counters are differenced there, as the CLI does,
 * so the page's numbers equal `npm run sim -- ... --interval` for the same scenario and time.
 * Each sample also carries the interval's CPU headroom (busy time differenced) and latency (the
 * engine's latency window is started at every boundary): only p50/p99/max, never the histograms.
 */
import type { Engine } from '../engine/engine';
import type { TraceCounters } from '../engine/kernel/tracepoints';
import { redirectCpuStats, type RedirectCpuStats } from '../engine/stats/redirectCpu';
import { xdpBenchStats, type XdpBenchStats } from '../engine/stats/xdpBench';
import { busySnapshot, headroomShares, type CpuHeadroom } from '../engine/stats/headroom';
import type { CpuLatency } from '../engine/stats/latency';

/** Statistics over [endNs - periodNs, endNs]. */
export interface StatsSample {
  endNs: number;
  periodNs: number;
  /** The interval started where the sampling did, not on a multiple of the interval. */
  partial: boolean;
  stats: RedirectCpuStats;
  /** The same interval as xdp-bench redirect-cpu counts it (the panel's text view); the sampler always sets it. */
  xdpBench?: XdpBenchStats;
  /** Every CPU's shares of the interval (as the CLI's JSON `headroom`). */
  headroom: CpuHeadroom[];
  /** Per target CPU, the interval's latency (as the CLI's JSON `latency`). */
  latency: CpuLatency[];
}

/** The interval still running: statistics from its start to now (rates over the time elapsed so far). */
export interface StatsProgress {
  fromNs: number;
  toNs: number;
  intervalNs: number;
  stats: RedirectCpuStats;
  xdpBench?: XdpBenchStats;
  headroom: CpuHeadroom[];
  latency: CpuLatency[];
}

export const MIN_STATS_INTERVAL_NS = 10_000;
export const MAX_STATS_INTERVAL_NS = 1e9;
/** Samples kept for a late reader (older ones are dropped). */
const MAX_PENDING = 256;

export class StatsSampler {
  private prev: TraceCounters | null = null;
  private prevBusy: Float64Array = new Float64Array(0);
  private prevAt = 0;
  private next = 0;
  private pending: StatsSample[] = [];

  constructor(public interval: number) {}

  /** Starts sampling a newly loaded `engine` (from time 0: aligned, not partial). */
  reset(engine: Engine): void {
    this.pending = [];
    this.restart(engine);
  }

  /** Starts the next interval at the current time, keeping samples not yet drained. */
  private restart(engine: Engine): void {
    this.prev = engine.world.counters.clone();
    this.prevBusy = busySnapshot(engine.world.cpus);
    engine.world.latency?.startWindow();
    this.prevAt = engine.now;
    this.next = (Math.floor(engine.now / this.interval) + 1) * this.interval;
  }

  /** Changes the interval; the next sample ends on the next multiple of the new interval. */
  setInterval(ns: number, engine: Engine | null): void {
    this.interval = Math.min(Math.max(ns, MIN_STATS_INTERVAL_NS), MAX_STATS_INTERVAL_NS);
    if (engine !== null) this.restart(engine);
  }

  /** Runs `engine` to `t`, stopping at every interval boundary on the way to take a sample. */
  runUntil(engine: Engine, t: number): void {
    while (this.next <= t) {
      engine.runUntil(this.next);
      this.sample(engine);
    }
    engine.runUntil(t);
  }

  /** After the engine ran past a boundary on its own (a step), start a fresh (partial) interval. */
  catchUp(engine: Engine): void {
    if (engine.now >= this.next) this.restart(engine);
  }

  /** The interval in progress up to the engine's time, or null when none of it has elapsed. */
  progress(engine: Engine): StatsProgress | null {
    const elapsed = engine.now - this.prevAt;
    if (this.prev === null || elapsed <= 0) return null;
    const cur = engine.world.counters.clone();
    const stats = redirectCpuStats(this.prev, cur, elapsed, engine.scenario.cpus);
    const xdpBench = xdpBenchStats(this.prev, cur, elapsed, engine.scenario.cpus);
    const { headroom, latency } = this.intervalExtras(engine, elapsed);
    return { fromNs: this.prevAt, toNs: engine.now, intervalNs: this.interval, stats, xdpBench, headroom, latency };
  }

  /** The samples completed since the last drain. */
  drain(): StatsSample[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** The headroom and latency from the interval's start to now (`elapsed` ns). */
  private intervalExtras(engine: Engine, elapsed: number): Pick<StatsSample, 'headroom' | 'latency'> {
    const w = engine.world;
    return {
      headroom: headroomShares(this.prevBusy, busySnapshot(w.cpus), elapsed),
      latency: w.latency?.report(w.entries, w.now) ?? [],
    };
  }

  private sample(engine: Engine): void {
    const cur = engine.world.counters.clone();
    const prev = this.prev ?? cur;
    const period = this.next - this.prevAt;
    this.pending.push({
      endNs: this.next,
      periodNs: period,
      partial: this.prevAt % this.interval !== 0,
      stats: redirectCpuStats(prev, cur, period, engine.scenario.cpus),
      xdpBench: xdpBenchStats(prev, cur, period, engine.scenario.cpus),
      ...this.intervalExtras(engine, period),
    });
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    this.prevBusy = busySnapshot(engine.world.cpus);
    engine.world.latency?.startWindow();
    this.prev = cur;
    this.prevAt = this.next;
    this.next += this.interval;
  }
}
