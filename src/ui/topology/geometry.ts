/**
 * Rectangles and points in CSS pixels, and the few operations the topology layout needs:
 * inset, split into weighted rows or columns, and packing n cards into a grid.
 */

/** An axis-aligned rectangle in CSS pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where a frame sits at a place: a point, and how far dots there may spread around it (an ellipse). */
export interface Spot {
  x: number;
  y: number;
  rx: number;
  ry: number;
}

/** A rectangle; negative sizes become 0. */
export function rect(x: number, y: number, w: number, h: number): Rect {
  return { x, y, w: Math.max(0, w), h: Math.max(0, h) };
}

/** `r` shrunk by `dx` on the left and right and `dy` on the top and bottom. */
export function inset(r: Rect, dx: number, dy = dx): Rect {
  const ix = Math.min(dx, r.w / 2);
  const iy = Math.min(dy, r.h / 2);
  return rect(r.x + ix, r.y + iy, r.w - 2 * ix, r.h - 2 * iy);
}

/** The point at fractions (fx, fy) of `r`, spreading `spread` of its width and height either side. */
export function spotIn(r: Rect, fx = 0.5, fy = 0.5, spread = 0.3): Spot {
  return { x: r.x + r.w * fx, y: r.y + r.h * fy, rx: r.w * spread, ry: r.h * spread };
}

/** Whether (x, y) lies in `r`. */
export function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
}

/** Whether two rectangles overlap (touching edges do not count). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function split(total: number, weights: readonly number[], gap: number): [number, number][] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const free = Math.max(0, total - gap * (weights.length - 1));
  const out: [number, number][] = [];
  let at = 0;
  for (const w of weights) {
    const len = sum > 0 ? (free * w) / sum : 0;
    out.push([at, len]);
    at += len + gap;
  }
  return out;
}

/** `r` cut into side-by-side columns with widths in proportion to `weights`. */
export function splitCols(r: Rect, weights: readonly number[], gap = 0): Rect[] {
  return split(r.w, weights, gap).map(([at, len]) => rect(r.x + at, r.y, len, r.h));
}

/** `r` cut into stacked rows with heights in proportion to `weights`. */
export function splitRows(r: Rect, weights: readonly number[], gap = 0): Rect[] {
  return split(r.h, weights, gap).map(([at, len]) => rect(r.x, r.y + at, r.w, len));
}

/**
 * Packs `n` cards of about `aspect` (width / height) into `region`: tries every column count and
 * keeps the one whose cells fit the largest card of that aspect (fewer columns on a tie). Cells
 * are filled column by column (top to bottom, then the next column to the right), and a cell is
 * never more than 1.5 times taller or 2 times wider than the aspect asks.
 */
export function fitGrid(n: number, region: Rect, aspect: number, gap: number): Rect[] {
  if (n <= 0) return [];
  let best = { cols: 1, rows: n, score: -1, cw: 0, ch: 0 };
  for (let rows = n; rows >= 1; rows--) {
    const cols = Math.ceil(n / rows);
    if (Math.ceil(n / cols) < rows) continue; // the same columns with fewer rows do it
    const cw = (region.w - gap * (cols - 1)) / cols;
    const ch = (region.h - gap * (rows - 1)) / rows;
    if (cw <= 0 || ch <= 0) continue;
    const score = Math.min(cw, ch * aspect);
    if (score > best.score + 1e-9) best = { cols, rows, score, cw, ch };
  }
  if (best.score < 0) {
    // Not even one pixel per card: stack them anyway so every CPU keeps a (degenerate) cell.
    best = { cols: 1, rows: n, score: 0, cw: Math.max(0, region.w), ch: Math.max(0, region.h / n) };
  }
  const cw = Math.min(best.cw, best.ch * aspect * 2);
  const ch = Math.min(best.ch, (best.cw / aspect) * 1.5);
  const out: Rect[] = [];
  for (let i = 0; i < n; i++) {
    const col = Math.floor(i / best.rows);
    const row = i % best.rows;
    out.push(rect(region.x + col * (cw + gap), region.y + row * (ch + gap), cw, ch));
  }
  return out;
}
