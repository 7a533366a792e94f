import { describe, expect, it } from 'vitest';
import type { RedirectCpuStats } from '../../engine/stats/redirectCpu';
import { tableRows } from '../panels/stats/rows';
import { EDGE_STATS, engineSamples } from '../panels/stats/fixtures.test-util';
import type { StatsSample } from '../../worker/statsSampler';
import { diffRows, latestCommon, signedNumber, signedPercent } from './diffRows';

const OVERLOAD = 'rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant&stack=iptables-drop';

describe('the comparison rows', () => {
  it("have the Statistics panel's rows, in its order, and A, B and B − A on each", () => {
    const [a] = engineSamples(`kernel=5.0&${OVERLOAD}`, 1, 2e6);
    const [b] = engineSamples(`kernel=5.2&${OVERLOAD}`, 1, 2e6);
    const rows = diffRows(a.stats, b.stats);
    expect(rows.map((r) => [r.kind, r.where])).toEqual(tableRows(a.stats).body.map((cells) => [cells[0], cells[1]]));
    const kthread = rows.find((r) => r.kind === 'cpumap_kthread' && r.where === '4');
    expect(kthread?.a?.pps).toBe(
      Number(
        tableRows(a.stats)
          .body.find((c) => c[0] === 'cpumap_kthread' && c[1] === '4')?.[2]
          .replace(/,/g, ''),
      ),
    );
    if (kthread === undefined || kthread.a === null || kthread.b === null || kthread.pps === null)
      throw new Error('no kthread row in both runs');
    expect(kthread.pps.delta).toBe(kthread.b.pps - kthread.a.pps);
    expect(kthread.pps.percent).toBeCloseTo(((kthread.b.pps - kthread.a.pps) / kthread.a.pps) * 100, 9);
    // v5.2's kthread is about a quarter faster at this overload.
    expect(kthread.pps.percent).toBeGreaterThan(20);
    expect(kthread.pps.percent).toBeLessThan(27);
  });

  it('show a row only one run has with nothing for the other, among its kind', () => {
    const fewer: RedirectCpuStats = { ...EDGE_STATS, kthread: EDGE_STATS.kthread.filter((k) => k.cpu !== 5) };
    const rows = diffRows(fewer, EDGE_STATS);
    const names = rows.map((r) => `${r.kind} ${r.where}`);
    expect(names.indexOf('cpumap_kthread 5')).toBe(names.indexOf('cpumap_kthread 4') + 1);
    const only = rows.find((r) => r.kind === 'cpumap_kthread' && r.where === '5');
    expect(only).toMatchObject({ a: null, b: { pps: 1000, drop: 3 }, pps: null, drop: null });
    const reverse = diffRows(EDGE_STATS, fewer).find((r) => r.kind === 'cpumap_kthread' && r.where === '5');
    expect(reverse).toMatchObject({ a: { pps: 1000 }, b: null, pps: null });
  });

  it('give no percentage of zero', () => {
    const row = diffRows(EDGE_STATS, EDGE_STATS).find((r) => r.kind === 'redirect_err');
    expect(row?.pps).toEqual({ delta: 0, percent: null });
    expect(row?.drop).toEqual({ delta: 0, percent: 0 });
  });

  it('write signed differences', () => {
    expect(signedNumber(1_456_000)).toBe('+1,456,000');
    expect(signedNumber(-12.4)).toBe('-12');
    expect(signedNumber(0.2)).toBe('0');
    expect(signedPercent(23.456)).toBe('+23.5%');
    expect(signedPercent(-4)).toBe('-4.0%');
    expect(signedPercent(0.01)).toBe('0.0%');
    expect(signedPercent(null)).toBe('—');
  });
});

describe('the interval both runs completed', () => {
  const sample = (endNs: number, periodNs = 1e6): StatsSample => ({
    endNs,
    periodNs,
    partial: false,
    stats: EDGE_STATS,
    headroom: [],
    latency: [],
  });

  it('is the latest one both have', () => {
    const a = [sample(1e6), sample(2e6), sample(3e6)];
    const b = [sample(1e6), sample(2e6)];
    expect(latestCommon(a, b)?.map((s) => s.endNs)).toEqual([2e6, 2e6]);
    expect(latestCommon(b, a)?.map((s) => s.endNs)).toEqual([2e6, 2e6]);
  });

  it('is none before both have one, or when their intervals differ', () => {
    expect(latestCommon([sample(1e6)], [])).toBeNull();
    expect(latestCommon([sample(1e6)], [sample(1e6, 5e5)])).toBeNull();
  });
});
