/**
 * Frames in flight as dots, placed at draw time from their journeys (place, at) like RaftScope's
 * messages: a frame sits at a place from the time it got there, and in the last `travelNs` before
 * it reaches the next place it flies there. A frame that reaches a drop place flashes there for
 * `flashNs`: in the drop colour where it was lost (a full NIC ring, a redirect error, a full
 * ptr_ring), in the verdict colour where a verdict ended it (XDP_DROP, the stack's discard); a
 * delivered frame simply leaves. With reduced motion frames step from place to place.
 *
 * Dots are gathered into one typed-array bucket per colour and drawn as one path per colour, so
 * a thousand frames cost a few paths and no allocation (buffers grow only when they must).
 */
import {
  PLACE_BQ,
  PLACE_DELIVERED,
  PLACE_REDIRECTED,
  PLACE_NIC,
  PLACE_RING,
  PLACE_RING_FULL,
  PLACE_STACK_DROP,
  PLACE_XDP_DROP,
  isTerminal,
  placeKind,
  placeValue,
} from '../../engine/moves';
import type { Journey } from '../frameBus';
import type { ColorBy } from '../store';
import { placePoint, type TopologyLayout } from './layout';
import type { Palette } from './theme';

/** How frames are drawn. */
export interface FrameStyle {
  palette: Palette;
  reducedMotion: boolean;
  /** Simulated ns a frame takes to fly from one place to the next (at most the gap between them). */
  travelNs: number;
  /** Simulated ns a dropped frame flashes where it dropped. */
  flashNs: number;
  /** Dot radius in px. */
  radius: number;
  /** Stroke width in px. */
  line: number;
  /** Frames dropped at a full NIC ring (they have no journey), oldest first. */
  nicDrops?: readonly { place: number; at: number }[];
}

const BUCKETS = 9; // 8 colours and "target not known yet"
const NEUTRAL = 8;

/** Growable typed arrays of points (x, y and one value each). */
class Points {
  xs = new Float32Array(256);
  ys = new Float32Array(256);
  vs = new Float32Array(256);
  n = 0;
  push(x: number, y: number, v = 0): void {
    if (this.n === this.xs.length) {
      const grow = (a: Float32Array<ArrayBuffer>): Float32Array<ArrayBuffer> => {
        const b = new Float32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.xs = grow(this.xs);
      this.ys = grow(this.ys);
      this.vs = grow(this.vs);
    }
    this.xs[this.n] = x;
    this.ys[this.n] = y;
    this.vs[this.n] = v;
    this.n++;
  }
}

const dots = Array.from({ length: BUCKETS }, () => new Points());

/**
 * At most this many frames waiting in one NIC queue or ptr_ring are drawn: hundreds of dots would
 * spill out of the box as a cloud, and the box's own count already says how many wait there.
 */
export const MAX_WAITING_DOTS = 8;
/** Frames drawn waiting so far this frame, by place code (cleared each frame, no allocation once warm). */
const waiting = new Map<number, number>();

function waitsInBox(kind: number): boolean {
  return kind === PLACE_NIC || kind === PLACE_RING;
}
/** Frames lost: where, and the fraction of the flash already gone. */
const flashes = new Points();
/** Frames a verdict dropped (XDP_DROP, the stack's discard): the same, in the verdict colour. */
const verdicts = new Points();

/** Sunflower offsets in the unit disk, so dots at one place spread evenly and stay put. */
const JX = new Float32Array(256);
const JY = new Float32Array(256);
for (let k = 0; k < 256; k++) {
  const rad = Math.sqrt((k + 0.5) / 256);
  JX[k] = rad * Math.cos(k * 2.399963);
  JY[k] = rad * Math.sin(k * 2.399963);
}

/** Colour bucket of a frame by its target CPU, once it has one (a bulk queue or ring in its past). */
function targetBucket(j: Journey, upTo: number, layout: TopologyLayout): number {
  for (let k = upTo; k >= 0; k--) {
    const code = j.places[k];
    const kind = placeKind(code);
    const uid =
      kind === PLACE_BQ ? Math.floor(placeValue(code) / 256) : kind === PLACE_RING || kind === PLACE_RING_FULL ? placeValue(code) : -1;
    if (uid < 0) continue;
    const e = layout.entries.get(uid);
    return e === undefined ? NEUTRAL : e.cpu % 8;
  }
  return NEUTRAL;
}

/** Where the last dotPoint put its frame (a shared scratch point: no allocation per frame). */
const dot = { x: 0, y: 0, flying: false };

/**
 * Places frame `id`, at place `i` of its journey at `simNs` (not a terminal place), into `dot`:
 * spread over the place's area, flying to the next place in the last `travelNs` before reaching
 * it (`dot.flying`). False when the layout has no point for the place.
 */
function dotPoint(
  j: Journey,
  id: number,
  i: number,
  simNs: number,
  layout: TopologyLayout,
  reducedMotion: boolean,
  travelNs: number,
): boolean {
  const s = placePoint(layout, j.places[i]);
  if (s === null) return false;
  const k = Math.imul(id, 157) & 255;
  let x = s.x + JX[k] * s.rx;
  let y = s.y + JY[k] * s.ry;
  dot.flying = false;
  if (!reducedMotion && i + 1 < j.places.length) {
    const t1 = j.at[i + 1];
    const start = Math.max(j.at[i], t1 - travelNs);
    if (simNs > start && t1 > start) {
      dot.flying = true;
      const d = placePoint(layout, j.places[i + 1]);
      if (d !== null) {
        const f = (simNs - start) / (t1 - start);
        x += (d.x + JX[k] * d.rx - x) * f;
        y += (d.y + JY[k] * d.ry - y) * f;
      }
    }
  }
  dot.x = x;
  dot.y = y;
  return true;
}

/** Index of the place journey `j` is at, at `simNs`; -1 before the frame arrived. */
function placeIndexAt(j: Journey, simNs: number): number {
  const n = j.places.length;
  if (n === 0 || j.at[0] > simNs) return -1;
  let i = n - 1;
  while (i > 0 && j.at[i] > simNs) i--;
  return i;
}

/**
 * The frame drawn nearest to (`x`, `y`) at `simNs`, if one is within `maxDist` px: a click on the
 * topology picks it (dots are small, so "near" is enough).
 */
export function nearestFrame(
  journeys: ReadonlyMap<number, Journey>,
  simNs: number,
  layout: TopologyLayout,
  motion: { reducedMotion: boolean; travelNs: number },
  x: number,
  y: number,
  maxDist: number,
): number | null {
  let best: number | null = null;
  let bestD = maxDist * maxDist;
  for (const d of frameDots(journeys, simNs, layout, motion)) {
    const dist = (d.x - x) ** 2 + (d.y - y) ** 2;
    if (dist <= bestD) {
      bestD = dist;
      best = d.frame;
    }
  }
  return best;
}

/** Every frame drawn as a dot at `simNs`, with its position (a click picks from them; tests aim with them). */
export function frameDots(
  journeys: ReadonlyMap<number, Journey>,
  simNs: number,
  layout: TopologyLayout,
  motion: { reducedMotion: boolean; travelNs: number },
): { frame: number; x: number; y: number }[] {
  const out: { frame: number; x: number; y: number }[] = [];
  journeys.forEach((j, id) => {
    const i = placeIndexAt(j, simNs);
    if (i >= 0 && !isTerminal(placeKind(j.places[i])) && dotPoint(j, id, i, simNs, layout, motion.reducedMotion, motion.travelNs))
      out.push({ frame: id, x: dot.x, y: dot.y });
  });
  return out;
}

/** Colour bucket of a flow (a hash, so neighbouring flows differ). */
export function flowBucket(flow: number): number {
  return Math.imul(flow + 1, 0x9e3779b1) >>> 29;
}

/**
 * Draws every recorded frame at simulated time `simNs`. Returns how many dots it drew (flashes
 * not counted).
 */
export function drawFrames(
  ctx: CanvasRenderingContext2D,
  journeys: ReadonlyMap<number, Journey>,
  simNs: number,
  layout: TopologyLayout,
  colorBy: ColorBy,
  style: FrameStyle,
): number {
  for (const b of dots) b.n = 0;
  flashes.n = 0;
  verdicts.n = 0;
  waiting.clear();
  const { reducedMotion, travelNs, flashNs } = style;
  journeys.forEach((j, id) => {
    const at = j.at;
    const i = placeIndexAt(j, simNs);
    if (i < 0) return;
    const code = j.places[i];
    const kind = placeKind(code);
    if (isTerminal(kind)) {
      if (kind === PLACE_DELIVERED || kind === PLACE_REDIRECTED || simNs - at[i] >= flashNs) return;
      const s = placePoint(layout, code);
      if (s === null) return;
      (kind === PLACE_XDP_DROP || kind === PLACE_STACK_DROP ? verdicts : flashes).push(s.x, s.y, (simNs - at[i]) / flashNs);
      return;
    }
    if (!dotPoint(j, id, i, simNs, layout, reducedMotion, travelNs)) return;
    if (!dot.flying && waitsInBox(kind)) {
      const seen = waiting.get(code) ?? 0;
      waiting.set(code, seen + 1);
      if (seen >= MAX_WAITING_DOTS) return;
    }
    dots[colorBy === 'flow' ? flowBucket(j.flow) : targetBucket(j, i, layout)].push(dot.x, dot.y);
  });
  const drops = style.nicDrops;
  if (drops !== undefined) {
    for (let i = drops.length - 1; i >= 0; i--) {
      const d = drops[i];
      if (d.at > simNs) continue;
      if (simNs - d.at >= flashNs) break;
      const s = placePoint(layout, d.place);
      if (s === null) continue;
      flashes.push(s.x, s.y, (simNs - d.at) / flashNs);
    }
  }
  const r = style.radius;
  let drawn = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const pts = dots[b];
    if (pts.n === 0) continue;
    ctx.fillStyle = b === NEUTRAL ? style.palette.neutralDot : style.palette.dots[b];
    ctx.beginPath();
    for (let i = 0; i < pts.n; i++) {
      ctx.moveTo(pts.xs[i] + r, pts.ys[i]);
      ctx.arc(pts.xs[i], pts.ys[i], r, 0, Math.PI * 2);
    }
    ctx.fill();
    drawn += pts.n;
  }
  drawFlashes(ctx, style, flashes, style.palette.color.drop);
  drawFlashes(ctx, style, verdicts, style.palette.color.verdict);
  return drawn;
}

/** Each drop: an X and a ring that grows as it fades (a fixed ring with reduced motion). */
function drawFlashes(ctx: CanvasRenderingContext2D, style: FrameStyle, flashes: Points, color: string): void {
  if (flashes.n === 0) return;
  const r = style.radius;
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.max(1.5, style.line * 1.5);
  ctx.beginPath();
  for (let i = 0; i < flashes.n; i++) {
    const x = flashes.xs[i];
    const y = flashes.ys[i];
    const rr = style.reducedMotion ? r * 2.2 : r * (1.5 + 2.5 * flashes.vs[i]);
    ctx.moveTo(x + rr, y);
    ctx.arc(x, y, rr, 0, Math.PI * 2);
    ctx.moveTo(x - r, y - r);
    ctx.lineTo(x + r, y + r);
    ctx.moveTo(x + r, y - r);
    ctx.lineTo(x - r, y + r);
  }
  ctx.stroke();
}
