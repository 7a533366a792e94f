/**
 * The xdp_redirect_cpu table, printed with the tool's own printf formats (samples/bpf,
 * 2019): `%'` groups thousands with commas; `-` left-justifies. Trailing blanks are trimmed.
 */
import type { RedirectCpuStats, XdpInKthreadRow } from './redirectCpu';

/** printf("%'.Nf"): fixed decimals with thousands separators. */
export function groupThousands(value: number, decimals = 0): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + grouped + (frac !== undefined ? `.${frac}` : '');
}

/**
 * The kthread rows' extra-info words, as the tool sets them: "sched" from the first CPU row with
 * sched events on (it stays for the rows after), and "sched-sum" on the total row when the total
 * has any. https://elixir.bootlin.com/linux/v5.2/source/samples/bpf/xdp_redirect_cpu_user.c
 */
export function kthreadExtraWords(s: RedirectCpuStats): { rows: string[]; total: string } {
  let word = '';
  const rows = s.kthread.map((r) => {
    if (r.schedPps > 0) word = 'sched';
    return word;
  });
  return { rows, total: s.kthreadTotal.schedPps > 0 ? 'sched-sum' : word };
}

const left = (s: string | number, width: number): string => String(s).padEnd(width);
const right = (s: string | number, width: number): string => String(s).padStart(width);
const num = (v: number, width: number, decimals = 0): string => left(groupThousands(v, decimals), width);

/**
 * The table for one interval, exactly as `xdp_redirect_cpu` prints it (prog_num 0). With
 * `remoteProg` (5.9+, entries carry a program: its name), the tool's block for the program on the
 * remote CPU follows, its verdicts per CPU ("xdp-in-kthread").
 * https://elixir.bootlin.com/linux/v5.10/source/samples/bpf/xdp_redirect_cpu_user.c
 */
export function formatRedirectCpuTable(s: RedirectCpuStats, progNum = 0, remoteProg?: string): string {
  const lines: string[] = [];
  lines.push(`Running XDP/eBPF prog_num:${progNum}`);
  lines.push(`${left('XDP-cpumap', 15)} ${left('CPU:to', 7)} ${left('pps', 14)} ${left('drop-pps', 11)} ${left('extra-info', 9)}`);

  let errstr = '';
  for (const r of s.rx) {
    if (r.errPps > 0) errstr = 'cpu-dest/err';
    lines.push(`${left('XDP-RX', 15)} ${left(r.cpu, 7)} ${num(r.pps, 14)} ${num(r.dropPps, 11)} ${num(r.errPps, 10)} ${errstr}`);
  }
  lines.push(`${left('XDP-RX', 15)} ${left('total', 7)} ${num(s.rxTotal.pps, 14)} ${num(s.rxTotal.dropPps, 11)}`);

  for (const sum of s.enqueueSum) {
    for (const r of s.enqueue) {
      if (r.to !== sum.to) continue;
      const extra = r.bulkAvg > 0 ? 'bulk-average' : '';
      lines.push(
        `${left('cpumap-enqueue', 15)} ${right(r.from, 3)}:${left(r.to, 3)} ${num(r.pps, 14)} ${num(r.dropPps, 11)} ${num(r.bulkAvg, 10, 2)} ${extra}`,
      );
    }
    const extra = sum.bulkAvg > 0 ? 'bulk-average' : '';
    lines.push(
      `${left('cpumap-enqueue', 15)} ${right('sum', 3)}:${left(sum.to, 3)} ${num(sum.pps, 14)} ${num(sum.dropPps, 11)} ${num(sum.bulkAvg, 10, 2)} ${extra}`,
    );
  }

  const words = kthreadExtraWords(s);
  s.kthread.forEach((r, i) => {
    lines.push(
      `${left('cpumap_kthread', 15)} ${left(r.cpu, 7)} ${num(r.pps, 14)} ${num(r.dropPps, 11)} ${num(r.schedPps, 10)} ${words.rows[i]}`,
    );
  });
  const kt = s.kthreadTotal;
  lines.push(
    `${left('cpumap_kthread', 15)} ${left('total', 7)} ${num(kt.pps, 14)} ${num(kt.dropPps, 11)} ${num(kt.schedPps, 10)} ${words.total}`,
  );

  lines.push(`${left('redirect_err', 15)} ${left('total', 7)} ${num(s.redirectErrTotal.pps, 14)} ${num(s.redirectErrTotal.dropPps, 11)}`);
  lines.push(`${left('xdp_exception', 15)} ${left('total', 7)} ${num(s.exceptionTotal.pps, 14)} ${num(s.exceptionTotal.dropPps, 11)}`);
  if (remoteProg !== undefined) {
    lines.push('', `2nd remote XDP/eBPF prog_name: ${remoteProg}`);
    lines.push(`${left('XDP-cpumap', 15)} ${left('CPU:to', 7)} ${left('xdp-pass', 14)} ${left('xdp-drop', 11)} ${left('xdp-redir', 9)}`);
    const row = (r: XdpInKthreadRow, where: string | number) =>
      `${left('xdp-in-kthread', 15)} ${left(where, 7)} ${num(r.passPps, 14)} ${num(r.dropPps, 11)} ${num(r.redirectPps, 10)}`;
    for (const r of s.xdpInKthread) lines.push(row(r, r.cpu));
    lines.push(row(s.xdpInKthreadTotal, 'total'));
  }
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}
