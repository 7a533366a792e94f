/**
 * The legend's items and where each goes: left to right, wrapping onto more lines when the
 * canvas is narrow or the type is large (presentation mode), so no item is cut off. Text widths
 * are estimated from the character count (the layout has no canvas to measure with); the legend
 * draws each text squeezed into its slot, so a wider font never runs into the next item.
 */
import { rect, type Rect } from './geometry';
import type { ColorName } from './theme';

export type Swatch = 'dot' | 'ring' | 'hold' | 'box' | 'cross';

export const LEGEND_ITEMS: readonly [Swatch, ColorName, string][] = [
  ['dot', 'rcu-read', 'RCU read-side (in a poll)'],
  ['ring', 'muted', 'quiescent'],
  ['hold', 'rcu-hold', 'holds up the grace period'],
  ['box', 'ring-stored', 'frame stored'],
  ['box', 'ring-pending', 'consumed, not yet NULLed'],
  ['box', 'free', 'free'],
  ['box', 'flush', 'flush bit / list'],
  ['box', 'softirq', 'softirq'],
  ['box', 'ksoftirqd', 'ksoftirqd'],
  ['box', 'kthread', 'kthread'],
  ['cross', 'drop', 'lost'],
  ['cross', 'verdict', 'dropped by a verdict'],
];

/** One legend item's swatch and text. */
export interface LegendSlot {
  item: number;
  swatch: Rect;
  text: Rect;
}

/** A generous average glyph width, in ems, for the sans-serif the canvas uses. */
const EM_PER_CHAR = 0.62;

/** The items laid out in lines of `width` from (x, y) at text size `px`; and the height they take. */
export function layoutLegend(x: number, y: number, width: number, px: number, maxLines: number): { slots: LegendSlot[]; height: number } {
  const lh = px * 1.3;
  const s = px * 0.9;
  const slots: LegendSlot[] = [];
  let line = 0;
  let at = 0;
  for (let i = 0; i < LEGEND_ITEMS.length; i++) {
    const textW = LEGEND_ITEMS[i][2].length * EM_PER_CHAR * px;
    const w = s + 4 + textW;
    if (at > 0 && at + w > width) {
      line++;
      at = 0;
    }
    if (line >= maxLines || w > width) break;
    const top = y + line * lh;
    slots.push({ item: i, swatch: rect(x + at, top + (lh - s) / 2, s, s), text: rect(x + at + s + 4, top, textW, lh) });
    at += w + px;
  }
  return { slots, height: slots.length === 0 ? 0 : (line + 1) * lh };
}
