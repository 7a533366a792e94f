import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../worker/statsSampler';
import { buildSeries, METRICS, timeUnit } from './series';
import { EDGE_STATS } from './fixtures.test-util';
import { INTERVALS, intervalLabel } from './intervals';

const empty = { ...EDGE_STATS, rx: [], enqueue: [], enqueueSum: [], kthread: [] };
const samples: StatsSample[] = [
  { endNs: 1e6, periodNs: 1e6, partial: false, stats: EDGE_STATS, headroom: [], latency: [] },
  { endNs: 2e6, periodNs: 1e6, partial: false, stats: empty, headroom: [], latency: [] },
];

describe('buildSeries', () => {
  it('gives one series per CPU, ordered, one point per sample, 0 where the tool printed no row', () => {
    const s = buildSeries(samples, 'kthreadPps');
    expect(s.map((x) => x.cpu)).toEqual([4, 5, 6]);
    expect(s[0].points).toEqual([
      { t: 1e6, v: 6_190_000 },
      { t: 2e6, v: 0 },
    ]);
  });

  it('takes enqueue metrics from the per-target sum rows', () => {
    expect(buildSeries(samples, 'enqueuePps').map((x) => [x.cpu, x.points[0].v])).toEqual([
      [4, 6_191_000.5],
      [5, 999.999],
    ]);
    expect(buildSeries(samples, 'enqueueDrops')[0].points[0].v).toBe(8_510_000);
    expect(buildSeries(samples, 'bulkAvg')[0].points[0].v).toBe(7.99);
    expect(buildSeries(samples, 'kthreadDrops')[1].points[0].v).toBe(3);
    expect(buildSeries(samples, 'sched')[1].points[0].v).toBe(250);
  });

  it('is empty without samples, and every metric has a chart', () => {
    for (const m of METRICS) expect(buildSeries([], m.metric)).toEqual([]);
    expect(METRICS.map((m) => m.metric)).toEqual(['enqueuePps', 'enqueueDrops', 'bulkAvg', 'kthreadPps', 'kthreadDrops', 'sched']);
  });
});

describe('timeUnit', () => {
  it('picks the largest unit the span reaches', () => {
    expect(timeUnit(500).name).toBe('ns');
    expect(timeUnit(20_000).name).toBe('µs');
    expect(timeUnit(3e6)).toEqual({ name: 'ms', ns: 1e6 });
    expect(timeUnit(2e9).name).toBe('s');
  });
});

describe('intervals', () => {
  it('go from 10 µs to 1 s in 1-2-5 steps', () => {
    expect(INTERVALS[0]).toBe(10_000);
    expect(INTERVALS[INTERVALS.length - 1]).toBe(1e9);
    expect(INTERVALS.map(intervalLabel).slice(0, 7)).toEqual(['10 µs', '20 µs', '50 µs', '100 µs', '200 µs', '500 µs', '1 ms']);
    expect(INTERVALS).toHaveLength(16);
  });
});
