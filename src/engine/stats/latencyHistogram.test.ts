import { describe, expect, it } from 'vitest';
import {
  BUCKET_COUNT,
  LatencyHistogram,
  bucketLower,
  bucketOf,
  bucketValue,
  bucketWidth,
  mergeInto,
  subtractFrom,
} from './latencyHistogram';
import { Rng } from '../sim/rng';

function filled(values: Iterable<number>): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of values) h.record(v);
  return h;
}

describe('the latency histogram', () => {
  it('puts every value in the bucket that holds it, and reports it within 1/64', () => {
    const rng = new Rng(7, 1);
    for (let i = 0; i < 100_000; i++) {
      const v = 2 ** ((rng.nextU32() / 2 ** 32) * 36.9);
      const b = bucketOf(v);
      expect(v).toBeGreaterThanOrEqual(bucketLower(b));
      expect(v).toBeLessThan(bucketLower(b) + bucketWidth(b));
      if (v >= 64) expect(Math.abs(bucketValue(b) - v) / v).toBeLessThanOrEqual(1 / 64);
      else expect(bucketValue(b)).toBe(Math.floor(v));
    }
    // Below 2^31 ns the integer path, above it the IEEE 754 one: the same buckets either side.
    expect(bucketOf(2 ** 31 - 1) + 1).toBe(bucketOf(2 ** 31));
    expect(bucketLower(bucketOf(2 ** 31))).toBe(2 ** 31);
  });

  it('covers 1 ns to about 137 s; longer and negative values land in the end buckets', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(-5)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(100e9)).toBeLessThan(BUCKET_COUNT - 1);
    expect(bucketOf(1e12)).toBe(BUCKET_COUNT - 1);
    // Buckets tile the range without gaps.
    for (let i = 1; i < BUCKET_COUNT; i++) expect(bucketLower(i)).toBe(bucketLower(i - 1) + bucketWidth(i - 1));
  });

  it('gives the percentiles of a uniform distribution to within a bucket, and the exact maximum', () => {
    const h = filled(Array.from({ length: 100_000 }, (_, i) => 1000 + i * 0.1)); // 1000 .. 10999.9 ns
    expect(h.count).toBe(100_000);
    expect(Math.abs(h.quantile(0.5) - 6000) / 6000).toBeLessThanOrEqual(1 / 64);
    expect(Math.abs(h.quantile(0.99) - 10_900) / 10_900).toBeLessThanOrEqual(1 / 64);
    expect(h.max).toBeCloseTo(10_999.9, 6);
  });

  it('gives a constant exactly (the maximum caps its bucket), and never a percentile above the maximum', () => {
    const h = filled([5000, 5000, 5000]);
    expect(h.quantile(0.5)).toBe(5000);
    expect(h.quantile(0.99)).toBe(5000);
    const tail = filled([...Array<number>(98).fill(100), 900, 901]);
    expect(tail.quantile(0.5)).toBe(bucketValue(bucketOf(100))); // 101: the middle of [100, 102)
    expect(tail.quantile(0.99)).toBeLessThanOrEqual(tail.max);
    expect(tail.quantile(0.99)).toBeGreaterThan(890);
    expect(new LatencyHistogram().quantile(0.5)).toBeNaN();
  });

  it('merges two windows into their union and takes an earlier snapshot back out', () => {
    const a = filled([100, 200, 300]);
    const b = filled([400_000, 500_000]);
    const merged = filled([100, 200, 300]);
    mergeInto(merged, b);
    expect(merged.count).toBe(5);
    expect(merged.max).toBe(500_000);
    expect([...merged.counts]).toEqual([...filled([100, 200, 300, 400_000, 500_000]).counts]);
    // What was recorded since `a` was taken is `b` again (its max rounded up to its bucket's end).
    subtractFrom(merged, a);
    expect([...merged.counts]).toEqual([...b.counts]);
    expect(merged.count).toBe(2);
    expect(merged.quantile(0.5)).toBe(b.quantile(0.5));
    expect(merged.max).toBe(500_000);
    const top = filled([100, 900]);
    subtractFrom(top, filled([900]));
    expect(top.max).toBe(bucketLower(bucketOf(100)) + bucketWidth(bucketOf(100)));
    expect(top.quantile(0.99)).toBe(bucketValue(bucketOf(100)));
  });

  it('starts again empty after a reset', () => {
    const h = filled([1, 2, 3]);
    h.reset();
    expect(h.count).toBe(0);
    expect(h.max).toBe(-1);
    expect(h.counts.every((c) => c === 0)).toBe(true);
  });
});
