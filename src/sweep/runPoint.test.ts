import { expect, it } from 'vitest';
import { runSim } from '../cli/run';
import { parseScenario } from '../scenario/parse';
import { runPoint } from './runPoint';
import { metricValues } from './sweepMetrics';

it('a point reports what `npm run sim --json` prints for the same scenario and window', () => {
  const query = 'rx=0,1&entries=4:64,5:64&rate=6M&arrival=bursty';
  const sim = runSim([query, '--json', '--warmup', '1ms', '--duration', '4ms']);
  expect(sim.code).toBe(0);
  const point = runPoint(parseScenario(query).scenario, { warmupNs: 1e6, durationNs: 4e6 });
  expect(point.ok && JSON.parse(JSON.stringify(point.report))).toEqual(JSON.parse(sim.stdout));
  if (!point.ok) return;
  // The metrics are the report's figures summed: losses on a 64-slot ring at 6 Mpps in bursts.
  const m = metricValues(point.report);
  expect(m.kthreadPps).toBeCloseTo(point.report.kthread.reduce((a, k) => a + k.pps, 0));
  expect(m.lossPps).toBeGreaterThanOrEqual(m.ringFullPps ?? 0);
});

it('a point whose map create fails says why', () => {
  const point = runPoint(parseScenario('max=0').scenario, { warmupNs: 0, durationNs: 1e6 });
  expect(point).toEqual({ ok: false, message: expect.stringMatching(/^BPF_MAP_CREATE failed: -EINVAL/) });
});
