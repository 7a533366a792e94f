/**
 * The kept statistics samples as CSV (RFC 4180: comma separated, CRLF line ends, fields with a
 * comma, quote or line break quoted): a header row, then one row per (sample, row kind, CPU).
 * Rate rows (rx, enqueue, kthread, redirect_err) fill pps..extra; `headroom` rows (every CPU)
 * fill the *_share columns; `latency` rows (every target CPU) fill the *_ns columns, empty where
 * no frame was measured in the interval.
 */
import type { StatsSample } from '../../worker/statsSampler';

export const STATS_CSV_FILE = 'cpumap-stats.csv';

/** Columns. `from`/`to` are the enqueue's CPUs (empty for other kinds); `extra` is the bulk-average (enqueue) or sched/s (kthread). */
export const CSV_COLUMNS = [
  'end_ns',
  'period_ns',
  'partial',
  'kind',
  'from',
  'to',
  'cpu',
  'pps',
  'drop_pps',
  'extra',
  'softirq_share',
  'ksoftirqd_share',
  'kthread_share',
  'switch_share',
  'idle_share',
  'p50_ns',
  'p99_ns',
  'max_ns',
  'flush_to_dequeue_p50_ns',
  'flush_to_dequeue_p99_ns',
  'flush_to_dequeue_max_ns',
] as const;

/** Empty cells for the columns a rate row does not use (the headroom and latency ones). */
const NO_SHARES = [null, null, null, null, null] as const;
const NO_LATENCY = [null, null, null, null, null, null] as const;
const NO_RATES = [null, null, null] as const;

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
    const rate = (cells: Cell[]): string => csvRow([...head, ...cells, ...NO_SHARES, ...NO_LATENCY]);
    for (const r of s.stats.rx) rows.push(rate(['rx', null, null, r.cpu, r.pps, r.dropPps, null]));
    for (const r of s.stats.enqueue) rows.push(rate(['enqueue', r.from, r.to, r.to, r.pps, r.dropPps, r.bulkAvg]));
    for (const r of s.stats.kthread) rows.push(rate(['kthread', null, null, r.cpu, r.pps, r.dropPps, r.schedPps]));
    // The tool counts redirect errors as drops only, summed over the CPUs.
    rows.push(rate(['redirect_err', null, null, null, s.stats.redirectErrTotal.pps, s.stats.redirectErrTotal.dropPps, null]));
    for (const h of s.headroom) {
      const shares = [h.softirq, h.ksoftirqd, h.kthread, h.switch, h.idle];
      rows.push(csvRow([...head, 'headroom', null, null, h.cpu, ...NO_RATES, ...shares, ...NO_LATENCY]));
    }
    for (const l of s.latency) {
      const e = l.enqueueToDequeue;
      rows.push(csvRow([...head, 'latency', null, null, l.cpu, ...NO_RATES, ...NO_SHARES, l.p50, l.p99, l.max, e.p50, e.p99, e.max]));
    }
  }
  return rows.map((r) => r + '\r\n').join('');
}
