/**
 * Small canvas helpers shared by the renderers: boxes, labels that fit or are left out, and the
 * per-frame drawing context (palette, sizes, the snapshot's lookups).
 */
import type { EngineSnapshot, EntrySnapshot } from '../../engine/snapshot';
import type { Rect } from './geometry';
import { textPx } from './textSlots';
import type { TopologyLayout } from './layout';
import type { Rates } from './rates';
import type { ColorName, Palette } from './theme';

/** What every renderer gets for one frame. */
export interface Paint {
  ctx: CanvasRenderingContext2D;
  layout: TopologyLayout;
  palette: Palette;
  snapshot: EngineSnapshot | null;
  rates: Rates;
  /** Frames are recorded one by one (dots shown); otherwise only rates. */
  recording: boolean;
  /** Stroke width. */
  line: number;
  /** Label size in px. */
  font: number;
  /** The smallest text size (presentation mode's floor). */
  minText: number;
  /** Size of the font last set with setFont. */
  fontPx: number;
  /** The scenario's stack verdict ("udp-noport", ...). */
  stackName: string;
  /** Generic XDP (`mode=skb`): the program runs on SKBs and no bulk queue is used. */
  genericXdp: boolean;
  /** The snapshot's entries by uid (rebuilt each frame, reused map). */
  entries: Map<number, EntrySnapshot>;
}

/** The label font at `scale` times the base size. */
export function setFont(p: Paint, scale = 1, weight = ''): number {
  const px = textPx(p.font, p.minText, scale);
  p.fontPx = px;
  p.ctx.font = `${weight}${weight ? ' ' : ''}${px}px system-ui, -apple-system, "Segoe UI", sans-serif`;
  return px;
}

/** A colour of the palette. */
export function col(p: Paint, name: ColorName): string {
  return p.palette.color[name];
}

/** Fills and/or strokes a rectangle. */
export function box(p: Paint, r: Rect, fill: string | null, stroke: string | null, lineWidth = p.line): void {
  const { ctx } = p;
  if (fill !== null) {
    ctx.fillStyle = fill;
    ctx.fillRect(r.x, r.y, r.w, r.h);
  }
  if (stroke !== null && r.w > 2 && r.h > 2) {
    ctx.strokeStyle = stroke;
    ctx.lineWidth = lineWidth;
    ctx.strokeRect(r.x + lineWidth / 2, r.y + lineWidth / 2, r.w - lineWidth, r.h - lineWidth);
  }
}

/**
 * A label at (x, y) (left, middle baseline) in the current font, squeezed into `maxW`; left out
 * when even squeezed it would be unreadable (under 60 % of its width) or taller than `maxH`.
 */
export function label(
  p: Paint,
  text: string,
  x: number,
  y: number,
  maxW: number,
  color: string,
  maxH = Infinity,
  align: CanvasTextAlign = 'left',
): boolean {
  const { ctx } = p;
  const px = p.fontPx;
  if (maxW < px * 1.2 || maxH < px * 0.9) return false;
  const w = ctx.measureText(text).width;
  if (w * 0.6 > maxW) return false;
  ctx.fillStyle = color;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x, y, maxW);
  return true;
}

/** A label in its layout slot: left, right or centre aligned, squeezed to the slot, or left out. */
export function labelIn(p: Paint, text: string, slot: Rect, color: string, align: CanvasTextAlign = 'left'): boolean {
  const x = align === 'right' ? slot.x + slot.w : align === 'center' ? slot.x + slot.w / 2 : slot.x;
  return label(p, text, x, slot.y + slot.h / 2, slot.w, color, slot.h, align);
}

/** A horizontal bar of `frac` of `r` (0..1) over a free background. */
export function fillBar(p: Paint, r: Rect, frac: number, fill: string): void {
  const { ctx } = p;
  ctx.fillStyle = col(p, 'free');
  ctx.fillRect(r.x, r.y, r.w, r.h);
  const f = Math.max(0, Math.min(1, frac));
  if (f > 0) {
    ctx.fillStyle = fill;
    ctx.fillRect(r.x, r.y, Math.max(1, r.w * f), r.h);
  }
}
