/**
 * An entry on its target CPU: the ptr_ring (stored frames, slots consumed but not yet NULLed,
 * free slots; producer, consumer_head and consumer_tail markers), its lifecycle state and
 * refcount, and the kthread coloured and labelled by what it is doing.
 */
import type { EntrySnapshot } from '../../engine/snapshot';
import type { EntryLayout } from './layout';
import { box, col, label, labelIn, setFont, type Paint } from './paint';
import type { ColorName } from './theme';

type Ring = EntrySnapshot['ring'];

const STATE_WORDS: Record<string, string> = {
  allocating: 'allocating',
  allocFailed: 'alloc failed',
  live: '',
  detached: 'detached',
  bulkqFlushed: 'bulk queues flushed',
  kthreadStopping: 'kthread stopping',
  freed: 'freed',
  leaked: 'leaked',
};

/** What the kthread is doing, in words and colour. */
export function kthreadLook(e: EntrySnapshot): { word: string; color: ColorName } {
  const k = e.kthread;
  if (k === null) return { word: 'no kthread', color: 'muted' };
  if (k.state === 'exited') return { word: 'exited', color: 'muted' };
  if (k.shouldStop) return { word: k.running ? 'stopping, running' : 'stopping', color: 'stopping' };
  if (k.running) return { word: 'running', color: 'running' };
  if (k.state === 'runnable') return { word: 'runnable', color: 'runnable' };
  if (k.state === 'sleeping') return { word: 'sleeping', color: 'sleeping' };
  return { word: 'created', color: 'created' };
}

/** Draws an entry's ring and kthread. */
export function drawEntry(p: Paint, l: EntryLayout): void {
  const e = p.entries.get(l.uid);
  if (e === undefined) return;
  const r = e.ring;
  if (l.ring.mode === 'slots') drawRingSlots(p, l.ring, r);
  else drawGauge(p, l.ring.bar, r, l);
  const state = STATE_WORDS[e.state] ?? e.state;
  setFont(p, 0.8);
  const pending = r.consumerHead - r.consumerTail;
  const fill = `ring ${r.count}/${r.size}${pending > 0 ? `, ${pending} not NULLed` : ''}`;
  if (!labelIn(p, fill, l.fillText, col(p, 'fg'))) labelIn(p, `${r.count}/${r.size}`, l.fillText, col(p, 'fg'));
  if (state) labelIn(p, e.noRefcount ? state : `${state} · refcnt ${e.refcnt}`, l.stateText, col(p, 'stopping'));
  // A live entry's second line names its program (5.9+); shortened where the ring box is narrow.
  else if (e.prog !== undefined && !labelIn(p, `prog: ${e.prog}`, l.stateText, col(p, 'fg'))) labelIn(p, e.prog, l.stateText, col(p, 'fg'));
  drawKthread(p, l, e);
}

function angle(i: number, size: number): number {
  return -Math.PI / 2 + (2 * Math.PI * i) / size;
}

function arc(p: Paint, cx: number, cy: number, rm: number, from: number, n: number, size: number, color: string): void {
  if (n <= 0) return;
  const { ctx } = p;
  ctx.strokeStyle = color;
  ctx.beginPath();
  ctx.arc(cx, cy, rm, angle(from, size), angle(from + n, size));
  ctx.stroke();
}

function drawRingSlots(p: Paint, g: { cx: number; cy: number; r0: number; r1: number; letters: boolean }, r: Ring): void {
  const { ctx } = p;
  const size = Math.max(1, r.size);
  const rm = (g.r0 + g.r1) / 2;
  ctx.lineCap = 'butt';
  ctx.lineWidth = g.r1 - g.r0;
  ctx.strokeStyle = col(p, 'free');
  ctx.beginPath();
  ctx.arc(g.cx, g.cy, rm, 0, Math.PI * 2);
  ctx.stroke();
  arc(p, g.cx, g.cy, rm, r.consumerHead, r.count, size, col(p, 'ring-stored'));
  arc(p, g.cx, g.cy, rm, r.consumerTail, r.consumerHead - r.consumerTail, size, col(p, 'ring-pending'));
  // Slot borders where each slot has room for one.
  if ((2 * Math.PI * g.r0) / size >= 3) {
    ctx.strokeStyle = col(p, 'bg');
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let i = 0; i < size; i++) {
      const a = angle(i, size);
      const cos = Math.cos(a);
      const sin = Math.sin(a);
      ctx.moveTo(g.cx + cos * g.r0, g.cy + sin * g.r0);
      ctx.lineTo(g.cx + cos * g.r1, g.cy + sin * g.r1);
    }
    ctx.stroke();
  }
  // Markers: producer outside the ring, consumer head and tail inside.
  setFont(p, 0.75, '600');
  const tick = Math.max(3, p.fontPx * 0.45);
  const marks: [number, number, number, string, ColorName][] = [
    [r.producer, g.r1, g.r1 + tick, 'P', 'producer'],
    [r.consumerHead, g.r0 - tick, g.r0, 'H', 'head'],
    [r.consumerTail, g.r0 - 2 * tick, g.r0, 'T', 'tail'],
  ];
  ctx.lineWidth = 2 * p.line;
  for (const [i, a0, a1, name, color] of marks) {
    const a = angle(i + 0.5, size);
    const cos = Math.cos(a);
    const sin = Math.sin(a);
    ctx.strokeStyle = col(p, color);
    ctx.beginPath();
    ctx.moveTo(g.cx + cos * a0, g.cy + sin * a0);
    ctx.lineTo(g.cx + cos * a1, g.cy + sin * a1);
    ctx.stroke();
    if (g.letters) {
      const rt = name === 'P' ? g.r1 + tick + p.fontPx * 0.5 : a0 - p.fontPx * 0.5;
      label(p, name, g.cx + cos * rt, g.cy + sin * rt, p.fontPx * 1.5, col(p, color), Infinity, 'center');
    }
  }
}

function drawGauge(p: Paint, bar: { x: number; y: number; w: number; h: number }, r: Ring, l: EntryLayout): void {
  const { ctx } = p;
  const size = Math.max(1, r.size);
  const px = (i: number): number => bar.x + (bar.w * i) / size;
  ctx.fillStyle = col(p, 'free');
  ctx.fillRect(bar.x, bar.y, bar.w, bar.h);
  const span = (from: number, n: number, color: string): void => {
    if (n <= 0) return;
    ctx.fillStyle = color;
    const end = from + n;
    const w = Math.max(1, px(Math.min(end, size)) - px(from));
    ctx.fillRect(px(from), bar.y, w, bar.h);
    if (end > size) ctx.fillRect(bar.x, bar.y, Math.max(1, px(end - size) - bar.x), bar.h);
  };
  span(r.consumerHead, r.count, col(p, 'ring-stored'));
  span(r.consumerTail, r.consumerHead - r.consumerTail, col(p, 'ring-pending'));
  ctx.strokeStyle = col(p, 'stroke');
  ctx.lineWidth = p.line;
  ctx.strokeRect(bar.x, bar.y, bar.w, bar.h);
  setFont(p, 0.75, '600');
  const tick = Math.max(3, p.fontPx * 0.5);
  const marks: [number, number, string, ColorName][] = [
    [r.producer, -1, 'P', 'producer'],
    [r.consumerHead, 1, 'H', 'head'],
    [r.consumerTail, 2, 'T', 'tail'],
  ];
  ctx.lineWidth = 2 * p.line;
  for (const [i, side, name, color] of marks) {
    const x = px(i);
    const y0 = side < 0 ? bar.y - tick : bar.y + bar.h;
    ctx.strokeStyle = col(p, color);
    ctx.beginPath();
    ctx.moveTo(x, y0);
    ctx.lineTo(x, y0 + tick * (side === 2 ? 1.8 : 1));
    ctx.stroke();
    const ly = side < 0 ? bar.y - tick - p.fontPx * 0.55 : bar.y + bar.h + tick * (side === 2 ? 1.8 : 1) + p.fontPx * 0.55;
    // Letters only where the layout left them room (the ring's zone, clear of the text above).
    if (ly - p.fontPx * 0.55 >= l.ringZone.y && ly + p.fontPx * 0.55 <= l.ringZone.y + l.ringZone.h)
      label(
        p,
        name,
        x + (side === 2 ? -p.fontPx * 0.4 : side === 1 ? p.fontPx * 0.4 : 0),
        ly,
        p.fontPx * 1.5,
        col(p, color),
        Infinity,
        'center',
      );
  }
}

function drawKthread(p: Paint, l: EntryLayout, e: EntrySnapshot): void {
  const k = l.kthread;
  const look = kthreadLook(e);
  const c = col(p, look.color);
  const { ctx } = p;
  ctx.globalAlpha = 0.16;
  ctx.fillStyle = c;
  ctx.fillRect(k.x, k.y, k.w, k.h);
  ctx.globalAlpha = 1;
  box(p, k, null, c, look.color === 'running' ? 3 * p.line : 2 * p.line);
  const [name, doing, phase] = l.kthreadText;
  setFont(p, 0.85, '600');
  labelIn(p, 'kthread', name, col(p, 'fg'), 'center');
  setFont(p, 0.85);
  labelIn(p, look.word, doing, c, 'center');
  if (phase !== undefined && e.kthread !== null && e.kthread.state !== 'exited') {
    setFont(p, 0.75);
    labelIn(p, `phase ${e.kthread.phase}`, phase, col(p, 'muted'), 'center');
  }
}
