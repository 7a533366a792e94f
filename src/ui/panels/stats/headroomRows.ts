/**
 * The "CPU headroom" table's rows: per CPU, the interval's shares as percentages. CPUs that did
 * anything, receive traffic or are cpumap targets get a row each; the rest (idle throughout)
 * share one line, so 64 CPUs stay readable.
 */
import type { CpuHeadroom } from '../../../engine/stats/headroom';

export const HEADROOM_HEADER = ['CPU', 'softirq', 'ksoftirqd', 'kthread', 'switch', 'idle'];

const KINDS = ['softirq', 'ksoftirqd', 'kthread', 'switch', 'idle'] as const;

/** A share (0..1) as "55.7%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** "0, 5–7": CPU numbers with runs collapsed. */
export function cpuList(cpus: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cpus.length;) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j] + 1) j++;
    parts.push(j - i >= 2 ? `${cpus[i]}–${cpus[j]}` : cpus.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * One cell array per row: a row per CPU in `keep` or not idle throughout, then, if any are left,
 * "others (0, 5–7)" with their mean shares.
 */
export function headroomRows(headroom: readonly CpuHeadroom[], keep: ReadonlySet<number>): string[][] {
  const rows: string[][] = [];
  const rest: CpuHeadroom[] = [];
  for (const h of headroom) {
    if (keep.has(h.cpu) || h.idle < 1) rows.push([String(h.cpu), ...KINDS.map((k) => percent(h[k]))]);
    else rest.push(h);
  }
  if (rest.length > 0) {
    const mean = (k: (typeof KINDS)[number]) => rest.reduce((sum, h) => sum + h[k], 0) / rest.length;
    rows.push([`others (${cpuList(rest.map((h) => h.cpu))})`, ...KINDS.map((k) => percent(mean(k)))]);
  }
  return rows;
}
