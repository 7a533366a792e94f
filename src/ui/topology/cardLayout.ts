/**
 * The inside of one CPU card: a header (name, RCU state, busy split), then on an RX CPU its NIC
 * queues, the NAPI/XDP box and one bulk-queue row of 8 slots per entry under the flush_needed
 * bits, and on a target CPU one row per entry (its ptr_ring and kthread) beside the stack box.
 * Frames flow left to right inside a card, as they do across the page.
 */
import { inset, rect, splitCols, splitRows, type Rect } from './geometry';

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
export type RingShape = { mode: 'slots'; cx: number; cy: number; r0: number; r1: number } | { mode: 'gauge'; bar: Rect };

/** An entry on its target CPU: the ring and the kthread (`box` covers both). */
export interface EntryLayout {
  uid: number;
  cpu: number;
  qsize: number;
  box: Rect;
  ringBox: Rect;
  ring: RingShape;
  kthread: Rect;
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
  flushRow: Rect | null;
  /** One cell per map key (flush_needed bit), left to right. */
  flushBits: Rect[];
  bulkqs: BulkqLayout[];
  entries: EntryLayout[];
  stack: Rect | null;
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
}

/** Rings up to this size are drawn as a circle of slots (when the card has room). */
export const MAX_SLOT_RING = 256;

/** Lays out one card in `card`. */
export function layoutCard(card: Rect, s: CardSpec): CpuLayout {
  const f = s.font;
  const pad = Math.max(1, Math.min(Math.min(card.w, card.h) * 0.04, f * 0.5));
  const hh = s.group === 'idle' ? card.h : Math.min(f * 1.7, card.h * 0.3);
  const header = rect(card.x, card.y, card.w, hh);
  const out: CpuLayout = {
    cpu: s.cpu,
    group: s.group,
    card,
    header,
    title: rect(card.x + pad, card.y, card.w * 0.42 - pad, Math.min(hh, f * 1.7)),
    rcu: { x: card.x + card.w * 0.48, y: card.y + Math.min(hh, f * 1.7) / 2, r: Math.max(1, Math.min(f * 0.45, card.w * 0.04, hh * 0.3)) },
    busy: rect(card.x + card.w * 0.55, card.y + Math.min(hh, f * 1.7) * 0.3, card.w * 0.45 - pad, Math.min(hh, f * 1.7) * 0.4),
    nics: [],
    napi: null,
    flushRow: null,
    flushBits: [],
    bulkqs: [],
    entries: [],
    stack: null,
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
  const [nicCol, xdpCol, bqCol] = splitCols(sec, [0.25, 0.19, 0.56], gap);
  const nicRows = splitRows(
    nicCol,
    s.queues.map(() => 1),
    gap * 0.6,
  );
  s.queues.forEach((q, i) => {
    const r = nicRows[i];
    const box = rect(r.x, r.y, r.w, Math.min(r.h, f * 3.2));
    const fillH = Math.max(2, Math.min(box.h * 0.38, f));
    const fill = inset(rect(box.x, box.y + box.h - fillH - 2, box.w, fillH), 3, 0);
    out.nics.push({ queue: q.queue, cpu: s.cpu, size: q.size, box, fill });
  });
  if (withStack) {
    const [napi, stack] = splitRows(xdpCol, [0.62, 0.38], gap);
    out.napi = rect(napi.x, napi.y, napi.w, Math.min(napi.h, f * 4.5));
    out.stack = rect(stack.x, stack.y + stack.h - Math.min(stack.h, f * 4), stack.w, Math.min(stack.h, f * 4));
  } else {
    const h = Math.min(xdpCol.h, f * 4.5);
    out.napi = rect(xdpCol.x, xdpCol.y + (xdpCol.h - h) / 2, xdpCol.w, h);
  }
  const labelW = Math.min(bqCol.w * 0.3, f * 2.8);
  const slotsX = bqCol.x + labelW;
  const slotsW = Math.max(0, bqCol.w - labelW);
  const fr = Math.max(2, Math.min(sec.h * 0.14, f * 1.1));
  out.flushRow = rect(bqCol.x, bqCol.y, bqCol.w, fr);
  const keys = Math.max(0, s.keys);
  for (let k = 0; k < keys; k++) {
    const cw = slotsW / keys;
    out.flushBits.push(inset(rect(slotsX + k * cw, bqCol.y, cw, fr), cw > 3 ? 0.5 : 0, 0));
  }
  if (s.all.length === 0) return;
  const rowsArea = rect(bqCol.x, bqCol.y + fr + gap, bqCol.w, bqCol.h - fr - gap);
  const n = s.all.length;
  const g = rowsArea.h / n > 8 ? gap * 0.4 : 0;
  const rowH = Math.max(0, Math.min(f * 1.7, (rowsArea.h - g * (n - 1)) / n));
  s.all.forEach((e, i) => {
    const row = rect(rowsArea.x, rowsArea.y + i * (rowH + g), rowsArea.w, rowH);
    const cell = slotsW / 8;
    const slots: Rect[] = [];
    for (let k = 0; k < 8; k++) slots.push(inset(rect(slotsX + k * cell, row.y, cell, row.h), cell > 4 ? 1 : 0, row.h > 4 ? 1 : 0));
    out.bulkqs.push({ uid: e.uid, from: s.cpu, to: e.cpu, row, label: rect(row.x, row.y, labelW, row.h), slots });
  });
}

function layoutTarget(out: CpuLayout, sec: Rect, s: CardSpec, gap: number): void {
  const f = s.font;
  const [left, stackCol] = splitCols(sec, [0.76, 0.24], gap);
  out.stack = stackCol;
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
    out.entries.push({ uid: e.uid, cpu: e.cpu, qsize: e.qsize, box: row, ringBox, ring: ringShape(ringBox, e.qsize, f), kthread });
  });
}

/** A circle of slots when the ring is small and each slot gets 1 px of arc at mid radius, else a gauge. */
export function ringShape(box: Rect, qsize: number, font: number): RingShape {
  const side = Math.min(box.w, box.h);
  const r1 = side / 2 - Math.max(2, font * 0.35);
  const r0 = r1 * 0.62;
  const midArc = (2 * Math.PI * (r0 + r1)) / 2 / Math.max(1, qsize);
  if (qsize <= MAX_SLOT_RING && r1 >= 12 && midArc >= 1) {
    return { mode: 'slots', cx: box.x + box.w / 2, cy: box.y + box.h / 2, r0, r1 };
  }
  const bh = Math.max(3, Math.min(box.h * 0.3, font * 2.2));
  return { mode: 'gauge', bar: rect(box.x + 2, box.y + (box.h - bh) / 2, box.w - 4, bh) };
}
