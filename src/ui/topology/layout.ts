/**
 * Where everything of the Topology region goes, in CSS pixels, from the loaded Topology, the
 * entries in the latest snapshot and the canvas size. Pure and deterministic: no DOM, no state.
 *
 * The page reads left to right as frames travel: RX CPUs (NIC queues, NAPI/XDP, bulk queues) in
 * the left column(s), target CPUs (ptr_rings, kthreads, the stack) on the right, the CPUs doing
 * neither in a compact band under them, and a strip of rates along the bottom. Each group wraps
 * into more columns as CPUs grow (1 to 64). `placePoint` says where a frame is at a place code.
 */
import {
  PLACE_BQ,
  PLACE_DELIVERED,
  PLACE_REDIRECTED,
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
  placeKind,
  placeValue,
} from '../../engine/moves';
import type { Topology } from '../../worker/protocol';
import {
  layoutCard,
  type BulkqLayout,
  type CpuGroup,
  type CpuLayout,
  type EntryLayout,
  type LayoutEntry,
  type NicLayout,
} from './cardLayout';
import { fitGrid, rect, spotIn, type Rect, type Spot } from './geometry';
import { layoutLegend, type LegendSlot } from './legendLayout';
import { lineH, textPx } from './textSlots';

export type { BulkqLayout, CpuGroup, CpuLayout, EntryLayout, LayoutEntry, NicLayout, RingShape } from './cardLayout';
export type { Rect, Spot } from './geometry';

/** Everything the renderers and the buttons need. */
export interface TopologyLayout {
  width: number;
  height: number;
  /** Label size in CSS pixels. */
  font: number;
  /** The smallest text drawn, in CSS pixels (presentation mode: 16, for a projector); 0 for none. */
  minText: number;
  /** Stroke width in CSS pixels. */
  line: number;
  /** Cards by CPU id. */
  cpus: CpuLayout[];
  /** Group captions ("RX CPUs", ...), where there is room. */
  groups: { title: string; rect: Rect }[];
  /** The rates strip along the bottom. */
  strip: Rect;
  /** The legend under it, on as many lines as it needs (empty when the canvas is too small). */
  legend: Rect;
  /** Each legend item's swatch and text, and the text's size. */
  legendItems: LegendSlot[];
  legendPx: number;
  nics: Map<number, NicLayout>;
  entries: Map<number, EntryLayout>;
  /** Bulk queues by `uid * 256 + cpu` (the PLACE_BQ value). */
  bulkqs: Map<number, BulkqLayout>;
  /** Where a frame is at each place code (see `placePoint`). */
  places: Map<number, Spot>;
}

/** What the layout is computed from. */
export interface LayoutInput {
  topology: Topology;
  /** Entries in the snapshot (live or tearing down). */
  entries: readonly LayoutEntry[];
  width: number;
  height: number;
  /** Bigger labels and thicker strokes for a projector. */
  projector?: boolean;
}

/** A string that changes exactly when the entries' part of the layout changes (for memoizing). */
export function entriesKey(entries: readonly LayoutEntry[]): string {
  return entries.map((e) => `${e.uid}:${e.cpu}:${e.qsize}`).join(',');
}

/** Computes the layout. */
export function computeLayout(input: LayoutInput): TopologyLayout {
  const { topology: t, width: W, height: H } = input;
  const base = Math.min(13, Math.max(9, Math.min(W, H) / 55));
  // A projector's room reads nothing under 16 px: the floor for every text, and a base above it.
  const font = input.projector ? Math.max(18, base * 1.35) : base;
  const minText = input.projector ? 16 : 0;
  const line = input.projector ? 2.5 : 1;
  const m = Math.round(font * 0.6);
  const gap = Math.max(3, Math.round(font * 0.5));
  const cpuCount = Math.max(0, t.cpus);
  const entries = [...input.entries].sort((a, b) => a.cpu - b.cpu || a.uid - b.uid);
  const rxCpus = new Set(t.rx.filter((q) => q.cpu < cpuCount).map((q) => q.cpu));
  const targetCpus = new Set(entries.map((e) => e.cpu).filter((c) => c < cpuCount && !rxCpus.has(c)));
  const rx: number[] = [];
  const target: number[] = [];
  const idle: number[] = [];
  for (let c = 0; c < cpuCount; c++) (rxCpus.has(c) ? rx : targetCpus.has(c) ? target : idle).push(c);

  const legendPx = textPx(font, minText, 0.8);
  const legendFit = H > 300 ? layoutLegend(m, 0, W - 2 * m, legendPx, 3) : { slots: [], height: 0 };
  const legendH = legendFit.height;
  const stripH = Math.min(Math.max(font * 4.6, 4.4 * lineH(textPx(font, minText, 0.85))), H * 0.22);
  const legend = rect(m, H - m - legendH, W - 2 * m, legendH);
  const legendItems = legendFit.slots.map((l) => ({
    item: l.item,
    swatch: rect(l.swatch.x, l.swatch.y + legend.y, l.swatch.w, l.swatch.h),
    text: rect(l.text.x, l.text.y + legend.y, l.text.w, l.text.h),
  }));
  const strip = rect(m, legend.y - stripH, W - 2 * m, stripH);
  const main = rect(m, m, W - 2 * m, strip.y - 2 * m);
  const right = target.length + idle.length > 0;
  // RX cards hold the most (queues, XDP, a bulk queue per entry); idle cards are one line.
  const share =
    target.length > 0 ? Math.min(0.6, Math.max(0.32, (1.3 * rx.length) / (1.3 * rx.length + target.length + 0.15 * idle.length))) : 0.64;
  const leftW = rx.length === 0 ? 0 : !right ? main.w : main.w * share;
  const left = rect(main.x, main.y, leftW, main.h);
  const rightR = rect(main.x + (leftW > 0 ? leftW + gap * 2 : 0), main.y, main.w - (leftW > 0 ? leftW + gap * 2 : 0), main.h);

  const groups: { title: string; rect: Rect }[] = [];
  const cells = new Map<number, { r: Rect; group: CpuGroup }>();
  const place_ = (cpus: number[], region: Rect, group: CpuGroup, title: string, aspect: number): void => {
    if (cpus.length === 0) return;
    const capH = Math.min(Math.max(font * 1.6, lineH(textPx(font, minText, 0.9))), region.h * 0.15);
    groups.push({ title, rect: rect(region.x, region.y, region.w, capH) });
    const grid = fitGrid(cpus.length, rect(region.x, region.y + capH, region.w, region.h - capH), aspect, gap);
    cpus.forEach((c, i) => cells.set(c, { r: grid[i], group }));
  };
  place_(rx, left, 'rx', 'RX CPUs: NIC queues, NAPI + XDP, bulk queues', 1.5);
  let idleH = 0;
  if (idle.length > 0) {
    const cellH = font * 2.2;
    const cols = Math.max(1, Math.floor((rightR.w + gap) / (cellH * 3.4 + gap)));
    const need = Math.ceil(idle.length / cols) * (cellH + gap) + font * 1.6;
    idleH = target.length > 0 ? Math.min(need, rightR.h * 0.4) : rightR.h;
  }
  const targetH = rightR.h - (idleH > 0 && target.length > 0 ? idleH + gap * 2 : idleH);
  place_(target, rect(rightR.x, rightR.y, rightR.w, targetH), 'target', 'Target CPUs: ptr_ring, kthread, stack', 1.5);
  place_(idle, rect(rightR.x, rightR.y + rightR.h - idleH, rightR.w, idleH), 'idle', 'Other CPUs', 3.4);

  const keys = Math.min(Math.max(0, t.maxEntries), 64);
  const cpus: CpuLayout[] = [];
  for (let c = 0; c < cpuCount; c++) {
    const cell = cells.get(c) as { r: Rect; group: CpuGroup };
    cpus.push(
      layoutCard(cell.r, {
        cpu: c,
        group: cell.group,
        queues: t.rx.filter((q) => q.cpu === c).map((q) => ({ queue: q.queue, size: q.size })),
        own: entries.filter((e) => e.cpu === c).sort((a, b) => a.uid - b.uid),
        all: entries,
        keys,
        font,
        minText,
      }),
    );
  }
  return { width: W, height: H, font, minText, line, cpus, groups, strip, legend, legendItems, legendPx, ...indexPlaces(cpus, font) };
}

function indexPlaces(cpus: CpuLayout[], font: number): Pick<TopologyLayout, 'nics' | 'entries' | 'bulkqs' | 'places'> {
  const nics = new Map<number, NicLayout>();
  const entries = new Map<number, EntryLayout>();
  const bulkqs = new Map<number, BulkqLayout>();
  const places = new Map<number, Spot>();
  for (const c of cpus) {
    places.set(place(PLACE_XDP, c.cpu), spotIn(c.napi ?? c.card, 0.5, 0.66, 0.24));
    const xdp = c.napi ?? c.card;
    places.set(place(PLACE_XDP_DROP, c.cpu), spotIn(xdp, 0.22, 0.86, 0));
    places.set(place(PLACE_REDIRECT_ERR, c.cpu), spotIn(xdp, 0.78, 0.86, 0));
    const stack = c.stack ?? c.card;
    places.set(place(PLACE_SKB, c.cpu), spotIn(stack, 0.22, 0.5, 0.12));
    places.set(place(PLACE_DELIVERED, c.cpu), spotIn(stack, 0.72, 0.3, 0.08));
    places.set(place(PLACE_STACK_DROP, c.cpu), spotIn(stack, 0.72, 0.76, 0));
    // Sent on by the entry's program, before the stack: it leaves at the card's edge.
    places.set(place(PLACE_REDIRECTED, c.cpu), spotIn(c.card, 0.99, 0.12, 0));
    for (const n of c.nics) {
      nics.set(n.queue, n);
      places.set(place(PLACE_NIC, n.queue), spotIn(n.queued, 0.5, 0.5, 0.3));
      places.set(place(PLACE_NIC_DROP, n.queue), spotIn(n.box, 0.08, 0.5, 0));
    }
    for (const b of c.bulkqs) {
      bulkqs.set(b.uid * 256 + b.from, b);
      const first = b.slots[0];
      const last = b.slots[7];
      const slots = rect(first.x, b.row.y, last.x + last.w - first.x, b.row.h);
      places.set(place(PLACE_BQ, b.uid * 256 + b.from), spotIn(slots, 0.5, 0.5, 0.42));
    }
    for (const e of c.entries) {
      entries.set(e.uid, e);
      const r = e.ring;
      if (r.mode === 'slots') {
        places.set(place(PLACE_RING, e.uid), { x: r.cx, y: r.cy, rx: r.r0 * 0.6, ry: r.r0 * 0.6 });
        places.set(place(PLACE_RING_FULL, e.uid), { x: r.cx - r.r1, y: r.cy, rx: 0, ry: 0 });
      } else {
        // Frames wait under the gauge, not on it: a dot's position must not look like its slot.
        const top = r.bar.y + r.bar.h + font * 1.6;
        const below = rect(r.bar.x, top, r.bar.w, e.ringBox.y + e.ringBox.h - top);
        places.set(place(PLACE_RING, e.uid), below.h >= 6 ? spotIn(below, 0.5, 0.5, 0.42) : spotIn(r.bar, 0.5, 0.5, 0.42));
        places.set(place(PLACE_RING_FULL, e.uid), spotIn(r.bar, 0, 0.5, 0));
      }
    }
  }
  return { nics, entries, bulkqs, places };
}

/**
 * Where a frame is at place `code`: the stored spot; for a per-CPU place or a bulk queue the
 * layout has no box for, that CPU's XDP spot (the middle of a card without an XDP box); null for
 * an unknown queue or entry (the frame is not drawn). Never allocates.
 */
export function placePoint(layout: TopologyLayout, code: number): Spot | null {
  const s = layout.places.get(code);
  if (s !== undefined) return s;
  const kind = placeKind(code);
  const v = placeValue(code);
  const cpu =
    kind === PLACE_BQ ? v % 256 : kind === PLACE_NIC || kind === PLACE_NIC_DROP || kind === PLACE_RING || kind === PLACE_RING_FULL ? -1 : v;
  if (cpu < 0 || cpu >= layout.cpus.length) return null;
  return layout.places.get(place(PLACE_XDP, cpu)) ?? null;
}
