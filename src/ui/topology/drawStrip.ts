/**
 * The rates strip along the bottom: each of the snapshot's frame counters as a rate over the
 * recent window (frames per simulated second), drawn end to end as a band whose thickness is the
 * rate (offered first, each drop kind, delivered last). When frames are too many to draw one by
 * one, it says so: the rates are then the whole picture.
 */
import { col, label, setFont, type Paint } from './paint';
import { FRAME_FIELDS, formatPps, type FrameField } from './rates';
import type { ColorName } from './theme';

const NAMES: Record<FrameField, string> = {
  offered: 'offered',
  nicDropped: 'NIC drop',
  xdpDropped: 'XDP_DROP',
  redirectErr: 'redirect err',
  ringFull: 'ring full',
  stackDropped: 'stack drop',
  delivered: 'delivered',
};

function colorOf(f: FrameField): ColorName {
  return f === 'offered' ? 'ring-stored' : f === 'delivered' ? 'delivered' : 'drop';
}

/** Draws the strip in `layout.strip`. */
export function drawStrip(p: Paint, running: boolean): void {
  const r = p.layout.strip;
  const { ctx } = p;
  if (r.w < 40 || r.h < 8) return;
  setFont(p, 0.85, '600');
  const lead = Math.min(r.w * 0.2, p.fontPx * 11);
  const only = !p.recording && running;
  label(p, only ? 'rates only' : 'rates', r.x, r.y + p.fontPx * 0.7, lead - 4, col(p, only ? 'fg' : 'muted'), r.h);
  const s = p.snapshot;
  if (s !== null) {
    setFont(p, 0.8);
    const text = only ? `${s.frames.inFlight} in flight, too fast to draw` : `in flight ${s.frames.inFlight}`;
    label(p, text, r.x, r.y + p.fontPx * 2, lead - 4, col(p, 'muted'), r.h);
  }
  const rates = p.rates;
  const x0 = r.x + lead;
  const w = (r.w - lead) / FRAME_FIELDS.length;
  const maxT = Math.max(2, r.h - p.fontPx * 1.6);
  let max = 0;
  for (const f of FRAME_FIELDS) max = Math.max(max, rates.frames[f]);
  ctx.strokeStyle = col(p, 'link');
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(x0, r.y + r.h - maxT / 2);
  ctx.lineTo(r.x + r.w, r.y + r.h - maxT / 2);
  ctx.stroke();
  setFont(p, 0.8);
  FRAME_FIELDS.forEach((f, i) => {
    const v = rates.valid ? rates.frames[f] : 0;
    const x = x0 + i * w;
    const t = max > 0 ? Math.max(v > 0 ? 1.5 : 0, (maxT * v) / max) : 0;
    const cy = r.y + r.h - maxT / 2;
    if (t > 0) {
      ctx.fillStyle = col(p, colorOf(f));
      ctx.fillRect(x + 2, cy - t / 2, w - 4, t);
    }
    const value = rates.valid ? formatPps(v) : '–';
    const c = f === 'offered' || f === 'delivered' || v > 0 ? col(p, 'fg') : col(p, 'muted');
    label(p, `${NAMES[f]} ${value}`, x + 2, r.y + p.fontPx * 0.7, w - 4, c, r.h);
  });
}
