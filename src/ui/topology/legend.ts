/**
 * The legend line under the rates strip: what the RCU badge, the ring and queue colours, the busy
 * bar and the drop marks (a frame lost, or dropped by a verdict) mean. Items that do not fit are
 * left out, from the end.
 */
import { col, setFont, type Paint } from './paint';
import type { ColorName } from './theme';

type Swatch = 'dot' | 'ring' | 'hold' | 'box' | 'cross';

const ITEMS: [Swatch, ColorName, string][] = [
  ['dot', 'rcu-read', 'RCU read-side (in a poll)'],
  ['ring', 'muted', 'quiescent'],
  ['hold', 'rcu-hold', 'holds up the grace period'],
  ['box', 'ring-stored', 'frame stored'],
  ['box', 'ring-pending', 'consumed, not yet NULLed'],
  ['box', 'free', 'free'],
  ['box', 'flush', 'flush_needed'],
  ['box', 'softirq', 'softirq'],
  ['box', 'ksoftirqd', 'ksoftirqd'],
  ['box', 'kthread', 'kthread'],
  ['cross', 'drop', 'lost'],
  ['cross', 'verdict', 'dropped by a verdict'],
];

/** Draws the legend in `layout.legend`. */
export function drawLegend(p: Paint): void {
  const r = p.layout.legend;
  if (r.h < 6) return;
  const { ctx } = p;
  const px = setFont(p, 0.8);
  const s = Math.min(r.h * 0.6, px * 0.9);
  const cy = r.y + r.h / 2;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  let x = r.x;
  for (const [kind, color, text] of ITEMS) {
    const w = s + 4 + ctx.measureText(text).width + px;
    if (x + w > r.x + r.w) break;
    const c = col(p, color);
    ctx.fillStyle = c;
    ctx.strokeStyle = c;
    ctx.lineWidth = Math.max(1.5, p.line);
    ctx.beginPath();
    if (kind === 'box') ctx.fillRect(x, cy - s / 2, s, s);
    else if (kind === 'cross') {
      ctx.moveTo(x, cy - s / 2);
      ctx.lineTo(x + s, cy + s / 2);
      ctx.moveTo(x + s, cy - s / 2);
      ctx.lineTo(x, cy + s / 2);
      ctx.stroke();
    } else {
      ctx.arc(x + s / 2, cy, s / 2 - 1, 0, Math.PI * 2);
      if (kind === 'dot') ctx.fill();
      else ctx.stroke();
    }
    ctx.fillStyle = col(p, 'muted');
    ctx.fillText(text, x + s + 4, cy);
    x += w;
  }
}
