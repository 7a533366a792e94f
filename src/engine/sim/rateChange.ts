/**
 * A change of the offered load (the `rate` item of `ops`): the traffic generator sends a new rate
 * from now on, split over the RX queues by their share of the flows as at the start, at most the
 * line rate. Not a kernel operation: the NIC just sees arrivals at the new rate.
 */
import type { World } from '../world';
import type { OpOutcome } from '../kernel/cpumap';
import { lineRatePps } from '../../scenario/defaults';
import { formatRate } from '../../scenario/units';
import { COST } from './costModel';

/** Sets the offered load to `rate` frames per second over all RX queues, now. */
export function setOfferedRate(w: World, rate: number): OpOutcome {
  const s = w.scenario;
  const line = lineRatePps(s.link, s.size);
  const pps = Math.min(rate, line);
  for (const q of w.nicQueues) {
    // Frames that arrived up to now came at the old rate.
    q.receiveUntil(w.now, w.pool, w.acct, w.moves);
    q.arrivals.restart((pps * q.arrivals.flowCount) / s.flows, w.now);
    // An armed interrupt with no frame waiting was set for the old process's next arrival: it is
    // raised by the new process's first one instead (interrupt moderation still counts).
    if (!q.napiScheduled && q.count === 0) {
      q.rearmIrq(COST.irqToPoll);
      if (q.irqAt < Infinity) w.kick(q.cpu, q.irqAt);
    }
  }
  const capped = pps < rate ? `, capped at the line rate` : '';
  return { result: '0', reason: `offered load ${formatRate(pps)} pps from now${capped}`, value: pps };
}
