/**
 * What `npm run sweep` prints on stdout: a JSON line per point, the sweep core's CSV, or an
 * aligned table with the answer line under it.
 */
import { groupThousands } from '../../engine/stats/format';
import { sweepParam } from '../../sweep/sweepParams';
import { sweepValueNumber } from '../../sweep/sweepList';
import { metricValues, sweepMetric, type SweepMetric } from '../../sweep/sweepMetrics';
import { defaultAnswerMetric, sweepAnswers } from '../../sweep/sweepAnswer';
import type { SweepRow } from '../../sweep/sweepTable';
import type { SweepAxis, SweepVary } from '../../sweep/sweepSpec';

/** `vary` as the JSON writes it: numbers for numeric parameters (`14.88M` → 14880000), words as strings. */
export function varyJson(vary: SweepVary): Record<string, number | string> {
  return Object.fromEntries(
    Object.entries(vary).map(([name, value]) => {
      const param = sweepParam(name);
      return [name, (param && sweepValueNumber(param, value)) ?? value];
    }),
  );
}

/** One point's JSON line: `vary`, then every key of `npm run sim --json` (or `error`). */
export function jsonLine(row: SweepRow): string {
  const vary = varyJson(row.vary);
  return JSON.stringify(row.result.ok ? { vary, ...row.result.report } : { vary, error: row.result.message }) + '\n';
}

/** The table's metric columns; the last two only appear when a report has them (latency, headroom). */
const TABLE_METRICS = ['kthreadPps', 'ringFullPps', 'nicDropPps', 'redirectErrPps', 'bulkAvg', 'schedPps', 'latencyP99', 'targetBusy'];
const OPTIONAL = new Set(['latencyP99', 'targetBusy']);

function cell(metric: SweepMetric, value: number | null): string {
  if (value === null) return '-';
  if (metric.unit === 'share') return `${(value * 100).toFixed(1)}%`;
  if (metric.unit === 'number') return value.toFixed(2);
  return groupThousands(value);
}

function header(metric: SweepMetric): string {
  return metric.unit === 'ns' ? `${metric.label} (ns)` : metric.label;
}

/** The answers to the sweep's question, one a line (none when it does not apply). */
function answerLines(axes: readonly SweepAxis[], rows: readonly SweepRow[]): string[] {
  const metric = sweepMetric(defaultAnswerMetric(axes));
  if (metric === undefined) return [];
  const points = rows.map((r) => ({ vary: r.vary, values: r.result.ok ? metricValues(r.result.report) : null }));
  return sweepAnswers(axes, points, metric).map((a) => a.text);
}

/** The aligned table, one row per point (a failed point shows its error), then the answer lines. */
export function textTable(axes: readonly SweepAxis[], rows: readonly SweepRow[]): string {
  const values = rows.map((r) => (r.result.ok ? metricValues(r.result.report) : null));
  const metrics = TABLE_METRICS.map((id) => sweepMetric(id) as SweepMetric).filter(
    (m) => !OPTIONAL.has(m.id) || values.some((v) => v !== null && v[m.id] !== null),
  );
  const head = [...axes.map((a) => a.param), ...metrics.map(header)];
  const body = rows.map((row, i) => {
    const v = values[i];
    const params = axes.map((a) => row.vary[a.param]);
    if (v === null) return { params, metrics: [] as string[], error: row.result.ok ? '' : row.result.message };
    return { params, metrics: metrics.map((m) => cell(m, v[m.id])), error: '' };
  });
  const widths = head.map((h, c) =>
    Math.max(h.length, ...body.map((b) => (c < axes.length ? b.params[c].length : (b.metrics[c - axes.length] ?? '').length))),
  );
  const line = (cells: readonly string[], error = '') => {
    const shown = cells.map((text, c) => (c < axes.length ? text.padEnd(widths[c]) : text.padStart(widths[c])));
    return [...shown, ...(error ? [`error: ${error}`] : [])].join('  ').trimEnd();
  };
  const lines = [line(head), ...body.map((b) => line([...b.params, ...b.metrics], b.error))];
  const answers = answerLines(axes, rows);
  return lines.join('\n') + '\n' + (answers.length > 0 ? `\n${answers.join('\n')}\n` : '');
}
