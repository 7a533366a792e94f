import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '../../engine/snapshot';
import type { Topology } from '../../worker/protocol';
import { computeLayout } from './layout';
import { placementSignature, withPlacement } from './placement';

const topology: Topology = {
  cpus: 8,
  maxEntries: 8,
  kernel: '5.2',
  rx: [
    { queue: 0, cpu: 0, size: 512 },
    { queue: 1, cpu: 1, size: 512 },
  ],
  stack: 'udp-noport',
};

const snapshot = (cpus: number[], maxEntries: number | null): EngineSnapshot =>
  ({
    nicQueues: cpus.map((cpu, index) => ({ index, cpu, count: 0, size: 512, napiScheduled: false, nicDrops: 0 })),
    map: maxEntries === null ? null : { id: 8, maxEntries, fdClosed: false, slots: [] },
  }) as unknown as EngineSnapshot;

describe('the RX placement drawn', () => {
  it('follows an RX queue to the CPU that polls it now, and a re-created map to its max_entries', () => {
    const sig = placementSignature(snapshot([0, 5], 4));
    expect(sig).toBe('0,5|4');
    expect(withPlacement(topology, sig)).toEqual({
      ...topology,
      maxEntries: 4,
      rx: [
        { queue: 0, cpu: 0, size: 512 },
        { queue: 1, cpu: 5, size: 512 },
      ],
    });
    // The layout then draws queue 1 on CPU 5's card, among the RX CPUs.
    const layout = computeLayout({ topology: withPlacement(topology, sig), entries: [], width: 1200, height: 700 });
    expect(layout.nics.get(1)?.cpu).toBe(5);
    expect(layout.cpus[5].group).toBe('rx');
    expect(layout.cpus[1].group).not.toBe('rx');
  });

  it('keeps the loaded topology before the first snapshot, and its max_entries while no map exists', () => {
    expect(withPlacement(topology, placementSignature(null))).toBe(topology);
    expect(withPlacement(topology, placementSignature(snapshot([0, 1], null)))).toEqual(topology);
  });
});
