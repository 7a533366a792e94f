/**
 * The offered load changed during a run (`rate` in `ops`): arrivals at the new rate from its time
 * on, split over the RX queues as at the start, at most the line rate, the same for a seed.
 */
import { describe, expect, it } from 'vitest';
import { engineFingerprint } from './arbitraries';
import { engineOf, MS } from './helpers';

const offeredAt = (query: string, times: number[]): number[] => {
  const e = engineOf(query);
  return times.map((t) => {
    e.runUntil(t);
    e.receiveArrivals();
    return e.world.acct.offered;
  });
};

describe('a change of the offered load', () => {
  it('takes effect at its time: constant arrivals at 1 Mpps, then 4 Mpps, then none', () => {
    const [a, b, c] = offeredAt('rx=0,1&entries=4:256,5:256&rate=1M&arrival=constant&ops=5ms:rate:4M,10ms:rate:0', [
      5 * MS,
      10 * MS,
      15 * MS,
    ]);
    expect(a).toBeGreaterThanOrEqual(4998);
    expect(a).toBeLessThanOrEqual(5000);
    expect(b - a).toBeGreaterThanOrEqual(19_996);
    expect(b - a).toBeLessThanOrEqual(20_002);
    expect(c).toBe(b);
  });

  it('splits the new rate over the queues by their share of the flows, as at the start', () => {
    const e = engineOf('rx=0,1,2&entries=4:2048&rate=0&flows=3000&arrival=constant&ops=1ms:rate:3M');
    e.runUntil(11 * MS);
    e.receiveArrivals();
    const flows = e.world.nicQueues.map((q) => q.arrivals.flowCount);
    const offered = e.world.nicQueues.map((q) => q.count + (e.world.counters.rxProcessed[q.cpu] ?? 0) + q.nicDrops);
    for (let i = 0; i < 3; i++) expect(Math.abs(offered[i] - (30_000 * flows[i]) / 3000)).toBeLessThanOrEqual(2);
  });

  it('is capped at the line rate, and the record says so', () => {
    const e = engineOf('link=1&size=1518&rate=10k');
    const rec = e.apply({ at: 0, op: 'rate', rate: 1e6 });
    expect(rec.result).toBe('0');
    expect(rec.value).toBeCloseTo(81_274.38, 1);
    expect(rec.reason).toContain('capped at the line rate');
  });

  it('from no traffic at all, the armed interrupt is raised by the first new arrival and polls begin', () => {
    const e = engineOf('rx=0&entries=4:256&rate=0&ops=5ms:rate:1M');
    e.runUntil(5 * MS - 1);
    expect(e.world.polls).toBe(0);
    expect(e.world.nicQueues[0].irqAt).toBe(Infinity);
    e.runUntil(6 * MS);
    expect(e.world.polls).toBeGreaterThan(0);
    expect(e.world.counters.kthProcessed[4]).toBeGreaterThan(500);
    expect(e.check()).toEqual([]);
  });

  it('a run with rate changes replays identically from its seed', () => {
    const q = 'rx=0,1&entries=4:64,5:64&rate=2M&arrival=bursty:16&prog=rr&ops=1ms:rate:14.88M,3ms:rate:0,4ms:rate:500k,4.5ms:rate:7M';
    const run = (): string => {
      const e = engineOf(q);
      e.runUntil(8 * MS);
      return engineFingerprint(e);
    };
    expect(run()).toBe(run());
  });
});
