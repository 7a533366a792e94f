/**
 * The comparison table's rows: xdp_redirect_cpu's rows as the Statistics panel shows them (same
 * names, order and rounding, from `tableRows`), with run A's value, run B's and the difference.
 * Pure.
 */
import type { RedirectCpuStats } from '../../engine/stats/redirectCpu';
import type { StatsSample } from '../../worker/statsSampler';
import { tableRows } from '../panels/stats/rows';

/** One run's numbers on a row, as the Statistics panel prints them (pps rounded to whole frames). */
export interface RunCells {
  pps: number;
  drop: number;
  extra: string;
}

/** A difference, B − A, and as a share of A (null when A is 0: no percentage of nothing). */
export interface Difference {
  delta: number;
  percent: number | null;
}

export interface DiffRow {
  /** "XDP-RX", "cpumap-enqueue", "cpumap_kthread"... */
  kind: string;
  /** "3", "3:4", "sum:4", "total". */
  where: string;
  /** Null: the run has no such row (a dash in the table). */
  a: RunCells | null;
  b: RunCells | null;
  /** Null unless both runs have the row. */
  pps: Difference | null;
  drop: Difference | null;
}

/** The panel's number text back to a number ("6,192,400" → 6192400). */
function cellNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}

type RunRow = { kind: string; where: string; cells: RunCells };

/** One run's rows by "kind where", in its table order (none without a sample). */
function runRows(stats: RedirectCpuStats | null): Map<string, RunRow> {
  const out = new Map<string, RunRow>();
  if (stats === null) return out;
  for (const [kind, where, pps, drop, extra] of tableRows(stats).body) {
    out.set(`${kind} ${where}`, { kind, where, cells: { pps: cellNumber(pps), drop: cellNumber(drop), extra } });
  }
  return out;
}

export function difference(a: number, b: number): Difference {
  return { delta: b - a, percent: a === 0 ? null : ((b - a) / a) * 100 };
}

/**
 * The rows of both runs: A's in its order, each of B's rows that A lacks right after the row
 * B has before it (so an extra CPU's row sits among its kind).
 */
export function diffRows(a: RedirectCpuStats | null, b: RedirectCpuStats | null): DiffRow[] {
  const rowsA = runRows(a);
  const rowsB = runRows(b);
  const order: RunRow[] = [...rowsA.values()];
  let after = -1;
  for (const row of rowsB.values()) {
    const at = order.findIndex((r) => r.kind === row.kind && r.where === row.where);
    if (at >= 0) after = at;
    else order.splice(++after, 0, row);
  }
  return order.map(({ kind, where }) => {
    const ra = rowsA.get(`${kind} ${where}`)?.cells ?? null;
    const rb = rowsB.get(`${kind} ${where}`)?.cells ?? null;
    const both = ra !== null && rb !== null;
    return {
      kind,
      where,
      a: ra,
      b: rb,
      pps: both ? difference(ra.pps, rb.pps) : null,
      drop: both ? difference(ra.drop, rb.drop) : null,
    };
  });
}

/**
 * The latest interval both runs have completed, as [A's sample, B's sample], or null. The runs
 * sample the same intervals; one may be a message ahead of the other for a moment.
 */
export function latestCommon(a: readonly StatsSample[], b: readonly StatsSample[]): [StatsSample, StatsSample] | null {
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      if (b[j].endNs === a[i].endNs && b[j].periodNs === a[i].periodNs) return [a[i], b[j]];
    }
  }
  return null;
}

/** A signed number with thousands separators: "+1,456,000", "-12", "0". */
export function signedNumber(v: number): string {
  const rounded = Math.round(v);
  const text = Math.abs(rounded).toLocaleString('en-US');
  return rounded > 0 ? `+${text}` : rounded < 0 ? `-${text}` : '0';
}

/** A signed percentage with one decimal: "+23.5%", "-4.0%", "0.0%"; a dash when there is none. */
export function signedPercent(p: number | null): string {
  if (p === null) return '—';
  const text = Math.abs(p).toFixed(1);
  if (text === '0.0') return '0.0%';
  return `${p > 0 ? '+' : '-'}${text}%`;
}
