/** The static shape of the machine the page draws, as the worker reports it on 'loaded'. */
import type { Engine } from '../engine/engine';
import type { Topology } from './protocol';

export function topologyOf(engine: Engine): Topology {
  const s = engine.scenario;
  return {
    cpus: s.cpus,
    maxEntries: s.max,
    kernel: s.kernel,
    rx: engine.world.nicQueues.map((q) => ({ queue: q.index, cpu: q.cpu, size: q.size })),
    stack: s.stack,
    ...(s.mode === 'skb' ? { genericXdp: true } : {}),
  };
}
