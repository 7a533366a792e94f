/**
 * One interval of `xdp-bench redirect-cpu`, printed as lib/util/xdp_sample.c's stats_print does
 * (the version with xdp_redirect_cpumap.c's mask RX_CNT | REDIRECT_ERR_MAP_CNT | CPUMAP_ENQUEUE_CNT
 * | CPUMAP_KTHREAD_CNT | EXCEPTION_CNT, whose output the 2024 mailing-list example shows):
 * https://github.com/xdp-project/xdp-tools/blob/48f514c0a03f443c64215bf92fa2028c4f996ed6/lib/util/xdp_sample.c
 * (stats_print, stats_get_rx_cnt, stats_get_cpumap_enqueue, stats_get_cpumap_kthread,
 * stats_get_cpumap_remote, stats_get_redirect_err_cnt, stats_get_exception_cnt: each step below
 * names the function it follows)
 * https://github.com/xdp-project/xdp-tools/blob/d316b04bdf13f839a5a406559907247bb6371172/xdp-bench/xdp_redirect_cpumap.c#L35-L37
 *
 * A column is `%'10.0f %-13s` (a number grouped with commas in ten places, a blank, its unit
 * left-justified in thirteen); bulk-avg is `%'10.2f`. Without `-e` (LL_SIMPLE) the tool prints
 * the header line and only those lines whose error or drop figure is non-zero (print_err), and
 * the per-CPU lines never (print_default); `-e` (LL_DEFAULT) prints them all and a blank line
 * after each block. The tool pads every line's last unit to thirteen places; those trailing
 * blanks are trimmed here, as in the quoted output.
 */
import { EXCEPTION_ACTIONS, REDIRECT_ERR_NAMES, type XdpBenchStats } from './xdpBench';

/**
 * printf("%.Nf") as glibc prints it: the exact binary value, a tie rounded to even. toFixed
 * rounds an exact tie up, so a tie (2.5, 0.125) is found in the value's exact decimal digits
 * (toFixed with 25 more places shows them: a double's digits past a tie are all zeros) and settled here.
 */
export function cFixed(value: number, decimals: number): string {
  const exact = Math.abs(value).toFixed(decimals + 25);
  const tail = exact.slice(exact.length - 25);
  if (Math.abs(value) < 1e21 && tail === '5'.padEnd(25, '0')) {
    const head = exact.slice(0, exact.length - 25).replace(/\.$/, '');
    const last = Number(head[head.length - 1]);
    const sign = value < 0 ? '-' : '';
    // An even last digit stays (toFixed of the digits kept); an odd one rounds up as toFixed does.
    return last % 2 === 0 ? sign + head : value.toFixed(decimals);
  }
  return value.toFixed(decimals);
}

/** printf("%'.Nf") in en_US.UTF-8: thousands grouped with commas. */
export function cGrouped(value: number, decimals = 0): string {
  const fixed = cFixed(value, decimals);
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (frac !== undefined ? `.${frac}` : '');
}

/** A `__COLUMN` field: `%'10<x> %-13s`. */
function column(value: number, unit: string, decimals = 0): string {
  return `${cGrouped(value, decimals).padStart(10)} ${unit.padEnd(13)}`;
}

/** calc_pps: round(count / period), half away from zero (C's round on a non-negative rate). */
const pps = (rate: number): number => Math.round(rate);

/** "  %-20s " for a total, "    %-18s " for a per-CPU line. */
const total = (label: string): string => `  ${label.padEnd(20)} `;
const perCpu = (label: string): string => `    ${label.padEnd(18)} `;

/** The lines of one interval (the header first), with a trailing newline each. */
export function formatXdpBench(s: XdpBenchStats, extended = false): string {
  const lines: string[] = [];
  let errorSeen = false;
  const always = (line: string): void => void lines.push(line);
  const byDefault = (line: string): void => {
    if (extended) lines.push(line);
  };
  // print_err: printed when its figure is non-zero, or always with -e.
  const onError = (figure: number, line: string): void => {
    if (figure > 0) errorSeen = true;
    if (figure > 0 || extended) lines.push(line);
  };
  const sum = <T>(rows: T[], f: (r: T) => number): number => rows.reduce((a, r) => a + f(r), 0);

  // stats_get_rx_cnt's totals.
  const rxPps = pps(sum(s.rx, (r) => r.pps));
  const rxDrop = pps(sum(s.rx, (r) => r.dropPps));
  const rxErr = pps(sum(s.rx, (r) => r.errPps));
  // stats_get_redirect_err_cnt / stats_get_exception_cnt: per kind, rounded, then summed.
  const redirectErrs = REDIRECT_ERR_NAMES.map((err) => ({ err, rows: s.redirectErr.filter((r) => r.err === err) }));
  const redirectErr = sum(redirectErrs, (k) => pps(sum(k.rows, (r) => r.pps)));
  const exceptions = EXCEPTION_ACTIONS.map((action) => ({ action, rows: s.exception.filter((r) => r.action === action) }));
  const hits = sum(exceptions, (k) => pps(sum(k.rows, (r) => r.pps)));

  // The header: totals.err_pps (receive errors, redirect errors, exceptions) plus the receive drops.
  always(`${`${s.ifname}->?`.padEnd(23)}${column(rxPps, 'rx/s')}${column(rxErr + redirectErr + hits + rxDrop, 'err,drop/s')}`);

  onError(
    rxErr + rxDrop,
    `${total(extended && rxPps > 0 ? 'receive total' : 'receive')}${column(rxPps, 'pkt/s')}${column(rxDrop, 'drop/s')}${column(rxErr, 'error/s')}`,
  );
  for (const r of [...s.rx].sort((a, b) => a.cpu - b.cpu)) {
    const [p, d, e] = [pps(r.pps), pps(r.dropPps), pps(r.errPps)];
    if (p || d || e) byDefault(`${perCpu(`cpu:${r.cpu}`)}${column(p, 'pkt/s')}${column(d, 'drop/s')}${column(e, 'error/s')}`);
  }

  // stats_get_cpumap_enqueue: bulk-avg is the rounded pkt/s over the rounded bulks per second.
  const bulkAvg = (p: number, bulks: number): number => (bulks > 0 ? p / bulks : 0);
  for (let to = 0; to < s.cpus; to++) {
    const rows = s.enqueue.filter((r) => r.to === to).sort((a, b) => a.from - b.from);
    const [p, d, b] = [pps(sum(rows, (r) => r.pps)), pps(sum(rows, (r) => r.dropPps)), pps(sum(rows, (r) => r.bulksPps))];
    if (p > 0 || d > 0) {
      onError(d, `${total(`enqueue to cpu ${to}`)}${column(p, 'pkt/s')}${column(d, 'drop/s')}${column(bulkAvg(p, b), 'bulk-avg', 2)}`);
    }
    for (const r of rows) {
      const [rp, rd, rb] = [pps(r.pps), pps(r.dropPps), pps(r.bulksPps)];
      if (rp || rd || rb)
        byDefault(
          `${perCpu(`cpu:${r.from}->${to}`)}${column(rp, 'pkt/s')}${column(rd, 'drop/s')}${column(bulkAvg(rp, rb), 'bulk-avg', 2)}`,
        );
    }
  }

  // stats_get_cpumap_kthread: the label says "total" only when frames were processed.
  const kthreads = [...s.kthread].sort((a, b) => a.cpu - b.cpu);
  const [kp, kd, ks] = [pps(sum(kthreads, (r) => r.pps)), pps(sum(kthreads, (r) => r.dropPps)), pps(sum(kthreads, (r) => r.schedPps))];
  onError(kd, `${total(kp ? 'kthread total' : 'kthread')}${column(kp, 'pkt/s')}${column(kd, 'drop/s')}${column(ks, 'sched')}`);
  for (const r of kthreads) {
    const [p, d, sc] = [pps(r.pps), pps(r.dropPps), pps(r.schedPps)];
    if (p || d || sc) byDefault(`${perCpu(`cpu:${r.cpu}`)}${column(p, 'pkt/s')}${column(d, 'drop/s')}${column(sc, 'sched')}`);
  }

  // stats_get_cpumap_remote: unrounded rates (calc_xdp_pps); left out when no program ran there.
  const [pass, drop, redir] = [
    sum(kthreads, (r) => r.xdpPassPps),
    sum(kthreads, (r) => r.xdpDropPps),
    sum(kthreads, (r) => r.xdpRedirectPps),
  ];
  if (pass || drop || redir) {
    onError(drop, `${perCpu('xdp_stats')}${column(pass, 'pass/s')}${column(drop, 'drop/s')}${column(redir, 'redir/s')}`);
  }
  for (const r of kthreads) {
    if (r.xdpPassPps || r.xdpDropPps || r.xdpRedirectPps) {
      byDefault(
        `      ${`cpu:${r.cpu}`.padEnd(16)} ${column(r.xdpPassPps, 'pass/s')}${column(r.xdpDropPps, 'drop/s')}${column(r.xdpRedirectPps, 'redir/s')}`,
      );
    }
  }

  // stats_print's redirect_err line, then stats_get_redirect_err_cnt's lines per error.
  onError(redirectErr, `${total(extended && redirectErr ? 'redirect_err total' : 'redirect_err')}${column(redirectErr, 'error/s')}`);
  for (const k of redirectErrs) {
    const d = pps(sum(k.rows, (r) => r.pps));
    if (d > 0) onError(d, `${perCpu(extended ? `${k.err} total` : k.err)}${column(d, 'error/s')}`);
    for (const r of [...k.rows].sort((a, b) => a.cpu - b.cpu)) {
      if (pps(r.pps)) byDefault(`       ${`cpu:${r.cpu}`.padEnd(16)}${column(pps(r.pps), 'error/s')}`);
    }
  }

  // stats_print's xdp_exception line, then stats_get_exception_cnt's lines per action.
  onError(hits, `${total(hits ? 'xdp_exception total' : 'xdp_exception')}${column(hits, 'hit/s')}`);
  for (const k of exceptions) {
    const d = pps(sum(k.rows, (r) => r.pps));
    if (d <= 0) continue;
    always(`${perCpu(k.action)}${column(d, 'error/s')}`);
    for (const r of [...k.rows].sort((a, b) => a.cpu - b.cpu)) {
      if (pps(r.pps)) byDefault(`       ${`cpu:${r.cpu}`.padEnd(16)}${column(pps(r.pps), 'error/s')}`);
    }
  }

  // A blank line ends the block with -e, and without it when an error or drop was printed.
  if (extended || errorSeen) lines.push('');
  return lines.map((l) => l.trimEnd() + '\n').join('');
}
