import { describe, expect, it } from 'vitest';
import { describeMachine } from '../../../engine/lifecycle/describe';
import { entryMachine } from '../../../engine/lifecycle/entryMachine';
import { entryMachineRcuWork } from '../../../engine/lifecycle/entryMachineRcuWork';
import { layoutChart, type StateBox } from './layout';

const described = describeMachine(entryMachine);
const chart = layoutChart(described.states, described.transitions);

function overlap(a: StateBox, b: StateBox): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('layoutChart on the entry machine', () => {
  it('gives every state a box and every transition an arrow', () => {
    expect(chart.boxes.map((b) => b.id)).toEqual(described.states.map((s) => s.id));
    expect(chart.arrows.map((a) => `${a.from}-${a.event}->${a.to}`)).toEqual(
      described.transitions.map((t) => `${t.from}-${t.event}->${t.to}`),
    );
    expect(chart.boxes.length).toBeGreaterThanOrEqual(8);
  });

  it('marks exactly the final states', () => {
    const finals = chart.boxes
      .filter((b) => b.final)
      .map((b) => b.id)
      .sort();
    expect(finals).toEqual(
      described.states
        .filter((s) => s.final)
        .map((s) => s.id)
        .sort(),
    );
    expect(finals).toEqual(['allocFailed', 'freed', 'leaked']);
  });

  it('puts the teardown order down the main path', () => {
    const spine = chart.boxes
      .filter((b) => b.spine)
      .sort((a, b) => a.y - b.y)
      .map((b) => b.id);
    expect(spine).toEqual(['allocating', 'live', 'detached', 'bulkqFlushed', 'kthreadStopping', 'freed']);
  });

  it('keeps boxes apart and inside the picture', () => {
    for (const [i, a] of chart.boxes.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y).toBeGreaterThanOrEqual(0);
      expect(a.x + a.w).toBeLessThanOrEqual(chart.width);
      expect(a.y + a.h).toBeLessThanOrEqual(chart.height);
      for (const b of chart.boxes.slice(i + 1)) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
    }
  });

  it('ends each arrow on its target box border and starts it on its source', () => {
    const byId = new Map(chart.boxes.map((b) => [b.id, b]));
    const onBorder = (b: StateBox, [x, y]: [number, number]): boolean =>
      x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h && (x === b.x || x === b.x + b.w || y === b.y || y === b.y + b.h);
    for (const a of chart.arrows) {
      expect(a.points.length).toBeGreaterThanOrEqual(2);
      expect(onBorder(byId.get(a.from) as StateBox, a.points[0]), `${a.event} start`).toBe(true);
      expect(onBorder(byId.get(a.to) as StateBox, a.points[a.points.length - 1]), `${a.event} end`).toBe(true);
      expect(a.label.x).toBeGreaterThan(0);
      expect(a.label.x).toBeLessThan(chart.width);
    }
  });

  it('is deterministic', () => {
    expect(layoutChart(described.states, described.transitions)).toEqual(chart);
  });
});

describe('layoutChart edge cases', () => {
  it('handles an empty machine', () => {
    expect(layoutChart([], []).boxes).toEqual([]);
  });

  it('stacks two branches of one state without overlap, and loops a self transition', () => {
    const s = (id: string, final = false) => ({ id, final, description: '' });
    const t = (from: string, to: string, event: string) => ({ from, to, event, description: '' });
    const l = layoutChart(
      [s('a'), s('b'), s('x', true), s('y', true)],
      [t('a', 'b', 'GO'), t('a', 'x', 'X'), t('a', 'y', 'Y'), t('b', 'b', 'SELF')],
    );
    const [, , x, y] = l.boxes;
    expect(overlap(x, y)).toBe(false);
    // Paths a->b, a->x and a->y tie; the first transition wins, so both finals are branches.
    expect(l.boxes.filter((b) => b.spine).map((b) => b.id)).toEqual(['a', 'b']);
    expect(x.x).toBe(y.x);
    expect(l.arrows).toHaveLength(4);
    expect(l.arrows[3].points.length).toBe(4);
  });
});

describe('the v6.6 machine', () => {
  const rcuWork = describeMachine(entryMachineRcuWork);
  const chart = layoutChart(rcuWork.states, rcuWork.transitions);

  it('routes MAP_FREE, which skips detached, around the boxes it passes instead of through them', () => {
    const mapFree = chart.arrows.find((a) => a.event === 'MAP_FREE')!;
    const detached = chart.boxes.find((b) => b.id === 'detached')!;
    expect(mapFree.points.length).toBe(4);
    for (const [x] of mapFree.points) expect(x).toBeGreaterThanOrEqual(detached.x + detached.w);
  });
});
