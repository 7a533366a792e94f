import { describe, expect, it } from 'vitest';
import {
  PLACE_BQ,
  PLACE_DELIVERED,
  PLACE_NIC,
  PLACE_RING,
  PLACE_RING_FULL,
  PLACE_STACK_DROP,
  PLACE_XDP,
  PLACE_XDP_DROP,
  place,
} from '../../engine/moves';
import type { Journey } from '../frameBus';
import { fakeContext } from './fakeContext';
import { MAX_WAITING_DOTS, drawFrames, flowBucket, type FrameStyle } from './frames';
import { contains, type Rect } from './geometry';
import { computeLayout } from './layout';
import { defaultPalette } from './theme';

const layout = computeLayout({
  topology: { cpus: 8, maxEntries: 8, kernel: '5.2', rx: [{ queue: 0, cpu: 0, size: 512 }], stack: 'udp-noport' },
  entries: [{ uid: 1, cpu: 4, qsize: 192 }],
  width: 1200,
  height: 700,
});
const palette = defaultPalette('light', false);
const style = (over: Partial<FrameStyle> = {}): FrameStyle => ({
  palette,
  reducedMotion: false,
  travelNs: 200,
  flashNs: 500,
  radius: 3,
  line: 1,
  ...over,
});

function journey(places: number[], at: number[], flow = 7): Journey {
  return { flow, places, at };
}

const trip = journey([place(PLACE_NIC, 0), place(PLACE_XDP, 0), place(PLACE_BQ, 256 + 0), place(PLACE_RING, 1)], [0, 1000, 1100, 2000]);

/** Centres of the dots drawn (arc calls inside a fill). */
function dots(t: number, js: Map<number, Journey>, s = style(), colorBy: 'flow' | 'target' = 'flow') {
  const { ctx, calls } = fakeContext();
  const n = drawFrames(ctx, js, t, layout, colorBy, s);
  const centres = calls
    .filter((c) => c.name === 'arc' && c.fill !== undefined && calls.some((f) => f.name === 'fill'))
    .map((c) => ({ x: c.args[0] as number, y: c.args[1] as number, color: c.fill }));
  return { n, centres, calls };
}

describe('drawFrames', () => {
  it('draws a frame at its place between records, and nothing before it exists', () => {
    const js = new Map([[1, trip]]);
    expect(dots(-1, js).n).toBe(0);
    const at = dots(500, js);
    expect(at.n).toBe(1);
    expect(contains(layout.nics.get(0)?.box as Rect, at.centres[0].x, at.centres[0].y)).toBe(true);
    const inRing = dots(5000, js);
    expect(contains(layout.entries.get(1)?.ringBox as Rect, inRing.centres[0].x, inRing.centres[0].y)).toBe(true);
  });

  it('flies a frame to the next place in the last travelNs before it gets there', () => {
    const js = new Map([[1, trip]]);
    const a = dots(800, js).centres[0];
    const mid = dots(900, js).centres[0];
    const b = dots(1000, js).centres[0];
    expect(mid.x).toBeCloseTo((a.x + b.x) / 2);
    expect(mid.y).toBeCloseTo((a.y + b.y) / 2);
  });

  it('steps without flying under reduced motion', () => {
    const js = new Map([[1, trip]]);
    expect(dots(900, js, style({ reducedMotion: true })).centres[0]).toEqual(dots(500, js).centres[0]);
  });

  it('flashes a dropped frame for flashNs where it dropped, and lets a delivered one go', () => {
    const dropped = journey([place(PLACE_NIC, 0), place(PLACE_XDP, 0), place(PLACE_XDP_DROP, 0)], [0, 100, 200]);
    const delivered = journey([place(PLACE_NIC, 0), place(PLACE_DELIVERED, 0)], [0, 100]);
    const js = new Map([
      [1, dropped],
      [2, delivered],
    ]);
    const soon = dots(300, js);
    expect(soon.n).toBe(0);
    expect(soon.calls.filter((c) => c.name === 'stroke')).toHaveLength(1);
    expect(soon.calls.some((c) => c.name === 'stroke' && c.stroke === palette.color.verdict)).toBe(true);
    expect(dots(800, js).calls.filter((c) => c.name === 'stroke')).toHaveLength(0);
  });

  it("flashes a lost frame in the drop colour, one a verdict ended (XDP_DROP, the stack's discard) in the verdict colour", () => {
    const lost = journey([place(PLACE_NIC, 0), place(PLACE_XDP, 0), place(PLACE_RING_FULL, 1)], [0, 100, 200]);
    const xdpDrop = journey([place(PLACE_NIC, 0), place(PLACE_XDP, 0), place(PLACE_XDP_DROP, 0)], [0, 100, 200]);
    const stackDrop = journey([place(PLACE_NIC, 0), place(PLACE_XDP, 0), place(PLACE_STACK_DROP, 4)], [0, 100, 200]);
    const strokes = (js: Map<number, Journey>) =>
      dots(300, js)
        .calls.filter((c) => c.name === 'stroke')
        .map((c) => c.stroke);
    expect(palette.color.verdict).not.toBe(palette.color.drop);
    expect(strokes(new Map([[1, lost]]))).toEqual([palette.color.drop]);
    expect(strokes(new Map([[1, xdpDrop]]))).toEqual([palette.color.verdict]);
    expect(strokes(new Map([[1, stackDrop]]))).toEqual([palette.color.verdict]);
    expect(
      strokes(
        new Map([
          [1, lost],
          [2, stackDrop],
        ]),
      ),
    ).toEqual([palette.color.drop, palette.color.verdict]);
  });

  it('flashes NIC drops, which have no journey', () => {
    const { ctx, calls } = fakeContext();
    drawFrames(ctx, new Map(), 300, layout, 'flow', style({ nicDrops: [{ place: place(7, 0), at: 100 }] }));
    expect(calls.filter((c) => c.name === 'stroke')).toHaveLength(1);
  });

  it('colours by flow, or by target CPU once the frame has one', () => {
    const js = new Map([[1, trip]]);
    expect(dots(500, js).centres[0].color).toBe(palette.dots[flowBucket(7)]);
    expect(dots(500, js, style(), 'target').centres[0].color).toBe(palette.neutralDot);
    expect(dots(1500, js, style(), 'target').centres[0].color).toBe(palette.dots[4]);
  });

  it('draws a few of the frames waiting in a NIC queue, inside its box, and every frame in flight', () => {
    const js = new Map<number, Journey>();
    for (let f = 0; f < 300; f++) js.set(f, journey(trip.places, trip.at, f));
    const waiting = dots(500, js);
    expect(waiting.n).toBe(MAX_WAITING_DOTS);
    const box = layout.nics.get(0)?.box as Rect;
    for (const c of waiting.centres) expect(contains(box, c.x, c.y)).toBe(true);
    // On their way to XDP (the last 100 ns before 1000) they all fly.
    expect(dots(950, js).n).toBe(300);
  });

  it('draws a thousand frames with one path per colour', () => {
    const js = new Map<number, Journey>();
    for (let f = 0; f < 1200; f++) js.set(f, journey(trip.places, trip.at, f));
    const { n, calls } = dots(1500, js);
    expect(n).toBe(1200);
    expect(calls.filter((c) => c.name === 'fill').length).toBeLessThanOrEqual(9);
    expect(calls.filter((c) => c.name === 'beginPath').length).toBeLessThanOrEqual(9);
  });
});
