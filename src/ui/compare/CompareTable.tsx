/**
 * The statistics of both runs in one table: xdp_redirect_cpu's rows for the latest interval both
 * runs completed, each with run A's value, run B's and the difference (B − A, and as a share of
 * A). A row only one run has shows a dash for the other. Row names are row headers, so a reader
 * (or a test) can find "cpumap_kthread 4" and read across.
 */
import { useMemo } from 'react';
import { groupThousands } from '../../engine/stats/format';
import { formatSimTime } from '../format';
import { visuallyHidden } from '../topology/LiveSummary';
import { diffRows, signedNumber, signedPercent, type DiffRow, type Difference, type RunCells } from './diffRows';
import type { ComparePair } from './compareQuery';
import { PAIR_CSV_FILE, pairStatsCsv } from './pairCsv';
import { RUN_NAMES, type PairRunner } from './pairRunner';
import { downloadText } from '../exports/download';
import { usePair } from './usePair';
import '../panels/stats/stats.css';

const DASH = '—';

/** A visually hidden prefix that makes a short column heading whole when read alone ("pps, run A"). */
function Hidden({ children }: { children: string }) {
  return <span style={visuallyHidden}>{children}</span>;
}

function numberCells(a: RunCells | null, b: RunCells | null, pick: (c: RunCells) => number, diff: Difference | null) {
  return [
    a === null ? DASH : groupThousands(pick(a)),
    b === null ? DASH : groupThousands(pick(b)),
    diff === null ? DASH : signedNumber(diff.delta),
    diff === null ? DASH : signedPercent(diff.percent),
  ];
}

function Row({ row }: { row: DiffRow }) {
  const cells = [...numberCells(row.a, row.b, (c) => c.pps, row.pps), ...numberCells(row.a, row.b, (c) => c.drop, row.drop)];
  return (
    <tr>
      <th scope="row">{row.kind}</th>
      <th scope="row">{row.where}</th>
      {cells.map((text, i) => (
        <td key={i} className={`num${i % 4 >= 2 ? ' diff' : ''}`}>
          {text}
        </td>
      ))}
      <td>{row.a === null ? DASH : row.a.extra}</td>
      <td>{row.b === null ? DASH : row.b.extra}</td>
    </tr>
  );
}

/** Every statistics sample both runs' panels keep, in one CSV with a run column. */
function PairCsvButton({ runner }: { runner: PairRunner }) {
  const onClick = () => {
    const runs = runner.runs.map((r, i) => ({ name: RUN_NAMES[i], samples: r.feeds.stats }));
    downloadText(PAIR_CSV_FILE, pairStatsCsv(runs), 'text/csv;charset=utf-8');
  };
  return (
    <p className="export-buttons">
      <button type="button" onClick={onClick}>
        Download CSV of both runs
      </button>
    </p>
  );
}

export function CompareTable({ runner, pair }: { runner: PairRunner; pair: ComparePair }) {
  const common = usePair(runner, (s) => s.common);
  const rows = useMemo(() => (common === null ? [] : diffRows(common[0].stats, common[1].stats)), [common]);
  const [kernelA, kernelB] = pair.kernels;
  return (
    <section aria-label="Statistics of both runs" className="panel compare-stats">
      <h2>Statistics</h2>
      <PairCsvButton runner={runner} />
      {common === null ? (
        <p>No interval has completed in both runs yet.</p>
      ) : (
        <div className="stats-table">
          <table>
            <caption>
              xdp_redirect_cpu, interval ending at {formatSimTime(common[0].endNs)}
              {common[0].partial ? ' (partial interval)' : ''}: run A (v{kernelA}) and run B (v{kernelB})
            </caption>
            <thead>
              <tr>
                <th rowSpan={2} scope="col">
                  XDP-cpumap
                </th>
                <th rowSpan={2} scope="col">
                  CPU:to
                </th>
                <th colSpan={4} scope="colgroup" className="group">
                  pps
                </th>
                <th colSpan={4} scope="colgroup" className="group">
                  drop-pps
                </th>
                <th colSpan={2} scope="colgroup" className="group">
                  extra-info
                </th>
              </tr>
              <tr>
                {['pps', 'drop-pps'].map((what) => [
                  <th key={`${what}-a`} scope="col" className="num">
                    <Hidden>{`${what}, `}</Hidden>A
                  </th>,
                  <th key={`${what}-b`} scope="col" className="num">
                    <Hidden>{`${what}, `}</Hidden>B
                  </th>,
                  <th key={`${what}-d`} scope="col" className="num">
                    <Hidden>{`${what}, `}</Hidden>B − A
                  </th>,
                  <th key={`${what}-p`} scope="col" className="num">
                    <Hidden>{`${what}, B − A as a share of A: `}</Hidden>%
                  </th>,
                ])}
                <th scope="col">
                  <Hidden>extra-info, </Hidden>A
                </th>
                <th scope="col">
                  <Hidden>extra-info, </Hidden>B
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Row key={`${row.kind} ${row.where}`} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
