/**
 * What the worker streams besides snapshots, kept outside React and bounded: the statistics of
 * each simulated interval (for the charts and the table) and the trace log (tracepoint hits and
 * map operation results). Panels subscribe and read; nothing here grows without limit.
 */
import type { TraceEvent } from '../engine/kernel/tracepoints';
import type { StatsProgress, StatsSample } from '../worker/statsSampler';
import { Versioned } from './versioned';

/** Statistics samples kept for the charts. */
export const MAX_STATS = 600;
/** Trace log lines kept. */
export const MAX_TRACE = 2000;

/** One line of the trace log: a tracepoint hit, or a map operation's result. */
export type TraceLine = { kind: 'tracepoint'; seq: number; event: TraceEvent } | { kind: 'op'; seq: number; at: number; text: string };

export class Feeds extends Versioned {
  stats: StatsSample[] = [];
  trace: TraceLine[] = [];
  /** Hits the worker did not send (too many per display frame), since the load. */
  traceSkipped = 0;
  statsInterval = 1e6;
  /** The interval in progress at the latest frame (null after a load or a going back, until the next frame). */
  progress: StatsProgress | null = null;
  private seq = 0;

  /** A new scenario: forget everything. */
  clear(): void {
    this.progress = null;
    this.stats = [];
    this.trace = [];
    this.traceSkipped = 0;
    this.bump();
  }

  addFrame(stats: StatsSample[], trace: TraceEvent[], skipped: number, statsInterval: number): void {
    if (stats.length === 0 && trace.length === 0 && skipped === 0 && statsInterval === this.statsInterval) return;
    this.statsInterval = statsInterval;
    if (stats.length > 0) {
      // After going back, samples the page already shows come again: keep one of each.
      const last = this.stats.length > 0 ? this.stats[this.stats.length - 1].endNs : -Infinity;
      const fresh = stats.filter((s) => s.endNs > last);
      if (fresh.length > 0) this.stats = [...this.stats, ...fresh].slice(-MAX_STATS);
    }
    if (trace.length > 0) {
      const lines: TraceLine[] = trace.map((event) => ({ kind: 'tracepoint', seq: this.seq++, event }));
      this.trace = [...this.trace, ...lines].slice(-MAX_TRACE);
    }
    this.traceSkipped += skipped;
    this.bump();
  }

  /** The run went back (or forward) to `t`: the samples up to it, and no trace lines after it. */
  rewind(t: number, stats: StatsSample[]): void {
    this.progress = null;
    this.stats = stats.slice(-MAX_STATS);
    this.trace = this.trace.filter((line) => (line.kind === 'op' ? line.at : line.event.at) <= t);
    this.bump();
  }

  /** The interval in progress, from each frame: bumps only on change, so a paused run stays quiet. */
  setProgress(p: StatsProgress | null): void {
    if (p === this.progress || (p !== null && this.progress !== null && p.toNs === this.progress.toNs && p.fromNs === this.progress.fromNs))
      return;
    this.progress = p;
    this.bump();
  }

  addOp(at: number, text: string): void {
    this.trace = [...this.trace, { kind: 'op' as const, seq: this.seq++, at, text }].slice(-MAX_TRACE);
    this.bump();
  }
}

export const feeds = new Feeds();
