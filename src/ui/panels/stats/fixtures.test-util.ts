/** Statistics fixtures for the panel's unit tests: hand-made edge cases and real engine runs. */
import { Engine } from '../../../engine/engine';
import type { RedirectCpuStats } from '../../../engine/stats/redirectCpu';
import { parseScenario } from '../../../scenario/parse';
import { StatsSampler, type StatsSample } from '../../../worker/statsSampler';

/** Rows the engine rarely produces: an RX error, a row without enqueue events, sticky sched. */
export const EDGE_STATS: RedirectCpuStats = {
  periodNs: 1e9,
  rx: [
    { cpu: 0, pps: 1234567.4, dropPps: 0, errPps: 0 },
    { cpu: 3, pps: 14_700_000, dropPps: 12, errPps: 5 },
    { cpu: 5, pps: 1, dropPps: 0, errPps: 0 },
  ],
  rxTotal: { pps: 15_934_568.4, dropPps: 12 },
  enqueue: [
    { from: 3, to: 4, pps: 6_190_000.5, dropPps: 8_510_000, bulkAvg: 8 },
    { from: 12, to: 4, pps: 1000, dropPps: 0, bulkAvg: 0 },
    { from: 0, to: 5, pps: 999.999, dropPps: 0, bulkAvg: 1.005 },
  ],
  enqueueSum: [
    { to: 4, pps: 6_191_000.5, dropPps: 8_510_000, bulkAvg: 7.99 },
    { to: 5, pps: 999.999, dropPps: 0, bulkAvg: 1.005 },
  ],
  kthread: [
    { cpu: 4, pps: 6_190_000, dropPps: 0, schedPps: 0 },
    { cpu: 5, pps: 1000, dropPps: 3, schedPps: 250 },
    { cpu: 6, pps: 10, dropPps: 0, schedPps: 0 },
  ],
  kthreadTotal: { cpu: -1, pps: 6_191_010, dropPps: 3, schedPps: 250 },
  redirectErrTotal: { pps: 0, dropPps: 42 },
  exceptionTotal: { pps: 0, dropPps: 0 },
  xdpInKthread: [
    { cpu: 4, passPps: 0, dropPps: 6_190_000, redirectPps: 0 },
    { cpu: 5, passPps: 750, dropPps: 0, redirectPps: 250 },
  ],
  xdpInKthreadTotal: { cpu: -1, passPps: 750, dropPps: 6_190_000, redirectPps: 250 },
};

/** Interval samples of a real run of `query`, `count` intervals of `periodNs`. */
export function engineSamples(query: string, count: number, periodNs: number): StatsSample[] {
  const e = new Engine(parseScenario(query).scenario);
  const sampler = new StatsSampler(periodNs);
  sampler.reset(e);
  sampler.runUntil(e, count * periodNs);
  return sampler.drain();
}
