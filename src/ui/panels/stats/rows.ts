/**
 * The xdp_redirect_cpu table as cells for an HTML table: the same rows, in the same order, with
 * the tool's number formats, so a row read aloud or copied says what the tool's line says.
 * `formatRedirectCpuTable` stays the single source of the verbatim text; the unit test holds the
 * two together.
 */
import { groupThousands, kthreadExtraWords } from '../../../engine/stats/format';
import type { RedirectCpuStats, XdpInKthreadRow } from '../../../engine/stats/redirectCpu';

/** The table: the tool's first line, the column headings, then one cell array per row. */
export interface TableRows {
  title: string;
  header: string[];
  body: string[][];
  /** 5.9+ with entry programs: the tool's block for the program on the remote CPU. */
  remote?: TableRows;
}

/** The tool's column headings. */
export const TABLE_HEADER = ['XDP-cpumap', 'CPU:to', 'pps', 'drop-pps', 'extra-info'];

const n = (v: number): string => groupThousands(v);
const avg = (v: number): string => groupThousands(v, 2);
/** The extra-info cell: a number and, when the tool prints one, its label. */
const extra = (value: string, label: string): string => (label === '' ? value : `${value} ${label}`);

/** The tool's column headings of the remote program's block. */
export const REMOTE_HEADER = ['XDP-cpumap', 'CPU:to', 'xdp-pass', 'xdp-drop', 'xdp-redir'];

/** Rows and cells of `formatRedirectCpuTable(stats, progNum, remoteProg)`, five cells per body row (the remote block's: five too). */
export function tableRows(s: RedirectCpuStats, progNum = 0, remoteProg?: string): TableRows {
  const body: string[][] = [];

  // The tool's errstr and estr are sticky: once set by a row, later rows print them too.
  let errstr = '';
  for (const r of s.rx) {
    if (r.errPps > 0) errstr = 'cpu-dest/err';
    body.push(['XDP-RX', String(r.cpu), n(r.pps), n(r.dropPps), extra(n(r.errPps), errstr)]);
  }
  body.push(['XDP-RX', 'total', n(s.rxTotal.pps), n(s.rxTotal.dropPps), '']);

  for (const sum of s.enqueueSum) {
    for (const r of s.enqueue) {
      if (r.to !== sum.to) continue;
      body.push([
        'cpumap-enqueue',
        `${r.from}:${r.to}`,
        n(r.pps),
        n(r.dropPps),
        extra(avg(r.bulkAvg), r.bulkAvg > 0 ? 'bulk-average' : ''),
      ]);
    }
    body.push([
      'cpumap-enqueue',
      `sum:${sum.to}`,
      n(sum.pps),
      n(sum.dropPps),
      extra(avg(sum.bulkAvg), sum.bulkAvg > 0 ? 'bulk-average' : ''),
    ]);
  }

  const words = kthreadExtraWords(s);
  s.kthread.forEach((r, i) => body.push(['cpumap_kthread', String(r.cpu), n(r.pps), n(r.dropPps), extra(n(r.schedPps), words.rows[i])]));
  const kt = s.kthreadTotal;
  body.push(['cpumap_kthread', 'total', n(kt.pps), n(kt.dropPps), extra(n(kt.schedPps), words.total)]);

  body.push(['redirect_err', 'total', n(s.redirectErrTotal.pps), n(s.redirectErrTotal.dropPps), '']);
  body.push(['xdp_exception', 'total', n(s.exceptionTotal.pps), n(s.exceptionTotal.dropPps), '']);
  const table: TableRows = { title: `Running XDP/eBPF prog_num:${progNum}`, header: TABLE_HEADER, body };
  if (remoteProg !== undefined) {
    const row = (r: XdpInKthreadRow, where: string): string[] => ['xdp-in-kthread', where, n(r.passPps), n(r.dropPps), n(r.redirectPps)];
    table.remote = {
      title: `2nd remote XDP/eBPF prog_name: ${remoteProg}`,
      header: REMOTE_HEADER,
      body: [...s.xdpInKthread.map((r) => row(r, String(r.cpu))), row(s.xdpInKthreadTotal, 'total')],
    };
  }
  return table;
}
