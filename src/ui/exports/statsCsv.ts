/**
 * The kept statistics samples as CSV (RFC 4180: comma separated, CRLF line ends, fields with a
 * comma, quote or line break quoted): a header row, then one row per (sample, row kind, CPU).
 */
import type { StatsSample } from '../../worker/statsSampler';

export const STATS_CSV_FILE = 'cpumap-stats.csv';

/** Columns. `from`/`to` are the enqueue's CPUs (empty for other kinds); `extra` is the bulk-average (enqueue) or sched/s (kthread). */
export const CSV_COLUMNS = ['end_ns', 'period_ns', 'partial', 'kind', 'from', 'to', 'cpu', 'pps', 'drop_pps', 'extra'] as const;

type Cell = string | number | boolean | null;

/** One CSV field, quoted when it must be. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record (without its line end). */
export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',');
}

/** The CSV text of `samples`: rx, enqueue, kthread rows as the tool lists them, and one redirect_err total per sample. */
export function statsCsv(samples: readonly StatsSample[]): string {
  const rows: string[] = [csvRow(CSV_COLUMNS)];
  for (const s of samples) {
    const head = [s.endNs, s.periodNs, s.partial];
    for (const r of s.stats.rx) rows.push(csvRow([...head, 'rx', null, null, r.cpu, r.pps, r.dropPps, null]));
    for (const r of s.stats.enqueue) rows.push(csvRow([...head, 'enqueue', r.from, r.to, r.to, r.pps, r.dropPps, r.bulkAvg]));
    for (const r of s.stats.kthread) rows.push(csvRow([...head, 'kthread', null, null, r.cpu, r.pps, r.dropPps, r.schedPps]));
    // The tool counts redirect errors as drops only, summed over the CPUs.
    rows.push(csvRow([...head, 'redirect_err', null, null, null, s.stats.redirectErrTotal.pps, s.stats.redirectErrTotal.dropPps, null]));
  }
  return rows.map((r) => r + '\r\n').join('');
}
