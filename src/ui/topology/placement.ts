/**
 * The machine as it is now, for the layout: the topology is sent once, when a scenario loads, but
 * an RX queue's NAPI can move to another CPU (an `irq` op, once NAPI completes) and a re-created
 * map can have another max_entries. The snapshot carries both; these functions fold them in.
 */
import type { EngineSnapshot } from '../../engine/snapshot';
import type { Topology } from '../../worker/protocol';

/** "cpu,cpu,...|maxEntries" from the snapshot: changes exactly when the placement drawn changes ('' before one). */
export function placementSignature(s: EngineSnapshot | null): string {
  if (s === null) return '';
  return `${s.nicQueues.map((q) => q.cpu).join(',')}|${s.map === null ? '' : s.map.maxEntries}`;
}

/** `t` with each RX queue on the CPU the signature says polls it, and the current map's max_entries. */
export function withPlacement(t: Topology, signature: string): Topology {
  if (signature === '') return t;
  const [cpus, max] = signature.split('|');
  const cpuOf = cpus === '' ? [] : cpus.split(',').map(Number);
  return {
    ...t,
    maxEntries: max === '' ? t.maxEntries : Number(max),
    rx: t.rx.map((q) => ({ ...q, cpu: cpuOf[q.queue] ?? q.cpu })),
  };
}
