/**
 * The Topology canvas's renderers, plain functions of (context, data) as in excalidraw:
 * `drawTopology` draws the structure and its state from the latest snapshot, and `drawFrames`
 * (frames.ts) the frames in flight. Neither keeps state between frames; the component calls them
 * from its requestAnimationFrame loop.
 */
import type { EngineSnapshot, EntrySnapshot } from '../../engine/snapshot';
import type { InspectTarget } from '../../worker/protocol';
import { drawCpu } from './drawCards';
import { drawEntry } from './drawEntry';
import { drawStrip } from './drawStrip';
import { drawLegend } from './legend';
import type { Rect } from './geometry';
import type { TopologyLayout } from './layout';
import { col, labelIn, setFont, type Paint } from './paint';
import type { Rates } from './rates';
import type { Palette } from './theme';

export { drawFrames, type FrameStyle } from './frames';

/** What one frame of the structure is drawn from. */
export interface Scene {
  layout: TopologyLayout;
  snapshot: EngineSnapshot | null;
  palette: Palette;
  rates: Rates;
  /** Frames are recorded one by one (dots drawn); false at speeds where only rates are shown. */
  recording: boolean;
  running: boolean;
  /** The scenario's stack verdict, shown in each stack box. */
  stack: string;
  /** Generic XDP: the NAPI box says so and the bulk queues are marked unused. */
  genericXdp?: boolean;
  selected: InspectTarget | null;
}

const entryMap = new Map<number, EntrySnapshot>();

/** Draws the whole structure (background, links, cards, entries, selection, rates strip, legend). */
export function drawTopology(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const { layout } = scene;
  entryMap.clear();
  if (scene.snapshot !== null) for (const e of scene.snapshot.entries) entryMap.set(e.uid, e);
  const p: Paint = {
    ctx,
    layout,
    palette: scene.palette,
    snapshot: scene.snapshot,
    rates: scene.rates,
    recording: scene.recording,
    line: layout.line,
    font: layout.font,
    minText: layout.minText,
    fontPx: layout.font,
    stackName: scene.stack,
    genericXdp: scene.genericXdp ?? false,
    entries: entryMap,
  };
  ctx.fillStyle = col(p, 'bg');
  ctx.fillRect(0, 0, layout.width, layout.height);
  setFont(p, 0.9, '600');
  for (const g of layout.groups) labelIn(p, g.title, g.rect, col(p, 'muted'));
  for (const c of layout.cpus) drawCpu(p, c);
  drawLinks(p);
  for (const e of layout.entries.values()) drawEntry(p, e);
  drawSelection(p, scene.selected);
  drawStrip(p, scene.running);
  drawLegend(p);
}

/** NIC to NAPI, NAPI to each bulk queue, each bulk queue to its entry's ring, ring to kthread to stack. */
function drawLinks(p: Paint): void {
  const { ctx, layout } = p;
  ctx.strokeStyle = col(p, 'link');
  ctx.lineWidth = p.line;
  ctx.beginPath();
  const mid = (r: Rect, right: boolean): [number, number] => [right ? r.x + r.w : r.x, r.y + r.h / 2];
  for (const c of layout.cpus) {
    if (c.napi !== null) {
      const [nx, ny] = mid(c.napi, false);
      for (const n of c.nics) {
        const [x, y] = mid(n.box, true);
        ctx.moveTo(x, y);
        ctx.lineTo(nx, ny);
      }
      const [ox, oy] = mid(c.napi, true);
      for (const b of c.bulkqs) {
        ctx.moveTo(ox, oy);
        ctx.lineTo(b.label.x, b.row.y + b.row.h / 2);
      }
    }
    for (const e of c.entries) {
      const [kx, ky] = mid(e.kthread, false);
      ctx.moveTo(e.ringBox.x + e.ringBox.w, e.ringBox.y + e.ringBox.h / 2);
      ctx.lineTo(kx, ky);
      if (c.stack !== null) {
        const [sx, sy] = mid(c.stack, false);
        ctx.moveTo(e.kthread.x + e.kthread.w, ky);
        ctx.lineTo(sx, sy);
      }
    }
  }
  ctx.stroke();
  // Bulk queues to rings: curves across the page, solid when frames wait in the bulk queue.
  ctx.lineWidth = p.line;
  for (const b of layout.bulkqs.values()) {
    const e = layout.entries.get(b.uid);
    if (e === undefined) continue;
    const x0 = b.row.x + b.row.w;
    const y0 = b.row.y + b.row.h / 2;
    const x1 = e.ring.mode === 'slots' ? e.ring.cx - e.ring.r1 : e.ring.bar.x;
    const y1 = e.ringBox.y + e.ringBox.h / 2;
    const s = p.entries.get(b.uid);
    const waiting = s !== undefined && s.bulkq.some(([cpu]) => cpu === b.from);
    ctx.strokeStyle = col(p, waiting ? 'ring-stored' : 'link');
    ctx.globalAlpha = waiting ? 0.9 : 0.55;
    const dx = Math.max(20, Math.abs(x1 - x0) / 2);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.bezierCurveTo(x0 + dx, y0, x1 - dx, y1, x1, y1);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/** The outline of the selected element. */
function drawSelection(p: Paint, t: InspectTarget | null): void {
  if (t === null) return;
  const l = p.layout;
  let r: Rect | undefined;
  if (t.kind === 'cpu') r = l.cpus[t.cpu]?.card;
  else if (t.kind === 'nic') r = l.nics.get(t.queue)?.box;
  else if (t.kind === 'entry') r = l.entries.get(t.uid)?.box;
  else if (t.kind === 'bulkq') r = l.bulkqs.get(t.uid * 256 + t.cpu)?.row;
  if (r === undefined) return;
  const w = 2 * p.line + 1;
  p.ctx.strokeStyle = col(p, 'select');
  p.ctx.lineWidth = w;
  p.ctx.setLineDash([6, 3]);
  p.ctx.strokeRect(r.x - w, r.y - w, r.w + 2 * w, r.h + 2 * w);
  p.ctx.setLineDash([]);
}
