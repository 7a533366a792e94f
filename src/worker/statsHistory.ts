/**
 * The statistics samples of the current branch of a run, newest last: going back in time hands
 * the page the samples up to the new time, so its charts show the past as it was.
 */
import type { StatsSample } from './statsSampler';

export class StatsHistory {
  private samples: StatsSample[] = [];

  constructor(private readonly capacity: number) {}

  clear(): void {
    this.samples = [];
  }

  /** Adds samples that end after the newest one kept (a replay's samples are already here). */
  add(samples: readonly StatsSample[]): void {
    for (const s of samples) {
      const last = this.samples[this.samples.length - 1];
      if (last !== undefined && s.endNs <= last.endNs) continue;
      this.samples.push(s);
    }
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
  }

  /** Forgets samples that end after `t` (the run forked there, or its interval changed). */
  truncateAfter(t: number): void {
    let n = this.samples.length;
    while (n > 0 && this.samples[n - 1].endNs > t) n--;
    this.samples.length = n;
  }

  /** The newest `count` samples that end at or before `t`. */
  upTo(t: number, count: number): StatsSample[] {
    let n = this.samples.length;
    while (n > 0 && this.samples[n - 1].endNs > t) n--;
    return this.samples.slice(Math.max(0, n - count), n);
  }
}
