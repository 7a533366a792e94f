/**
 * Where the topology's words go. Every text the canvas draws has a slot, a rectangle the layout
 * reserves for it: the renderers draw each label inside its slot (squeezed to its width, or left
 * out), so the layout alone says where words are, and a test can check that no two overlap.
 */
import { overlaps, rect, type Rect } from './geometry';

/** The size of text drawn at `scale` times the base font, never under `min` (presentation mode's floor). */
export function textPx(font: number, min: number, scale: number): number {
  return Math.max(min, Math.round(font * scale * 10) / 10);
}

/** The height of a line of `px` text. */
export function lineH(px: number): number {
  return px * 1.25;
}

/** A rectangle of no size: a slot with no room, whose label is left out. */
export function none(): Rect {
  return rect(0, 0, 0, 0);
}

/** Whether a slot has room for a label (the renderers' own rule: at least 0.9 of the text's height). */
export function usableSlot(r: Rect, px: number): boolean {
  return r.w >= px * 1.2 && r.h >= px * 0.9;
}

function within(outer: Rect, r: Rect): boolean {
  const e = 0.5;
  return r.x >= outer.x - e && r.y >= outer.y - e && r.x + r.w <= outer.x + outer.w + e && r.y + r.h <= outer.y + outer.h + e;
}

/**
 * Empties, in order, every slot that leaves `bounds` or overlaps one kept before it: the first
 * slots are the most important (a CPU's name before its NIC queue's count). Slots are changed in
 * place, so the layout's own objects say what is drawn.
 */
export function declutter(bounds: Rect, slots: readonly Rect[]): void {
  const kept: Rect[] = [];
  for (const s of slots) {
    if (s.w <= 0 || s.h <= 0) continue;
    if (!within(bounds, s) || kept.some((k) => overlaps(k, s))) {
      s.w = 0;
      s.h = 0;
      continue;
    }
    kept.push(s);
  }
}
