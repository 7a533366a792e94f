/**
 * The inside of one CPU card: a header (name, RCU state, busy split), then on an RX CPU its NIC
 * queues, the NAPI/XDP box and one bulk-queue row of 8 slots per entry under the flush_needed
 * bits, and on a target CPU one row per entry (its ptr_ring and kthread) beside the stack box.
 * Frames flow left to right inside a card, as they do across the page.
 */
import { inset, rect, splitCols, splitRows, type Rect } from './geometry';
import { declutter, lineH, none, textPx } from './textSlots';

/** An entry as the layout needs it (the snapshot's uid, target CPU and ring size). */
export interface LayoutEntry {
  uid: number;
  cpu: number;
  qsize: number;
}

/** A NIC RX queue: its box and the bar its descriptor-ring fill is drawn in. */
export interface NicLayout {
  queue: number;
  cpu: number;
  size: number;
  box: Rect;
  fill: Rect;
  /** Text slots: "rxq N" (top left), "NAPI" while scheduled (top right), the fill or drop rate. */
  name: Rect;
  tag: Rect;
  count: Rect;
  /** Where the frames waiting in the queue are drawn (a few dots; the count says how many). */
  queued: Rect;
}

/** One CPU's bulk queue for one entry (frames from CPU `from` to the entry on CPU `to`). */
export interface BulkqLayout {
  uid: number;
  from: number;
  to: number;
  row: Rect;
  label: Rect;
  /** The 8 slots, left to right. */
  slots: Rect[];
}

/** A ptr_ring drawn as a circle of qsize slots (small rings) or as a fill gauge (large rings). */
export type RingShape =
  | { mode: 'slots'; cx: number; cy: number; r0: number; r1: number; /** room for the P, H, T letters */ letters: boolean }
  | { mode: 'gauge'; bar: Rect };

/** An entry on its target CPU: the ring and the kthread (`box` covers both). */
export interface EntryLayout {
  uid: number;
  cpu: number;
  qsize: number;
  box: Rect;
  ringBox: Rect;
  ring: RingShape;
  /** Everything the ring and its P, H and T markers may cover (the markers move round it). */
  ringZone: Rect;
  /** Text slots over the ring: its fill, then its lifecycle state and refcount. */
  fillText: Rect;
  stateText: Rect;
  kthread: Rect;
  /** Text slots in the kthread box: "kthread", what it does, its phase. */
  kthreadText: Rect[];
}

/** Which column of the page a CPU is in. */
export type CpuGroup = 'rx' | 'target' | 'idle';

/** One CPU card and everything inside it. */
export interface CpuLayout {
  cpu: number;
  group: CpuGroup;
  card: Rect;
  header: Rect;
  title: Rect;
  /** The RCU badge (a dot) in the header. */
  rcu: { x: number; y: number; r: number };
  /** The busy-split bar (softirq, ksoftirqd, kthread, switch) in the header. */
  busy: Rect;
  nics: NicLayout[];
  napi: Rect | null;
  /** Text slots in the NAPI box: "NAPI" (or "ksoftirqd"), "XDP". */
  napiText: Rect[];
  flushRow: Rect | null;
  /** The "flush" word before the flush_needed bits. */
  flushText: Rect;
  /** One cell per map key (flush_needed bit), left to right. */
  flushBits: Rect[];
  bulkqs: BulkqLayout[];
  entries: EntryLayout[];
  stack: Rect | null;
  /** Text slots in the stack box: "stack", the stack's verdict. */
  stackText: Rect[];
}

/** What a card holds. */
export interface CardSpec {
  cpu: number;
  group: CpuGroup;
  /** NIC queues bound to this CPU. */
  queues: { queue: number; size: number }[];
  /** Entries whose target is this CPU, oldest first. */
  own: LayoutEntry[];
  /** Every entry (an RX CPU has a bulk queue for each). */
  all: LayoutEntry[];
  /** Number of flush_needed bits (map keys) to draw. */
  keys: number;
  font: number;
  /** The smallest text size allowed (presentation mode's floor; 0 for none). */
  minText: number;
}

/** Rings up to this size are drawn as a circle of slots (when the card has room). */
export const MAX_SLOT_RING = 256;

/** Lays out one card in `card`. */
export function layoutCard(card: Rect, s: CardSpec): CpuLayout {
  const out = layoutParts(card, s);
  // Words that do not fit their box, or would run into one placed before, are left out.
  declutter(card, [
    out.title,
    ...out.nics.flatMap((n) => [n.name, n.count, n.tag]),
    ...out.napiText,
    out.flushText,
    ...out.bulkqs.map((b) => b.label),
    ...out.stackText,
    ...out.entries.flatMap((e) => [...e.kthreadText, e.fillText, e.stateText]),
  ]);
  return out;
}

function layoutParts(card: Rect, s: CardSpec): CpuLayout {
  const f = s.font;
  const pad = Math.max(1, Math.min(Math.min(card.w, card.h) * 0.04, f * 0.5));
  const hh = s.group === 'idle' ? card.h : Math.min(f * 1.7, card.h * 0.3);
  const header = rect(card.x, card.y, card.w, hh);
  const out: CpuLayout = {
    cpu: s.cpu,
    group: s.group,
    card,
    header,
    title: rect(card.x + pad, card.y, card.w * 0.42 - pad, Math.min(hh, Math.max(f * 1.7, lineH(textPx(f, s.minText, 1))))),
    rcu: { x: card.x + card.w * 0.48, y: card.y + Math.min(hh, f * 1.7) / 2, r: Math.max(1, Math.min(f * 0.45, card.w * 0.04, hh * 0.3)) },
    busy: rect(card.x + card.w * 0.55, card.y + Math.min(hh, f * 1.7) * 0.3, card.w * 0.45 - pad, Math.min(hh, f * 1.7) * 0.4),
    nics: [],
    napi: null,
    napiText: [],
    flushRow: null,
    flushText: none(),
    flushBits: [],
    bulkqs: [],
    entries: [],
    stack: null,
    stackText: [],
  };
  if (s.group === 'idle') return out;
  const body = inset(rect(card.x, card.y + hh, card.w, card.h - hh), pad, pad * 0.6);
  const gap = pad;
  const hasRx = s.queues.length > 0;
  const hasOwn = s.own.length > 0;
  if (hasRx && hasOwn) {
    // The RX half gets what its queues, XDP box and bulk-queue rows need, at most 55 %.
    const f = s.font;
    const need = Math.max(s.queues.length * f * 3.4, f * 4.6, f * 2.4 + s.all.length * f * 1.9);
    const rxH = Math.min(need, body.h * 0.55);
    const rx = rect(body.x, body.y, body.w, rxH);
    const tg = rect(body.x, body.y + rxH + gap, body.w, body.h - rxH - gap);
    layoutRx(out, rx, s, gap, false);
    layoutTarget(out, tg, s, gap);
  } else if (hasRx) {
    layoutRx(out, body, s, gap, true);
  } else if (hasOwn) {
    layoutTarget(out, body, s, gap);
  }
  return out;
}

function layoutRx(out: CpuLayout, sec: Rect, s: CardSpec, gap: number, withStack: boolean): void {
  const f = s.font;
  const px = (scale: number): number => textPx(f, s.minText, scale);
  const [nicCol, xdpCol, bqCol] = splitCols(sec, [0.25, 0.19, 0.56], gap);
  const nicRows = splitRows(
    nicCol,
    s.queues.map(() => 1),
    gap * 0.6,
  );
  // A queue box: its name and NAPI mark on the first line, the queued frames and the fill (or
  // the drop rate) on the second, the fill bar at the foot.
  const lh = lineH(px(0.85));
  s.queues.forEach((q, i) => {
    const r = nicRows[i];
    const fillH = Math.max(2, Math.min(r.h * 0.2, f * 0.6));
    const box = rect(r.x, r.y, r.w, Math.min(r.h, Math.max(f * 3.2, 2 * lh + fillH + 6)));
    const fill = inset(rect(box.x, box.y + box.h - fillH - 2, box.w, fillH), 3, 0);
    const line = (k: number): Rect => rect(box.x + 3, box.y + 1 + k * lh, box.w - 6, lh);
    const [l1, l2] = [line(0), line(1)];
    const second = l2.y + l2.h <= fill.y;
    out.nics.push({
      queue: q.queue,
      cpu: s.cpu,
      size: q.size,
      box,
      fill,
      name: rect(l1.x, l1.y, l1.w * 0.52, l1.h),
      tag: rect(l1.x + l1.w * 0.55, l1.y, l1.w * 0.45, l1.h),
      count: second ? rect(l2.x + l2.w * 0.3, l2.y, l2.w * 0.7, l2.h) : none(),
      queued: second ? rect(l2.x, l2.y, l2.w * 0.28, l2.h) : rect(l1.x, l1.y, l1.w, Math.max(0, fill.y - l1.y)),
    });
  });
  if (withStack) {
    const [napi, stack] = splitRows(xdpCol, [0.62, 0.38], gap);
    out.napi = rect(napi.x, napi.y, napi.w, Math.min(napi.h, f * 4.5));
    out.stack = rect(stack.x, stack.y + stack.h - Math.min(stack.h, f * 4), stack.w, Math.min(stack.h, f * 4));
    out.stackText = boxLines(out.stack, [px(0.9), px(0.8)], true);
  } else {
    const h = Math.min(xdpCol.h, f * 4.5);
    out.napi = rect(xdpCol.x, xdpCol.y + (xdpCol.h - h) / 2, xdpCol.w, h);
  }
  out.napiText = boxLines(out.napi, [px(0.9), px(0.85)], false);
  const labelW = Math.min(bqCol.w * 0.3, f * 2.8);
  const slotsX = bqCol.x + labelW;
  const slotsW = Math.max(0, bqCol.w - labelW);
  const fr = Math.max(2, Math.min(sec.h * 0.2, Math.max(f * 1.1, lineH(px(0.8)))));
  out.flushRow = rect(bqCol.x, bqCol.y, bqCol.w, fr);
  out.flushText = rect(bqCol.x, bqCol.y, labelW - 2, fr);
  const keys = Math.max(0, s.keys);
  for (let k = 0; k < keys; k++) {
    const cw = slotsW / keys;
    out.flushBits.push(inset(rect(slotsX + k * cw, bqCol.y, cw, fr), cw > 3 ? 0.5 : 0, 0));
  }
  if (s.all.length === 0) return;
  const rowsArea = rect(bqCol.x, bqCol.y + fr + gap, bqCol.w, bqCol.h - fr - gap);
  const n = s.all.length;
  const g = rowsArea.h / n > 8 ? gap * 0.4 : 0;
  const rowH = Math.max(0, Math.min(Math.max(f * 1.7, lineH(px(0.8))), (rowsArea.h - g * (n - 1)) / n));
  s.all.forEach((e, i) => {
    const row = rect(rowsArea.x, rowsArea.y + i * (rowH + g), rowsArea.w, rowH);
    const cell = slotsW / 8;
    const slots: Rect[] = [];
    for (let k = 0; k < 8; k++) slots.push(inset(rect(slotsX + k * cell, row.y, cell, row.h), cell > 4 ? 1 : 0, row.h > 4 ? 1 : 0));
    out.bulkqs.push({ uid: e.uid, from: s.cpu, to: e.cpu, row, label: rect(row.x, row.y, labelW - 2, row.h), slots });
  });
}

function layoutTarget(out: CpuLayout, sec: Rect, s: CardSpec, gap: number): void {
  const f = s.font;
  const px = (scale: number): number => textPx(f, s.minText, scale);
  const [left, stackCol] = splitCols(sec, [0.76, 0.24], gap);
  out.stack = stackCol;
  out.stackText = boxLines(stackCol, [px(0.9), px(0.8)], true);
  const rows = splitRows(
    left,
    s.own.map(() => 1),
    gap,
  );
  s.own.forEach((e, i) => {
    const row = rows[i];
    const [ringBox, kthCol] = splitCols(row, [0.56, 0.44], gap);
    const kh = Math.min(kthCol.h, f * 3.4);
    const kthread = rect(kthCol.x, kthCol.y + (kthCol.h - kh) / 2, kthCol.w, kh);
    // The ring's two lines of text on top, the ring and its markers under them.
    const tl = lineH(px(0.8));
    const fillText = rect(ringBox.x, ringBox.y, ringBox.w, tl);
    const stateText = rect(ringBox.x, ringBox.y + tl, ringBox.w, tl);
    const area = rect(ringBox.x, ringBox.y + 2 * tl, ringBox.w, ringBox.h - 2 * tl);
    const ring = ringShape(area, e.qsize, f, px(0.75));
    out.entries.push({
      uid: e.uid,
      cpu: e.cpu,
      qsize: e.qsize,
      box: row,
      ringBox,
      ring,
      ringZone: ringZone(ring, area, px(0.75)),
      fillText,
      stateText,
      kthread,
      kthreadText: kthreadLines(kthread, px(0.85)),
    });
  });
}

/** Lines of text centred in a box, from its top (or the first at the top, the last at the foot). */
function boxLines(r: Rect, sizes: number[], spread: boolean): Rect[] {
  const hs = sizes.map(lineH);
  if (spread && sizes.length === 2) {
    const top = rect(r.x + 2, r.y + 2, r.w - 4, hs[0]);
    const foot = rect(r.x + 2, r.y + r.h - 2 - hs[1], r.w - 4, hs[1]);
    return foot.y >= top.y + top.h ? [top, foot] : [top, none()];
  }
  let y = r.y + Math.max(2, r.h * 0.08);
  return hs.map((h) => {
    const line = rect(r.x + 2, y, r.w - 4, h);
    y += h;
    return line;
  });
}

/** The kthread box's lines, centred: its name and what it does, and its phase when there is room. */
function kthreadLines(k: Rect, px: number): Rect[] {
  const lh = px * 1.15;
  const n = k.h > lh * 3 ? 3 : 2;
  const y0 = k.y + k.h / 2 - (n * lh) / 2;
  return Array.from({ length: n }, (_, i) => rect(k.x + 3, y0 + i * lh, k.w - 6, lh));
}

/** How far outside the ring its marker ticks reach. */
function tickReach(markerPx: number): number {
  return Math.max(3, markerPx * 0.5) + 2;
}

/** How far outside the ring (or the gauge) its marker ticks and letters reach. */
function markerReach(markerPx: number): number {
  return Math.max(3, markerPx * 0.5) + markerPx * 1.1;
}

/** The ring with its markers: the square round the circle, or the band round the gauge. */
function ringZone(ring: RingShape, area: Rect, markerPx: number): Rect {
  const reach = markerReach(markerPx);
  if (ring.mode === 'slots') {
    const r = ring.r1 + (ring.letters ? reach : tickReach(markerPx));
    // Within the area it was fitted to (rounding must not lift it into the text above).
    const top = Math.max(area.y, ring.cy - r);
    return rect(ring.cx - r, top, 2 * r, Math.min(area.y + area.h, ring.cy + r) - top);
  }
  const top = Math.max(area.y, ring.bar.y - reach);
  return rect(area.x, top, area.w, Math.min(area.y + area.h, ring.bar.y + ring.bar.h + reach * 1.5) - top);
}

/**
 * A circle of slots when the ring is small and each slot gets 1 px of arc at mid radius, else a
 * gauge; either leaves room in `box` for the P, H and T markers' letters (`markerPx` high).
 */
export function ringShape(box: Rect, qsize: number, font: number, markerPx = font * 0.75): RingShape {
  const side = Math.min(box.w, box.h);
  // The letters go outside the ring (P) and inside it (H, T); a ring too small for them keeps its ticks.
  const lettered = side / 2 - markerReach(markerPx);
  const letters = lettered * 0.62 > markerPx * 3;
  const r1 = letters ? lettered : side / 2 - tickReach(markerPx);
  const r0 = r1 * 0.62;
  const midArc = (2 * Math.PI * (r0 + r1)) / 2 / Math.max(1, qsize);
  if (qsize <= MAX_SLOT_RING && r1 >= 12 && midArc >= 1) {
    return { mode: 'slots', cx: box.x + box.w / 2, cy: box.y + box.h / 2, r0, r1, letters };
  }
  const bh = Math.max(3, Math.min(box.h * 0.3, font * 2.2));
  // The P letter above the bar, H and T (staggered) under it.
  const reach = markerReach(markerPx);
  const y = Math.max(box.y + reach, Math.min(box.y + (box.h - bh) / 2, box.y + box.h - bh - reach * 1.5));
  return { mode: 'gauge', bar: rect(box.x + 2, y, box.w - 4, bh) };
}
