/**
 * The latest interval as xdp_redirect_cpu prints it: an HTML table with the tool's rows and
 * number formats, and the verbatim text behind a "Show as text" toggle for copying, in either
 * tool's layout: xdp_redirect_cpu's, or xdp-bench redirect-cpu's with its per-CPU lines (-e).
 */
import { useId, useState } from 'react';
import { formatRedirectCpuTable } from '../../../engine/stats/format';
import type { RedirectCpuStats } from '../../../engine/stats/redirectCpu';
import type { XdpBenchStats } from '../../../engine/stats/xdpBench';
import { formatXdpBench } from '../../../engine/stats/xdpBenchFormat';
import { usePointer } from '../../lessons/pointer';
import { tableRows } from './rows';
import { HeaderRow } from './NumberTable';

/** Columns right-aligned as numbers (pps, drop-pps). */
const NUMERIC = new Set([2, 3]);

/** The table of one interval's statistics, captioned with the interval. Rows carry `data-place` ("stats:cpumap_kthread 4") for a lesson's pointer. */
export function StatsTable({
  stats,
  xdpBench,
  caption,
  remoteProg,
}: {
  stats: RedirectCpuStats;
  xdpBench?: XdpBenchStats;
  caption: string;
  /** 5.9+: the entries' programs in a few words, for the tool's block of the program on the remote CPU. */
  remoteProg?: string;
}) {
  const [asText, setAsText] = useState(false);
  const [layout, setLayout] = useState<'xdp_redirect_cpu' | 'xdp-bench'>('xdp_redirect_cpu');
  const bench = layout === 'xdp-bench' && xdpBench !== undefined;
  const radioName = useId();
  const place = usePointer((s) => s.place);
  const pointed = place?.on === 'stats' ? `${place.row}` : null;
  const t = tableRows(stats, 0, remoteProg);
  return (
    <div className="stats-table">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th colSpan={t.header.length} scope="colgroup" className="stats-title">
              {t.title}
            </th>
          </tr>
          <HeaderRow header={t.header} />
        </thead>
        <tbody>
          {t.body.map((row, i) => (
            <tr key={i} data-place={`stats:${row[0]} ${row[1]}`} data-pointed={pointed === `${row[0]} ${row[1]}` ? '' : undefined}>
              {row.map((cell, j) => (
                <td key={j} className={NUMERIC.has(j) ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {t.remote === undefined ? null : (
        <table>
          <thead>
            <tr>
              <th colSpan={t.remote.header.length} scope="colgroup" className="stats-title">
                {t.remote.title}
              </th>
            </tr>
            <HeaderRow header={t.remote.header} />
          </thead>
          <tbody>
            {t.remote.body.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j} className={j >= 2 ? 'num' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" aria-pressed={asText} onClick={() => setAsText(!asText)}>
        Show as text
      </button>
      {asText && xdpBench !== undefined ? (
        <fieldset className="stats-layout">
          <legend>Text layout</legend>
          {(['xdp_redirect_cpu', 'xdp-bench'] as const).map((l) => (
            <label key={l}>
              <input type="radio" name={radioName} checked={layout === l} onChange={() => setLayout(l)} />
              {l}
            </label>
          ))}
        </fieldset>
      ) : null}
      {asText ? (
        <pre className="stats-text" aria-label={bench ? 'xdp-bench redirect-cpu -e output' : 'xdp_redirect_cpu output'}>
          {bench ? formatXdpBench(xdpBench, true) : formatRedirectCpuTable(stats, 0, remoteProg)}
        </pre>
      ) : null}
    </div>
  );
}
