/**
 * Every place the topology draws words, as the layout reserved it: group captions, each card's
 * slots (CPU name, queue, NAPI, flush, bulk-queue, stack, ring and kthread lines), the zone the
 * ring's P, H and T markers move in, the rates strip and the legend's items. The renderers draw
 * text only inside these slots, so checking them is checking the picture (without a canvas).
 */
import type { Rect } from './geometry';
import type { TopologyLayout } from './layout';
import { textPx, usableSlot } from './textSlots';

/** A label's slot, what it holds, and the size of its text. */
export interface LabelBox {
  name: string;
  rect: Rect;
  px: number;
}

/** The label slots that have room for their text (the others are left out when drawing). */
export function labelBoxes(l: TopologyLayout): LabelBox[] {
  const out: LabelBox[] = [];
  const px = (scale: number): number => textPx(l.font, l.minText, scale);
  const add = (name: string, rect: Rect | undefined, scale: number): void => {
    if (rect !== undefined && usableSlot(rect, px(scale))) out.push({ name, rect, px: px(scale) });
  };
  for (const g of l.groups) add(`caption ${g.title}`, g.rect, 0.9);
  for (const c of l.cpus) {
    const at = `CPU ${c.cpu}`;
    add(`${at} name`, c.title, 1);
    for (const n of c.nics) {
      add(`rxq ${n.queue} name`, n.name, 0.85);
      add(`rxq ${n.queue} NAPI mark`, n.tag, 0.85);
      add(`rxq ${n.queue} count`, n.count, 0.85);
    }
    c.napiText.forEach((r, i) => add(`${at} NAPI line ${i + 1}`, r, i === 0 ? 0.9 : 0.85));
    add(`${at} flush`, c.flushText, 0.8);
    for (const b of c.bulkqs) add(`${at} bulk queue to ${b.to} (entry ${b.uid})`, b.label, 0.8);
    c.stackText.forEach((r, i) => add(`${at} stack line ${i + 1}`, r, i === 0 ? 0.9 : 0.8));
    for (const e of c.entries) {
      add(`entry ${e.uid} ring fill`, e.fillText, 0.8);
      add(`entry ${e.uid} state`, e.stateText, 0.8);
      out.push({ name: `entry ${e.uid} ring and markers`, rect: e.ringZone, px: px(0.75) });
      e.kthreadText.forEach((r, i) => add(`entry ${e.uid} kthread line ${i + 1}`, r, i === 2 ? 0.75 : 0.85));
    }
  }
  if (l.strip.w >= 40 && l.strip.h >= 8) out.push({ name: 'rates strip', rect: l.strip, px: px(0.8) });
  for (const it of l.legendItems) out.push({ name: `legend item ${it.item + 1}`, rect: it.text, px: l.legendPx });
  return out;
}
