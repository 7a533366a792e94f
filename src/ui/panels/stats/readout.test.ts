import { describe, expect, it } from 'vitest';
import { nearestIndex, pointTimes, readoutText } from './readout';
import { METRICS, type Series } from './series';

const series: Series[] = [
  {
    cpu: 4,
    points: [
      { t: 1e6, v: 3_180_074 },
      { t: 2e6, v: 3_180_000 },
    ],
  },
  { cpu: 5, points: [{ t: 2e6, v: 10 }] },
];

describe('a chart readout', () => {
  it('finds the interval nearest the pointer and says each CPU value there', () => {
    const times = pointTimes(series);
    expect(times).toEqual([1e6, 2e6]);
    expect(nearestIndex(times, 1.4e6)).toBe(0);
    expect(nearestIndex(times, 1.6e6)).toBe(1);
    expect(nearestIndex([], 5)).toBe(-1);
    const pps = METRICS.find((m) => m.metric === 'kthreadPps')!;
    expect(readoutText(pps, series, 1e6)).toBe('interval ending at 1.000000 ms: CPU 4 3,180,074 frames/s, CPU 5 0 frames/s');
    const bulk = METRICS.find((m) => m.metric === 'bulkAvg')!;
    expect(readoutText(bulk, [{ cpu: 4, points: [{ t: 1e6, v: 2.4 }] }], 1e6)).toBe(
      'interval ending at 1.000000 ms: CPU 4 2.40 frames per enqueue',
    );
  });
});
