import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { redirectCpuStats } from '../engine/stats/redirectCpu';
import { parseScenario } from '../scenario/parse';
import { StatsSampler } from './statsSampler';
import { runSim } from '../cli/run';
import type { RunReport } from '../cli/report';

const QUERY = 'rx=0,1&entries=4:64,5:64&rate=6M&prog=hash&stack=iptables-drop';

describe('StatsSampler', () => {
  it('gives the same statistics as the CLI for each interval, however the run is cut into chunks', () => {
    const paced = new Engine(parseScenario(QUERY).scenario);
    const sampler = new StatsSampler(1e6);
    sampler.reset(paced);
    // Uneven chunks, as the pacer makes them.
    for (let t = 0; t < 3.5e6;) {
      t = Math.min(3.5e6, t + 137_913);
      sampler.runUntil(paced, t);
    }
    const samples = sampler.drain();
    expect(samples.map((s) => s.endNs)).toEqual([1e6, 2e6, 3e6]);

    const cli = new Engine(parseScenario(QUERY).scenario);
    let prev = cli.world.counters.clone();
    for (let k = 1; k <= 3; k++) {
      cli.runUntil(k * 1e6);
      const cur = cli.world.counters.clone();
      expect(samples[k - 1].stats).toEqual(redirectCpuStats(prev, cur, 1e6, 8));
      expect(samples[k - 1].partial).toBe(false);
      prev = cur;
    }
  });

  it("gives each interval's headroom and latency, and the interval in progress's, as the CLI's JSON over the same window", () => {
    const e = new Engine(parseScenario(QUERY).scenario);
    const sampler = new StatsSampler(1e6);
    sampler.reset(e);
    for (let t = 0; t < 3.5e6;) {
      t = Math.min(3.5e6, t + 137_913);
      sampler.runUntil(e, t);
    }
    const cli = (from: string, to: string): RunReport =>
      JSON.parse(runSim([QUERY, '--warmup', from, '--duration', to, '--json']).stdout) as RunReport;
    const samples = sampler.drain();
    for (const [k, from, to] of [
      [0, '0', '1ms'],
      [2, '2ms', '3ms'],
    ] as const) {
      const want = cli(from, to);
      expect(samples[k].headroom).toEqual(want.headroom);
      expect(samples[k].latency).toEqual(want.latency);
      expect(samples[k].latency.map((l) => l.cpu)).toEqual([4, 5]);
      expect(samples[k].latency[0].p50).toBeGreaterThan(0);
    }
    const progress = sampler.progress(e);
    const want = cli('3ms', '3500us');
    expect(progress?.headroom).toEqual(want.headroom);
    expect(progress?.latency).toEqual(want.latency);
  });

  it('a changed interval starts on the next multiple of it, marked partial', () => {
    const e = new Engine(parseScenario(QUERY).scenario);
    const sampler = new StatsSampler(1e6);
    sampler.reset(e);
    sampler.runUntil(e, 1.25e6);
    sampler.setInterval(500_000, e);
    sampler.runUntil(e, 2.6e6);
    const ends = sampler.drain().map((s) => [s.endNs, s.periodNs, s.partial]);
    expect(ends).toEqual([
      [1e6, 1e6, false],
      [1.5e6, 0.25e6, true],
      [2e6, 0.5e6, false],
      [2.5e6, 0.5e6, false],
    ]);
  });

  it('keeps the interval between 10 us and 1 s', () => {
    const s = new StatsSampler(1e6);
    s.setInterval(1, null);
    expect(s.interval).toBe(10_000);
    s.setInterval(1e12, null);
    expect(s.interval).toBe(1e9);
  });
});
