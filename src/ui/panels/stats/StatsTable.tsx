/**
 * The latest interval as xdp_redirect_cpu prints it: an HTML table with the tool's rows and
 * number formats, and the verbatim text behind a "Show as text" toggle for copying.
 */
import { useState } from 'react';
import { formatRedirectCpuTable } from '../../../engine/stats/format';
import type { StatsSample } from '../../../worker/statsSampler';
import { formatSimTime } from '../../format';
import { tableRows } from './rows';

/** Columns right-aligned as numbers (pps, drop-pps). */
const NUMERIC = new Set([2, 3]);

/** The table of one sample. */
export function StatsTable({ sample }: { sample: StatsSample }) {
  const [asText, setAsText] = useState(false);
  const t = tableRows(sample.stats);
  return (
    <div className="stats-table">
      <table>
        <caption>
          xdp_redirect_cpu, interval ending at {formatSimTime(sample.endNs)}
          {sample.partial ? ' (partial interval)' : ''}
        </caption>
        <thead>
          <tr>
            <th colSpan={t.header.length} scope="colgroup" className="stats-title">
              {t.title}
            </th>
          </tr>
          <tr>
            {t.header.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.body.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j} className={NUMERIC.has(j) ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" aria-pressed={asText} onClick={() => setAsText(!asText)}>
        Show as text
      </button>
      {asText ? (
        <pre className="stats-text" aria-label="xdp_redirect_cpu output">
          {formatRedirectCpuTable(sample.stats)}
        </pre>
      ) : null}
    </div>
  );
}
