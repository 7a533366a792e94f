import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../cli/report';
import { sweepMetric } from '../../sweep/sweepMetrics';
import { readAxes, sweepPoints, type SweepAxis } from '../../sweep/sweepSpec';
import { hasValues, sweepChartData, topValue, xScaleKind } from './chartData';
import type { PointResult } from './sweepRun';

/** A report with a kthread per target CPU at `pps`, ring-full drops `drops`, and latency p99 when given (else none measured). */
function report(targets: number[], pps: number, drops: number, p99?: number[]): PointResult {
  const r = {
    rx: [{ cpu: 0, pps, nicDropPps: 0 }],
    enqueue: [{ from: 0, to: targets[0], pps, dropPps: drops, bulkAvg: 8 }],
    kthread: targets.map((cpu) => ({ cpu, pps: pps / targets.length, dropPps: 0, schedPps: 0 })),
    redirectErrPps: 0,
    latency: targets.map((cpu, i) =>
      p99 === undefined
        ? { cpu, p50: null, p99: null, max: null, enqueueToDequeue: { p50: null, p99: null, max: null } }
        : { cpu, p50: 1, p99: p99[i], max: 2, enqueueToDequeue: { p50: 1, p99: 1, max: 1 } },
    ),
    headroom: [],
  };
  return { ok: true, report: r as unknown as RunReport };
}

function axes(...pairs: [string, string][]): SweepAxis[] {
  const r = readAxes(pairs);
  if (!r.ok) throw new Error(r.messages.join());
  return r.axes;
}

describe('sweep chart data', () => {
  it('puts the first parameter along x with one line for a total, null where a point failed or is to come', () => {
    const a = axes(['qsize', '32..256x2']);
    const results = [report([4], 100, 50), { ok: false as const, message: 'no' }, report([4], 300, 0), null];
    const d = sweepChartData(a, sweepPoints(a), results, sweepMetric('ringFullPps')!);
    expect(d.xs).toEqual([
      { label: '32', x: 32 },
      { label: '64', x: 64 },
      { label: '128', x: 128 },
      { label: '256', x: 256 },
    ]);
    expect(d.scale).toBe('log');
    expect(d.lines).toEqual([
      { label: 'ring-full drops/s', cpu: null, at: [0, 1, 2, 3].map((point, i) => ({ point, value: [50, null, 0, null][i] })) },
    ]);
    expect(topValue(d)).toBe(50);
  });

  it('draws a per-CPU metric as one line per target CPU, a CPU missing from a point left out there', () => {
    const a = axes(['targets', '1,2']);
    const results = [report([4], 100, 0, [900]), report([4, 5], 200, 0, [500, 700])];
    const d = sweepChartData(a, sweepPoints(a), results, sweepMetric('latencyP99')!);
    expect(d.scale).toBe('linear');
    expect(d.lines.map((l) => [l.label, l.cpu, l.at.map((p) => p.value)])).toEqual([
      ['CPU 4', 4, [900, 500]],
      ['CPU 5', 5, [null, 700]],
    ]);
  });

  it('copes with targets where no frame was measured (latency null): no line has a value', () => {
    const a = axes(['qsize', '64,128']);
    const d = sweepChartData(a, sweepPoints(a), [report([4], 1, 0), report([4], 1, 0)], sweepMetric('latencyP50')!);
    expect(hasValues(d)).toBe(false);
    expect(sweepChartData(a, sweepPoints(a), [report([4], 1, 0), null], sweepMetric('targetBusy')!).lines[0].at[0].value).toBeNull();
  });

  it('with two parameters, draws one line per value of the second', () => {
    const a = axes(['rate', '1M,2M,4M'], ['kernel', '5.0,5.2']);
    const points = sweepPoints(a);
    const results = points.map((_, i) => report([4], i * 10, 0));
    const d = sweepChartData(a, points, results, sweepMetric('kthreadPps')!);
    expect(d.xs.map((x) => x.x)).toEqual([1e6, 2e6, 4e6]);
    expect(d.lines.map((l) => [l.label, l.at.map((p) => p.point), l.at.map((p) => p.value)])).toEqual([
      ['kernel=5.0', [0, 2, 4], [0, 20, 40]],
      ['kernel=5.2', [1, 3, 5], [10, 30, 50]],
    ]);
  });

  it('lays words out in list order, and uses a log axis only for values growing by a factor', () => {
    const a = axes(['kernel', '5.0,5.2']);
    expect(sweepChartData(a, sweepPoints(a), [null, null], sweepMetric('kthreadPps')!).scale).toBe('point');
    expect(xScaleKind([1e6, 2e6, 3e6], true)).toBe('linear');
    expect(xScaleKind([32, 64], true)).toBe('linear');
    expect(xScaleKind([0, 64, 128], true)).toBe('linear');
    expect(xScaleKind([32, 64, 128, 256], true)).toBe('log');
  });
});
