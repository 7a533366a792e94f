/**
 * An RX queue's interrupt moved to another CPU, as writing /proc/irq/N/smp_affinity does, and its
 * NAPI instance following it. The hard interrupt schedules NAPI on the CPU that took it
 * (____napi_schedule puts it on that CPU's softnet_data poll list), and a scheduled instance
 * stays on that list, polled again there, until napi_complete_done re-enables the interrupt. So a
 * poll already scheduled or running on the old CPU finishes there, and the first interrupt after
 * napi_complete_done is raised on the new CPU, whose polls then take the queue.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/write_irq_affinity
 * https://elixir.bootlin.com/linux/v5.2/C/ident/____napi_schedule
 * https://elixir.bootlin.com/linux/v5.2/C/ident/napi_complete_done
 */
import type { World } from '../world';
import { COST } from '../sim/costModel';
import type { OpOutcome } from './cpumap';
import { errno } from './errno';
import type { NicQueue } from './nicQueue';

/** Sets RX queue `queue`'s interrupt affinity to `cpu`, now. */
export function writeIrqAffinity(w: World, queue: number, cpu: number): OpOutcome {
  const q = w.nicQueues[queue];
  if (q === undefined) return { result: errno('ENOENT'), reason: `no RX queue ${queue}: the NIC has ${w.nicQueues.length}` };
  if (!(cpu < w.cpus.length)) return { result: errno('EINVAL'), reason: `CPU ${cpu} is not a possible CPU` };
  q.affinity = cpu;
  if (q.cpu === cpu) return { result: '0', reason: `RX queue ${queue}'s NAPI is on CPU ${cpu} already`, value: cpu };
  if (napiOnPollList(w, q)) {
    return {
      result: '0',
      reason: `NAPI of RX queue ${queue} is scheduled on CPU ${q.cpu}: it is polled there until napi_complete_done, then its interrupt goes to CPU ${cpu}`,
      value: cpu,
    };
  }
  moveNapi(w, q);
  return { result: '0', reason: `RX queue ${queue}'s interrupt goes to CPU ${cpu} from now`, value: cpu };
}

/**
 * napi_complete_done has just re-enabled the queue's interrupt: if its affinity changed while NAPI
 * was scheduled, the next interrupt, and so the next poll, is on the new CPU.
 */
export function napiFollowIrq(w: World, q: NicQueue): void {
  if (q.affinity !== q.cpu) moveNapi(w, q);
}

/** NAPI is scheduled (polling, interrupt masked), or its interrupt was already raised on its CPU. */
function napiOnPollList(w: World, q: NicQueue): boolean {
  return q.napiScheduled || q.irqAt - COST.irqToPoll <= w.now;
}

function moveNapi(w: World, q: NicQueue): void {
  const from = w.cpus[q.cpu].nicQueues;
  from.splice(from.indexOf(q), 1);
  q.cpu = q.affinity;
  w.cpus[q.cpu].nicQueues.push(q);
  if (q.irqAt < Infinity) w.kick(q.cpu, q.irqAt);
}
