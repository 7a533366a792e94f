/**
 * A CPU card's own state: header (name, what it runs, RCU badge, busy split), NIC queues with
 * their descriptor-ring fill, the NAPI/XDP box, flush_needed bits, bulk queues and the stack box.
 * The entries on a target CPU are drawn by drawEntry.ts.
 */
import type { CpuSnapshot } from '../../engine/snapshot';
import type { CpuLayout, NicLayout } from './layout';
import { box, col, fillBar, label, setFont, type Paint } from './paint';
import { formatPps } from './rates';
import type { ColorName } from './theme';

const ACTIVITY: Record<CpuSnapshot['activity'], string> = {
  idle: 'idle',
  softirq: 'softirq',
  ksoftirqd: 'ksoftirqd',
  kthread: 'kthread',
  switch: 'switching',
};

const BUSY_COLORS: ColorName[] = ['softirq', 'ksoftirqd', 'kthread', 'switch'];

/** Draws one card and everything in it but the entries. */
export function drawCpu(p: Paint, c: CpuLayout): void {
  const s = p.snapshot?.cpus[c.cpu] ?? null;
  const busy = s !== null && s.activity !== 'idle';
  box(p, c.card, col(p, busy ? 'card-busy' : 'card'), col(p, 'stroke'));
  drawHeader(p, c, s);
  for (const n of c.nics) drawNic(p, n);
  drawNapi(p, c, s);
  drawFlushBits(p, c, s);
  drawBulkqs(p, c);
  drawStack(p, c);
}

function drawHeader(p: Paint, c: CpuLayout, s: CpuSnapshot | null): void {
  const { ctx } = p;
  const t = c.title;
  setFont(p, 1, '600');
  const name = `CPU ${c.cpu}`;
  const what = s === null ? '' : s.ksoftirqd && s.activity !== 'ksoftirqd' ? `${ACTIVITY[s.activity]} (+ksoftirqd)` : ACTIVITY[s.activity];
  if (!label(p, what ? `${name} · ${what}` : name, t.x, t.y + t.h / 2, t.w, col(p, 'fg'), t.h))
    label(p, `${c.cpu}`, t.x, t.y + t.h / 2, t.w, col(p, 'fg'), t.h);
  // RCU: filled while in a read-side section (a NAPI poll), hollow when quiescent, ringed while it holds up the grace period.
  const r = c.rcu;
  if (s !== null && r.r >= 1.5) {
    ctx.beginPath();
    ctx.arc(r.x, r.y, r.r, 0, Math.PI * 2);
    if (s.inPoll) {
      ctx.fillStyle = col(p, 'rcu-read');
      ctx.fill();
    } else {
      ctx.strokeStyle = col(p, 'muted');
      ctx.lineWidth = p.line;
      ctx.stroke();
    }
    if (s.holdsGp) {
      ctx.beginPath();
      ctx.arc(r.x, r.y, r.r + 2 + p.line, 0, Math.PI * 2);
      ctx.strokeStyle = col(p, 'rcu-hold');
      ctx.lineWidth = 2 * p.line;
      ctx.stroke();
    }
  }
  // Busy split over the recent window: softirq, ksoftirqd, kthread, context switches.
  const b = c.busy;
  if (b.w < 4 || b.h < 2) return;
  ctx.fillStyle = col(p, 'free');
  ctx.fillRect(b.x, b.y, b.w, b.h);
  let x = b.x;
  for (let k = 0; k < 4; k++) {
    const f = p.rates.busyValid ? p.rates.busy[c.cpu * 4 + k] : 0;
    if (!(f > 0)) continue;
    const w = Math.min(b.x + b.w - x, b.w * f);
    ctx.fillStyle = col(p, BUSY_COLORS[k]);
    ctx.fillRect(x, b.y, w, b.h);
    x += w;
  }
  ctx.strokeStyle = col(p, 'muted');
  ctx.lineWidth = 1;
  ctx.strokeRect(b.x + 0.5, b.y + 0.5, b.w - 1, b.h - 1);
}

function drawNic(p: Paint, n: NicLayout): void {
  const queue = n.queue;
  const s = p.snapshot?.nicQueues[queue] ?? null;
  box(p, n.box, null, col(p, 'stroke'));
  setFont(p, 0.85);
  const top = n.box.y + Math.min(n.box.h * 0.3, p.fontPx * 0.9);
  label(p, `rxq ${queue}`, n.box.x + 3, top, n.box.w * 0.55, col(p, 'fg'), n.box.h * 0.5);
  if (s === null) return;
  fillBar(p, n.fill, s.count / Math.max(1, s.size), col(p, 'ring-stored'));
  const right = n.box.x + n.box.w - 3;
  if (s.napiScheduled) label(p, 'NAPI', right, top, n.box.w * 0.4, col(p, 'runnable'), n.box.h * 0.5, 'right');
  const mid = (top + n.fill.y) / 2 + p.fontPx * 0.3;
  const dropRate = p.rates.valid ? p.rates.nicDrops[queue] : 0;
  if (dropRate > 0) label(p, `drop ${formatPps(dropRate)}`, right, mid, n.box.w - 6, col(p, 'drop'), n.fill.y - top, 'right');
  else if (!p.recording) label(p, `${s.count}/${s.size}`, right, mid, n.box.w - 6, col(p, 'muted'), n.fill.y - top, 'right');
}

function drawNapi(p: Paint, c: CpuLayout, s: CpuSnapshot | null): void {
  const r = c.napi;
  if (r === null) return;
  const inPoll = s !== null && s.inPoll;
  box(p, r, inPoll ? col(p, 'card-busy') : null, col(p, inPoll ? 'softirq' : 'stroke'), inPoll ? 2 * p.line : p.line);
  setFont(p, 0.9, '600');
  const attached = p.snapshot?.progAttached ?? true;
  const text = s?.ksoftirqd ? 'ksoftirqd' : 'NAPI';
  label(p, text, r.x + r.w / 2, r.y + r.h * 0.22, r.w - 4, col(p, 'fg'), r.h * 0.4, 'center');
  setFont(p, 0.85);
  label(
    p,
    attached ? 'XDP' : 'no XDP: SKB path',
    r.x + r.w / 2,
    r.y + r.h * 0.22 + p.fontPx * 1.2,
    r.w - 4,
    col(p, attached ? 'muted' : 'stopping'),
    r.h * 0.4,
    'center',
  );
}

function drawFlushBits(p: Paint, c: CpuLayout, s: CpuSnapshot | null): void {
  const row = c.flushRow;
  if (row === null || c.flushBits.length === 0) return;
  const { ctx } = p;
  setFont(p, 0.8);
  const first = c.flushBits[0];
  label(p, 'flush', row.x, row.y + row.h / 2, first.x - row.x - 2, col(p, 'muted'), row.h * 1.4);
  ctx.fillStyle = col(p, 'free');
  for (const b of c.flushBits) ctx.fillRect(b.x, b.y, b.w, b.h);
  if (s === null || s.flushNeeded.length === 0) return;
  ctx.fillStyle = col(p, 'flush');
  for (const key of s.flushNeeded) {
    const b = c.flushBits[key];
    if (b !== undefined) ctx.fillRect(b.x, b.y, b.w, b.h);
  }
}

function drawBulkqs(p: Paint, c: CpuLayout): void {
  if (c.bulkqs.length === 0) return;
  const { ctx } = p;
  setFont(p, 0.8);
  for (const b of c.bulkqs) {
    const e = p.entries.get(b.uid);
    let count = 0;
    if (e !== undefined) for (const [cpu, n] of e.bulkq) if (cpu === c.cpu) count = n;
    const freed = e === undefined || e.bulkqFreed;
    const old = e !== undefined && !e.inSlot;
    label(
      p,
      `→${b.to}${freed ? ' freed' : old ? ' old' : ''}`,
      b.label.x,
      b.label.y + b.label.h / 2,
      b.label.w - 2,
      col(p, old || freed ? 'muted' : 'fg'),
      b.label.h * 1.4,
    );
    for (let k = 0; k < 8; k++) {
      const s = b.slots[k];
      ctx.fillStyle = freed ? col(p, 'card') : k < count ? col(p, 'ring-stored') : col(p, 'free');
      ctx.fillRect(s.x, s.y, s.w, s.h);
      if (freed && s.w > 3 && s.h > 3) {
        ctx.strokeStyle = col(p, 'muted');
        ctx.lineWidth = 1;
        ctx.strokeRect(s.x + 0.5, s.y + 0.5, s.w - 1, s.h - 1);
      }
    }
  }
}

function drawStack(p: Paint, c: CpuLayout): void {
  const r = c.stack;
  if (r === null) return;
  box(p, r, null, col(p, 'stroke'));
  setFont(p, 0.9, '600');
  label(p, 'stack', r.x + r.w / 2, r.y + Math.min(r.h * 0.14, p.fontPx), r.w - 4, col(p, 'fg'), r.h * 0.3, 'center');
  setFont(p, 0.8);
  label(p, p.stackName, r.x + r.w / 2, r.y + r.h - Math.min(r.h * 0.14, p.fontPx), r.w - 4, col(p, 'muted'), r.h * 0.3, 'center');
}
