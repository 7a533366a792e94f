/**
 * A finished sweep as rows and as CSV: one row per point, the varied parameters first, then every
 * metric, then the per-target figures (CPU busy, latency p50/p99 per CPU). The CLI's --csv and the
 * page's CSV export write the same text for the same sweep.
 */
import type { RunReport } from '../cli/report';
import type { SweepAxis, SweepVary } from './sweepSpec';
import { SWEEP_METRICS } from './sweepMetrics';

export interface SweepRow {
  vary: SweepVary;
  /** The point's report, or why it could not run. */
  result: { ok: true; report: RunReport } | { ok: false; message: string };
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const text = String(v);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Target CPUs over all rows, in order: a column per CPU for the per-target metrics. */
function allTargets(rows: readonly SweepRow[]): number[] {
  const cpus = new Set<number>();
  for (const r of rows) if (r.result.ok) for (const k of r.result.report.kthread) cpus.add(k.cpu);
  return [...cpus].sort((a, b) => a - b);
}

/** The sweep as CSV (header line first, `\n` line ends, empty cells for figures a point lacks). */
export function sweepCsv(axes: readonly SweepAxis[], rows: readonly SweepRow[]): string {
  const targets = allTargets(rows);
  const perCpu = SWEEP_METRICS.filter((m) => m.perCpu !== undefined);
  const header = [
    ...axes.map((a) => a.param),
    ...SWEEP_METRICS.map((m) => m.id),
    ...perCpu.flatMap((m) => targets.map((cpu) => `${m.id}_cpu${cpu}`)),
    'error',
  ];
  const lines = rows.map((row) => {
    const cells: (string | number | null)[] = axes.map((a) => row.vary[a.param]);
    if (!row.result.ok) {
      cells.push(...SWEEP_METRICS.map(() => null), ...perCpu.flatMap(() => targets.map(() => null)), row.result.message);
    } else {
      const report = row.result.report;
      cells.push(...SWEEP_METRICS.map((m) => m.value(report)));
      for (const m of perCpu) {
        const byCpu = new Map(m.perCpu!(report).map((x) => [x.cpu, x.value]));
        cells.push(...targets.map((cpu) => byCpu.get(cpu) ?? null));
      }
      cells.push(null);
    }
    return cells.map(csvCell).join(',');
  });
  return [header.join(','), ...lines].join('\n') + '\n';
}
