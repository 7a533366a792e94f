/**
 * The rates row along the bottom (the accessible table RatesTable.tsx says the same in text):
 *
 * - a first line with the window the measured figures cover ("over the last 5.0 ms of simulated
 *   time") or, while no window meets the rule, "–" and the reason; and the frames in flight;
 * - the figures in three groups under their headings: the configured load; the frames lost on the
 *   way (red: a full NIC ring, a redirect to an empty slot, a full ptr_ring); the verdicts (grey:
 *   the program's XDP_DROP and the stack's own discard, such as an iptables DROP, which are what
 *   the scenario asks for, and green: delivered);
 * - each figure's name, its value, and a bar whose length is the value against the largest.
 *
 * When frames are too many to draw one by one, it says so: the rates are then the whole picture.
 */
import { col, label, setFont, type Paint } from './paint';
import { GROUP_TITLES, type RateGroup } from './rateFields';
import { ratesView, type RateCell } from './rates';
import type { ColorName } from './theme';

function barColor(c: RateCell): ColorName {
  if (c.group === 'load') return 'ring-stored';
  if (c.group === 'lost') return 'drop';
  return c.field === 'delivered' ? 'delivered' : 'verdict';
}

function headingColor(g: RateGroup): ColorName {
  return g === 'load' ? 'ring-stored' : g === 'lost' ? 'drop' : 'verdict';
}

/** Draws the strip in `layout.strip`. */
export function drawStrip(p: Paint, running: boolean): void {
  const r = p.layout.strip;
  const { ctx } = p;
  if (r.w < 40 || r.h < 8) return;
  const view = ratesView(p.rates);
  // Rows: the window; the group headings over their rules; the names; the values; the bars.
  const full = r.h >= p.font * 3.4;
  const rowH = full ? r.h / 4.4 : r.h / 2.3;
  const rowY = (i: number) => r.y + rowH * (i + 0.5);
  const barH = Math.max(2, Math.min(4, rowH * 0.3));

  // The first line: what the measured figures cover, or why they are not shown.
  const only = !p.recording && running;
  setFont(p, 0.8, '600');
  const head = 'rates';
  label(p, head, r.x, rowY(0), r.w * 0.2, col(p, only ? 'fg' : 'muted'), rowH);
  const headW = ctx.measureText(head).width + p.fontPx * 0.6;
  setFont(p, 0.8);
  const flight =
    view.inFlight === null ? '' : only ? `${view.inFlight} in flight, too fast to draw: rates only` : `${view.inFlight} in flight`;
  const flightW = flight === '' ? 0 : Math.min(r.w * 0.35, ctx.measureText(flight).width + p.fontPx);
  if (flight !== '') label(p, flight, r.x + r.w, rowY(0), flightW, col(p, only ? 'fg' : 'muted'), rowH, 'right');
  const said = view.measured ? `measured ${view.window}` : `measured: – ${view.reason}`;
  label(p, said, r.x + headW, rowY(0), r.w - headW - flightW - p.fontPx, col(p, view.measured ? 'muted' : 'fg'), rowH);

  // The cells: three groups, a small gap between them.
  const cells = view.cells;
  const gap = p.fontPx * 0.9;
  const groups: RateGroup[] = ['load', 'lost', 'verdict'];
  const w = (r.w - gap * (groups.length - 1)) / cells.length;
  const xs: number[] = [];
  let x = r.x;
  cells.forEach((c, i) => {
    if (i > 0 && c.group !== cells[i - 1].group) x += gap;
    xs.push(x);
    x += w;
  });
  let max = 0;
  let lost = 0;
  for (const c of cells) if (c.pps !== null) max = Math.max(max, c.pps);
  for (const c of cells) if (c.group === 'lost' && c.pps !== null) lost += c.pps;

  if (full) {
    // Group headings, each over a rule the width of its cells.
    setFont(p, 0.75, '600');
    for (const g of groups) {
      const idx = cells.flatMap((c, i) => (c.group === g ? [i] : []));
      const x0 = xs[idx[0]] + 2;
      const x1 = xs[idx[idx.length - 1]] + w - 2;
      // Losses are red when there are any; a row of zeros need not alarm.
      const c = col(p, g === 'lost' && lost === 0 ? 'muted' : headingColor(g));
      label(p, GROUP_TITLES[g], x0, rowY(1) - rowH * 0.1, x1 - x0, c, rowH);
      ctx.fillStyle = c;
      ctx.fillRect(x0, r.y + rowH * 1.85, x1 - x0, Math.max(1, p.line));
    }
  }
  cells.forEach((c, i) => {
    const cx = xs[i] + 2;
    const cw = w - 4;
    const valueColor =
      c.pps === null
        ? col(p, 'muted')
        : c.group === 'lost'
          ? col(p, c.pps > 0 ? 'drop' : 'muted')
          : c.pps > 0 || c.group === 'load'
            ? col(p, 'fg')
            : col(p, 'muted');
    if (full) {
      setFont(p, 0.8);
      label(p, c.label, cx, rowY(2), cw, col(p, 'muted'), rowH);
      setFont(p, 0.85, '600');
      label(p, c.text, cx, rowY(3) - rowH * 0.05, cw, valueColor, rowH);
    } else {
      setFont(p, 0.8);
      label(p, `${c.label} ${c.text}`, cx, rowY(1), cw, valueColor, rowH);
    }
    if (c.pps !== null && c.pps > 0 && max > 0) {
      ctx.fillStyle = col(p, 'free');
      ctx.fillRect(cx, r.y + r.h - barH, cw, barH);
      ctx.fillStyle = col(p, barColor(c));
      ctx.fillRect(cx, r.y + r.h - barH, Math.max(1.5, (cw * c.pps) / max), barH);
    }
  });
}
