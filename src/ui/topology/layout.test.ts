import { describe, expect, it } from 'vitest';
import {
  PLACE_BQ,
  PLACE_DELIVERED,
  PLACE_NIC,
  PLACE_NIC_DROP,
  PLACE_REDIRECT_ERR,
  PLACE_RING,
  PLACE_RING_FULL,
  PLACE_SKB,
  PLACE_STACK_DROP,
  PLACE_XDP,
  PLACE_XDP_DROP,
  place,
} from '../../engine/moves';
import type { Topology } from '../../worker/protocol';
import { contains, overlaps, type Rect } from './geometry';
import { computeLayout, entriesKey, placePoint, type LayoutEntry, type TopologyLayout } from './layout';

function topo(cpus: number, rx: number[], maxEntries = cpus): Topology {
  return { cpus, maxEntries, kernel: '5.2', rx: rx.map((cpu, queue) => ({ queue, cpu, size: 512 })), stack: 'udp-noport' };
}

function lay(cpus: number, rx: number[], entries: LayoutEntry[], w = 1200, h = 700, projector = false): TopologyLayout {
  return computeLayout({ topology: topo(cpus, rx), entries, width: w, height: h, projector });
}

const canvas = (l: TopologyLayout): Rect => ({ x: 0, y: 0, w: l.width, h: l.height });
const inside = (outer: Rect, r: Rect): boolean =>
  r.x >= outer.x - 1e-6 && r.y >= outer.y - 1e-6 && r.x + r.w <= outer.x + outer.w + 1e-6 && r.y + r.h <= outer.y + outer.h + 1e-6;

function noOverlap(rs: Rect[]): boolean {
  for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) if (overlaps(rs[i], rs[j])) return false;
  return true;
}

const defaults: LayoutEntry[] = [
  { uid: 1, cpu: 4, qsize: 192 },
  { uid: 2, cpu: 5, qsize: 192 },
];

describe('computeLayout', () => {
  it('is deterministic', () => {
    expect(lay(8, [0, 1], defaults)).toEqual(lay(8, [0, 1], [...defaults].reverse()));
  });

  it.each([1, 2, 3, 8, 16, 33, 64])('gives each of %i CPUs a card inside the canvas, none overlapping', (n) => {
    const rx = n === 1 ? [0] : [0, Math.min(1, n - 1)];
    const entries = n > 4 ? defaults : [{ uid: 1, cpu: n - 1, qsize: 64 }];
    for (const [w, h] of [
      [1200, 700],
      [640, 420],
      [1920, 1080],
    ]) {
      const l = lay(n, rx, entries, w, h);
      expect(l.cpus).toHaveLength(n);
      for (const c of l.cpus) {
        expect(inside(canvas(l), c.card)).toBe(true);
        expect(c.card.w).toBeGreaterThan(0);
        expect(c.card.h).toBeGreaterThan(0);
      }
      expect(noOverlap(l.cpus.map((c) => c.card))).toBe(true);
      expect(inside(canvas(l), l.strip)).toBe(true);
      expect(inside(canvas(l), l.legend)).toBe(true);
      expect(overlaps(l.strip, l.legend)).toBe(false);
      expect(l.cpus.some((c) => overlaps(c.card, l.strip) || overlaps(c.card, l.legend))).toBe(false);
    }
  });

  it('puts RX CPUs to the left of the others, and targets above the idle band', () => {
    const l = lay(16, [0, 1, 2, 3], defaults);
    const rx = l.cpus.filter((c) => c.group === 'rx');
    const rest = l.cpus.filter((c) => c.group !== 'rx');
    expect(rx.map((c) => c.cpu)).toEqual([0, 1, 2, 3]);
    const rxRight = Math.max(...rx.map((c) => c.card.x + c.card.w));
    expect(Math.min(...rest.map((c) => c.card.x))).toBeGreaterThan(rxRight);
    const targets = l.cpus.filter((c) => c.group === 'target');
    const idle = l.cpus.filter((c) => c.group === 'idle');
    expect(targets.map((c) => c.cpu)).toEqual([4, 5]);
    expect(idle).toHaveLength(10);
    expect(Math.min(...idle.map((c) => c.card.y))).toBeGreaterThan(Math.max(...targets.map((c) => c.card.y + c.card.h)));
  });

  it('wraps RX CPUs into more columns as they grow', () => {
    const l = lay(
      64,
      Array.from({ length: 16 }, (_, i) => i),
      defaults,
    );
    const xs = new Set(l.cpus.filter((c) => c.group === 'rx').map((c) => Math.round(c.card.x)));
    expect(xs.size).toBeGreaterThan(1);
  });

  it('lays out an RX card: NIC queues, NAPI/XDP, flush bits, a bulk queue of 8 per entry, all inside the card', () => {
    const l = lay(8, [0, 0, 1], defaults);
    const c0 = l.cpus[0];
    expect(c0.nics.map((n) => n.queue)).toEqual([0, 1]);
    expect(c0.napi).not.toBeNull();
    expect(c0.flushBits).toHaveLength(8);
    expect(c0.bulkqs.map((b) => [b.uid, b.from, b.to])).toEqual([
      [1, 0, 4],
      [2, 0, 5],
    ]);
    const parts: Rect[] = [
      ...c0.nics.map((n) => n.box),
      c0.napi as Rect,
      c0.stack as Rect,
      c0.flushRow as Rect,
      ...c0.bulkqs.map((b) => b.row),
    ];
    for (const p of parts) expect(inside(c0.card, p)).toBe(true);
    expect(noOverlap(parts)).toBe(true);
    for (const b of c0.bulkqs) {
      expect(b.slots).toHaveLength(8);
      expect(noOverlap(b.slots)).toBe(true);
      for (const s of b.slots) expect(inside(b.row, s)).toBe(true);
    }
    for (const n of c0.nics) expect(inside(n.box, n.fill)).toBe(true);
    expect(l.cpus[4].bulkqs).toHaveLength(0);
  });

  it('lays out a target card: each entry with its ring and kthread, then the stack', () => {
    // Two entries share the card: a 64-slot ring is a circle, a 4096-slot one a gauge (a 192-slot
    // ring here would leave under 1 px per slot once its text lines are kept clear of it).
    const l = lay(8, [0, 1], [{ uid: 1, cpu: 4, qsize: 64 }, defaults[1], { uid: 3, cpu: 4, qsize: 4096 }]);
    const c4 = l.cpus[4];
    expect(c4.entries.map((e) => e.uid)).toEqual([1, 3]);
    const parts: Rect[] = [c4.stack as Rect, ...c4.entries.flatMap((e) => [e.ringBox, e.kthread])];
    for (const p of parts) expect(inside(c4.card, p)).toBe(true);
    expect(noOverlap(parts)).toBe(true);
    expect(c4.entries[0].ring.mode).toBe('slots');
    expect(c4.entries[1].ring.mode).toBe('gauge');
    expect(l.entries.get(3)?.cpu).toBe(4);
  });

  it('gives a CPU that receives and is a target both halves', () => {
    const l = lay(8, [4, 1], defaults);
    const c4 = l.cpus[4];
    expect(c4.group).toBe('rx');
    expect(c4.nics).toHaveLength(1);
    expect(c4.entries.map((e) => e.uid)).toEqual([1]);
    const parts: Rect[] = [
      ...c4.nics.map((n) => n.box),
      c4.napi as Rect,
      ...c4.bulkqs.map((b) => b.row),
      c4.stack as Rect,
      ...c4.entries.flatMap((e) => [e.ringBox, e.kthread]),
    ];
    for (const p of parts) expect(inside(c4.card, p)).toBe(true);
    expect(noOverlap(parts)).toBe(true);
  });

  it('draws one flush bit per map key, at most 64', () => {
    expect(computeLayout({ topology: topo(8, [0], 3), entries: [], width: 900, height: 600 }).cpus[0].flushBits).toHaveLength(3);
    expect(computeLayout({ topology: topo(64, [0], 64), entries: [], width: 900, height: 600 }).cpus[0].flushBits).toHaveLength(64);
  });

  it('uses bigger labels and thicker strokes for a projector', () => {
    const a = lay(8, [0, 1], defaults);
    const b = lay(8, [0, 1], defaults, 1200, 700, true);
    expect(b.font).toBeGreaterThan(a.font);
    expect(b.line).toBeGreaterThan(a.line);
  });

  it('handles a tiny canvas without negative sizes', () => {
    const l = lay(64, [0, 1], defaults, 120, 80);
    for (const c of l.cpus) {
      expect(c.card.w).toBeGreaterThanOrEqual(0);
      expect(c.card.h).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('placePoint', () => {
  const l = lay(8, [0, 1], [...defaults, { uid: 3, cpu: 6, qsize: 8192 }]);
  const at = (kind: number, value: number) => placePoint(l, place(kind, value));
  const within = (r: Rect, kind: number, value: number) => {
    const s = at(kind, value);
    expect(s).not.toBeNull();
    if (s !== null) expect(contains(r, s.x, s.y)).toBe(true);
  };

  it('puts each place in its box', () => {
    within(l.nics.get(1)?.box as Rect, PLACE_NIC, 1);
    within(l.cpus[1].napi as Rect, PLACE_XDP, 1);
    within(l.bulkqs.get(2 * 256 + 1)?.row as Rect, PLACE_BQ, 2 * 256 + 1);
    within(l.entries.get(2)?.ringBox as Rect, PLACE_RING, 2);
    within(l.entries.get(3)?.ringBox as Rect, PLACE_RING, 3);
    within(l.cpus[5].stack as Rect, PLACE_SKB, 5);
    within(l.cpus[5].stack as Rect, PLACE_DELIVERED, 5);
  });

  it('puts terminal places near where they happen', () => {
    within(l.nics.get(0)?.box as Rect, PLACE_NIC_DROP, 0);
    within(l.cpus[0].napi as Rect, PLACE_XDP_DROP, 0);
    within(l.cpus[0].napi as Rect, PLACE_REDIRECT_ERR, 0);
    within(l.entries.get(1)?.ringBox as Rect, PLACE_RING_FULL, 1);
    within(l.cpus[4].stack as Rect, PLACE_STACK_DROP, 4);
    within(l.cpus[0].stack as Rect, PLACE_DELIVERED, 0); // the SKB path after the program is detached
    const d = at(PLACE_DELIVERED, 4);
    const x = at(PLACE_STACK_DROP, 4);
    expect(d !== null && x !== null && (d.x !== x.x || d.y !== x.y)).toBe(true);
  });

  it('falls back to the CPU card for per-CPU places without a box, and gives up on unknown entries', () => {
    within(l.cpus[7].card, PLACE_XDP, 7);
    within(l.cpus[7].card, PLACE_BQ, 9 * 256 + 7);
    expect(at(PLACE_RING, 99)).toBeNull();
    expect(at(PLACE_NIC, 9)).toBeNull();
    expect(at(PLACE_XDP, 8)).toBeNull();
  });

  it('returns the same object every time (no allocation per frame)', () => {
    expect(at(PLACE_RING, 1)).toBe(at(PLACE_RING, 1));
    expect(at(PLACE_BQ, 7 * 256 + 7)).toBe(at(PLACE_BQ, 7 * 256 + 7));
  });
});

describe('entriesKey', () => {
  it('changes with the uid, cpu and qsize of the entries only', () => {
    expect(entriesKey(defaults)).toBe(entriesKey(defaults.map((e) => ({ ...e }))));
    expect(entriesKey(defaults)).not.toBe(entriesKey([defaults[0], { ...defaults[1], qsize: 64 }]));
  });
});
