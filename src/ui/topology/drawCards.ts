/**
 * A CPU card's own state: header (name, what it runs, RCU badge, busy split), NIC queues with
 * their descriptor-ring fill, the NAPI/XDP box, flush_needed bits, bulk queues and the stack box.
 * The entries on a target CPU are drawn by drawEntry.ts.
 */
import type { CpuSnapshot } from '../../engine/snapshot';
import type { CpuLayout, NicLayout } from './layout';
import { box, col, fillBar, labelIn, setFont, type Paint } from './paint';
import { formatPps } from './rates';
import type { ColorName } from './theme';

const ACTIVITY: Record<CpuSnapshot['activity'], string> = {
  idle: 'idle',
  softirq: 'softirq',
  ksoftirqd: 'ksoftirqd',
  kthread: 'kthread',
  switch: 'switching',
  rt: 'RT task',
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
  if (!labelIn(p, what ? `${name} · ${what}` : name, t, col(p, 'fg'))) labelIn(p, `${c.cpu}`, t, col(p, 'fg'));
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
  labelIn(p, `rxq ${queue}`, n.name, col(p, 'fg'));
  if (s === null) return;
  fillBar(p, n.fill, s.count / Math.max(1, s.size), col(p, 'ring-stored'));
  if (s.napiScheduled) labelIn(p, 'NAPI', n.tag, col(p, 'runnable'), 'right');
  // The count always: only a few of the queued frames are drawn as dots.
  const dropRate = p.rates.valid ? p.rates.nicDrops[queue] : 0;
  if (dropRate > 0) labelIn(p, `drop ${formatPps(dropRate)}`, n.count, col(p, 'drop'), 'right');
  else labelIn(p, `${s.count}/${s.size}`, n.count, col(p, 'muted'), 'right');
}

function drawNapi(p: Paint, c: CpuLayout, s: CpuSnapshot | null): void {
  const r = c.napi;
  if (r === null) return;
  const inPoll = s !== null && s.inPoll;
  box(p, r, inPoll ? col(p, 'card-busy') : null, col(p, inPoll ? 'softirq' : 'stroke'), inPoll ? 2 * p.line : p.line);
  setFont(p, 0.9, '600');
  const attached = p.snapshot?.progAttached ?? true;
  const text = s?.ksoftirqd ? 'ksoftirqd' : 'NAPI';
  const [first, second] = c.napiText;
  labelIn(p, text, first, col(p, 'fg'), 'center');
  setFont(p, 0.85);
  const mode = p.genericXdp ? 'generic XDP' : 'XDP';
  labelIn(p, attached ? mode : 'no XDP: SKB path', second, col(p, attached ? 'muted' : 'stopping'), 'center');
}

function drawFlushBits(p: Paint, c: CpuLayout, s: CpuSnapshot | null): void {
  const row = c.flushRow;
  if (row === null || c.flushBits.length === 0) return;
  const { ctx } = p;
  setFont(p, 0.8);
  // 5.3+: the cell of key k is lit while this CPU's bulk queue for CPU k is on the flush list.
  const list = s?.flushList ?? null;
  labelIn(p, list === null ? 'flush' : 'list', c.flushText, col(p, 'muted'));
  ctx.fillStyle = col(p, 'free');
  for (const b of c.flushBits) ctx.fillRect(b.x, b.y, b.w, b.h);
  const marked = list ?? s?.flushNeeded ?? [];
  if (marked.length === 0) return;
  ctx.fillStyle = col(p, 'flush');
  for (const key of marked) {
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
    // Generic XDP puts each SKB straight into the ring: its bulk queues exist but stay empty.
    const note = freed ? ' freed' : old ? ' old' : p.genericXdp ? ' unused' : '';
    const color = col(p, old || freed || p.genericXdp ? 'muted' : 'fg');
    if (!labelIn(p, `→${b.to}${note}`, b.label, color) && note !== '') labelIn(p, `→${b.to}`, b.label, color);
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
  const [title, verdict] = c.stackText;
  setFont(p, 0.9, '600');
  labelIn(p, 'stack', title, col(p, 'fg'), 'center');
  setFont(p, 0.8);
  labelIn(p, p.stackName, verdict, col(p, 'muted'), 'center');
}
