/**
 * Pure layout of a flat statechart for the Entry lifecycle panel. The input is what
 * `describeMachine` reads from the machine definition, so the drawing cannot drift from the
 * checked machine: every state gets a box and every transition an arrow.
 *
 * Shape: the longest path from the initial state (the teardown order) runs down one column, the
 * "spine"; every other state sits in a side column next to the first state that leads to it
 * (failure and leak branches), moved down until its row is free. Deterministic: the same
 * description always gives the same picture.
 */

/** The parts of a described state the layout needs. */
export interface LayoutStateInput {
  id: string;
  final: boolean;
  description: string;
}

/** The parts of a described transition the layout needs. */
export interface LayoutTransitionInput {
  from: string;
  to: string;
  event: string;
  description: string;
}

/** A state's box, in SVG user units. */
export interface StateBox {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  final: boolean;
  /** On the main path (column 0) rather than a branch. */
  spine: boolean;
  description: string;
}

/** A transition's arrow: a polyline ending at the target's border, and its event label. */
export interface TransitionArrow {
  from: string;
  to: string;
  event: string;
  description: string;
  points: [number, number][];
  label: { x: number; y: number; anchor: 'start' | 'middle' | 'end' };
}

/** The whole picture. */
export interface ChartLayout {
  width: number;
  height: number;
  boxes: StateBox[];
  arrows: TransitionArrow[];
}

/** Box size and spacing; the side gap leaves room for the longest event label (KTHREAD_NEVER_RAN). */
export const BOX_W = 150;
export const BOX_H = 34;
const ROW_GAP = 34;
const COL_GAP = 150;
const MARGIN = 8;

/**
 * The longest simple path from `start`, preferring earlier transitions on ties (so the order of
 * the machine definition decides, e.g. `freed` before `leaked`).
 */
function longestPath(start: string, next: Map<string, string[]>): string[] {
  let best: string[] = [start];
  const walk = (path: string[]): void => {
    if (path.length > best.length) best = [...path];
    for (const to of next.get(path[path.length - 1]) ?? []) {
      if (!path.includes(to)) walk([...path, to]);
    }
  };
  walk([start]);
  return best;
}

/** Lays out the states and transitions (states in document order, the first one initial). */
export function layoutChart(states: readonly LayoutStateInput[], transitions: readonly LayoutTransitionInput[]): ChartLayout {
  if (states.length === 0) return { width: 2 * MARGIN, height: 2 * MARGIN, boxes: [], arrows: [] };
  const next = new Map<string, string[]>();
  for (const t of transitions) {
    if (t.from === t.to) continue;
    const list = next.get(t.from) ?? [];
    if (!list.includes(t.to)) list.push(t.to);
    next.set(t.from, list);
  }
  const spine = longestPath(states[0].id, next);
  // Grid cells: [column, row] per state; column 0 is the spine.
  const cell = new Map<string, [number, number]>();
  spine.forEach((id, row) => cell.set(id, [0, row]));
  const taken = new Set(spine.map((_, row) => `0:${row}`));
  const place = (id: string, col: number, row: number): void => {
    while (taken.has(`${col}:${row}`)) row++;
    taken.add(`${col}:${row}`);
    cell.set(id, [col, row]);
  };
  for (const s of states) {
    if (cell.has(s.id)) continue;
    // Next to the first placed state that leads here; otherwise at the top of the side column.
    const source = transitions.find((t) => t.to === s.id && cell.has(t.from));
    const at = source === undefined ? undefined : cell.get(source.from);
    place(s.id, at === undefined ? 1 : at[0] + 1, at === undefined ? 0 : at[1]);
  }
  const boxes: StateBox[] = states.map((s) => {
    const [col, row] = cell.get(s.id) as [number, number];
    return {
      id: s.id,
      x: MARGIN + col * (BOX_W + COL_GAP),
      y: MARGIN + row * (BOX_H + ROW_GAP),
      w: BOX_W,
      h: BOX_H,
      final: s.final,
      spine: col === 0,
      description: s.description,
    };
  });
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const arrows = transitions.map((t) => arrow(t, byId.get(t.from) as StateBox, byId.get(t.to) as StateBox));
  const width = Math.max(...boxes.map((b) => b.x + b.w)) + MARGIN;
  const height = Math.max(...boxes.map((b) => b.y + b.h)) + MARGIN;
  return { width, height, boxes, arrows };
}

/** One arrow, routed by how the two boxes sit relative to each other. */
function arrow(t: LayoutTransitionInput, a: StateBox, b: StateBox): TransitionArrow {
  const base = { from: t.from, to: t.to, event: t.event, description: t.description };
  if (a === b) {
    // A targetless transition: a small loop on the box's left edge, label to its left.
    const y0 = a.y + 8;
    const y1 = a.y + a.h - 8;
    return {
      ...base,
      points: [
        [a.x, y0],
        [a.x - 14, y0],
        [a.x - 14, y1],
        [a.x, y1],
      ],
      label: { x: a.x - 18, y: a.y + a.h / 2 + 4, anchor: 'end' },
    };
  }
  const acx = a.x + a.w / 2;
  const bcx = b.x + b.w / 2;
  if (a.x === b.x && b.y > a.y + a.h + ROW_GAP) {
    // Down the same column past other boxes (6.6's MAP_FREE skips detached): around their right
    // side, label to the right of the detour.
    const out = a.x + a.w + 14;
    const ya = a.y + a.h / 2;
    const yb = b.y + b.h / 2;
    return {
      ...base,
      points: [
        [a.x + a.w, ya],
        [out, ya],
        [out, yb],
        [b.x + b.w, yb],
      ],
      label: { x: out + 4, y: (ya + yb) / 2 + 4, anchor: 'start' },
    };
  }
  if (a.x === b.x && b.y > a.y) {
    // Down the same column: a vertical arrow, label to its right in the gap between the rows.
    return {
      ...base,
      points: [
        [acx, a.y + a.h],
        [bcx, b.y],
      ],
      label: { x: acx + 6, y: (a.y + a.h + b.y) / 2 + 4, anchor: 'start' },
    };
  }
  if (b.x > a.x && b.y === a.y) {
    // Sideways into a branch: a horizontal arrow, label above it.
    const y = a.y + a.h / 2;
    return {
      ...base,
      points: [
        [a.x + a.w, y],
        [b.x, y],
      ],
      label: { x: (a.x + a.w + b.x) / 2, y: y - 5, anchor: 'middle' },
    };
  }
  if (b.x > a.x) {
    // A branch pushed further down: right, then down into the box's top.
    const y = a.y + a.h / 2;
    return {
      ...base,
      points: [
        [a.x + a.w, y],
        [bcx, y],
        [bcx, b.y],
      ],
      label: { x: (a.x + a.w + bcx) / 2, y: y - 5, anchor: 'middle' },
    };
  }
  // Anything else (a skip or a back edge): straight between the centres' borders.
  const from: [number, number] = [acx, b.y > a.y ? a.y + a.h : a.y];
  const to: [number, number] = [bcx, b.y > a.y ? b.y : b.y + b.h];
  return { ...base, points: [from, to], label: { x: (from[0] + to[0]) / 2 + 6, y: (from[1] + to[1]) / 2, anchor: 'start' } };
}
