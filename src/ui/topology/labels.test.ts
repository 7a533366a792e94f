import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse';
import { PRESETS } from '../../scenario/presets';
import type { Topology } from '../../worker/protocol';
import { overlaps } from './geometry';
import { computeLayout, type LayoutEntry, type TopologyLayout } from './layout';
import { labelBoxes } from './labelBoxes';
import { LEGEND_ITEMS } from './legendLayout';

/** A preset's topology and entries: its initial entries, and for a qsize change the old entry tearing down beside the new. */
function presetLayout(query: string, width: number, height: number, projector: boolean): TopologyLayout {
  const { scenario } = parseScenario(query);
  const topology: Topology = {
    cpus: scenario.cpus,
    maxEntries: scenario.max,
    kernel: scenario.kernel,
    rx: scenario.rx.map((cpu, queue) => ({ queue, cpu, size: scenario.ring })),
    stack: scenario.stack,
  };
  const entries: LayoutEntry[] = scenario.entries.map((e, i) => ({ uid: i + 1, cpu: e.cpu, qsize: e.qsize }));
  for (const op of scenario.ops) if (op.op === 'update') entries.push({ uid: entries.length + 1, cpu: op.key, qsize: op.qsize });
  return computeLayout({ topology, entries, width, height, projector });
}

// The whole window, and the topology's own canvas as the page gives it at that window size
// (measured: beside the inspector and the scenario at 1366x768; beside the side pane in
// presentation mode at 1280x720).
const SIZES: { name: string; width: number; height: number; projector: boolean }[] = [
  { name: '1366x768', width: 1366, height: 768, projector: false },
  { name: 'its canvas at 1366x768', width: 750, height: 610, projector: false },
  { name: '1280x720 presenting', width: 1280, height: 720, projector: true },
  { name: 'its canvas at 1280x720 presenting', width: 776, height: 508, projector: true },
];

describe('the topology labels', () => {
  for (const size of SIZES) {
    it.each(PRESETS.map((p) => [p.id, p.query]))(`never overlap, for %s at ${size.name}`, (_id, query) => {
      const boxes = labelBoxes(presetLayout(query, size.width, size.height, size.projector));
      const clashes: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          if (overlaps(boxes[i].rect, boxes[j].rect)) clashes.push(`${boxes[i].name} / ${boxes[j].name}`);
      expect(clashes).toEqual([]);
    });
  }

  it.each(PRESETS.map((p) => [p.id, p.query]))('are at least 16 px presenting at 1280x720, for %s', (_id, query) => {
    const boxes = labelBoxes(presetLayout(query, 776, 508, true));
    expect(Math.min(...boxes.map((b) => b.px))).toBeGreaterThanOrEqual(16);
  });

  it.each(SIZES.map((s) => [s.name, s]))('name every CPU and show the whole legend at %s', (_name, size) => {
    const l = presetLayout(PRESETS[0].query, size.width, size.height, size.projector);
    const names = labelBoxes(l).map((b) => b.name);
    for (const c of l.cpus) expect(names).toContain(`CPU ${c.cpu} name`);
    expect(l.legendItems.map((i) => i.item)).toEqual(LEGEND_ITEMS.map((_, i) => i));
  });

  it('keep the ring clear of its text: the ring and its markers under the fill and state lines', () => {
    const l = presetLayout('rx=0&entries=4:192&rate=10k', 750, 610, false);
    const e = l.entries.get(1);
    expect(e).toBeDefined();
    if (e === undefined) return;
    expect(e.ring.mode).toBe('slots');
    expect(overlaps(e.ringZone, e.stateText)).toBe(false);
    expect(e.ringZone.y).toBeGreaterThanOrEqual(e.stateText.y + e.stateText.h);
  });
});
