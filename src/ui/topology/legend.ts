/**
 * The legend under the rates strip: what the RCU badge, the ring and queue colours, the busy
 * bar and the drop marks (a frame lost, or dropped by a verdict) mean. The layout places the
 * items (legendLayout.ts), wrapping them onto more lines rather than cutting any off.
 */
import { LEGEND_ITEMS } from './legendLayout';
import { col, setFont, type Paint } from './paint';

/** Draws the legend's items where the layout put them. */
export function drawLegend(p: Paint): void {
  const { ctx, layout } = p;
  if (layout.legendItems.length === 0) return;
  setFont(p, 0.8);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const { item, swatch: sw, text: t } of layout.legendItems) {
    const [kind, color, words] = LEGEND_ITEMS[item];
    const c = col(p, color);
    const s = sw.w;
    const cy = sw.y + s / 2;
    ctx.fillStyle = c;
    ctx.strokeStyle = c;
    ctx.lineWidth = Math.max(1.5, p.line);
    ctx.beginPath();
    if (kind === 'box') ctx.fillRect(sw.x, sw.y, s, s);
    else if (kind === 'cross') {
      ctx.moveTo(sw.x, sw.y);
      ctx.lineTo(sw.x + s, sw.y + s);
      ctx.moveTo(sw.x + s, sw.y);
      ctx.lineTo(sw.x, sw.y + s);
      ctx.stroke();
    } else {
      ctx.arc(sw.x + s / 2, cy, s / 2 - 1, 0, Math.PI * 2);
      if (kind === 'dot') ctx.fill();
      else ctx.stroke();
    }
    ctx.fillStyle = col(p, 'muted');
    // Squeezed into its slot if the font runs wider than the layout's estimate.
    ctx.fillText(words, t.x, t.y + t.h / 2, t.w);
  }
}
