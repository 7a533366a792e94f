import { describe, expect, it } from 'vitest';
import { cFixed, cGrouped, formatXdpBench } from './xdpBenchFormat';
import type { XdpBenchStats } from './xdpBench';

/**
 * `xdp-bench redirect-cpu --cpu 3 --remote-action drop eth1 -e` on a 2024 kernel, as the issue
 * quotes it from a mailing-list post (trailing blanks trimmed there as here). The tool ends each
 * block with a blank line under -e; the quote stops before it.
 */
const QUOTED = `eth1->?                 9,018,604 rx/s                  0 err,drop/s
  receive total         9,018,604 pkt/s                 0 drop/s                0 error/s
    cpu:7               9,018,604 pkt/s                 0 drop/s                0 error/s
  enqueue to cpu 3      9,018,602 pkt/s                 0 drop/s             7.00 bulk-avg
    cpu:7->3            9,018,602 pkt/s                 0 drop/s             7.00 bulk-avg
  kthread total         9,018,606 pkt/s                 0 drop/s          214,698 sched
    cpu:3               9,018,606 pkt/s                 0 drop/s          214,698 sched
    xdp_stats                   0 pass/s        9,018,606 drop/s                0 redir/s
      cpu:3                     0 pass/s        9,018,606 drop/s                0 redir/s
  redirect_err                  0 error/s
  xdp_exception                 0 hit/s
`;

/** The quoted figures: CPU 7 receives, CPU 3's kthread runs a program that drops every frame. */
function quoted(): XdpBenchStats {
  return {
    ifname: 'eth1',
    cpus: 8,
    rx: [{ cpu: 7, pps: 9_018_604, dropPps: 0, errPps: 0 }],
    enqueue: [{ from: 7, to: 3, pps: 9_018_602, dropPps: 0, bulksPps: 9_018_602 / 7 }],
    kthread: [{ cpu: 3, pps: 9_018_606, dropPps: 0, schedPps: 214_698, xdpPassPps: 0, xdpDropPps: 9_018_606, xdpRedirectPps: 0 }],
    redirectErr: [],
    exception: [],
  };
}

describe('xdp-bench redirect-cpu output', () => {
  it('reproduces the quoted -e output byte for byte, then the blank line that ends the block', () => {
    expect(formatXdpBench(quoted(), true)).toBe(QUOTED + '\n');
  });

  it('without -e prints only the header while nothing is dropped or in error', () => {
    const s = quoted();
    s.kthread[0].xdpDropPps = 0;
    expect(formatXdpBench(s, false)).toBe(QUOTED.split('\n')[0] + '\n');
  });

  it('without -e the quoted run prints the header and xdp_stats (its drop/s is an error figure to the tool), then a blank line', () => {
    const lines = QUOTED.split('\n');
    expect(formatXdpBench(quoted(), false)).toBe([lines[0], lines[7], '', ''].join('\n'));
  });

  it('without -e a non-zero drop brings its total line (and the xdp_stats line) and a blank line, never a per-CPU line', () => {
    const s = quoted();
    s.enqueue[0].dropPps = 1234.4;
    const out = formatXdpBench(s, false).split('\n');
    expect(out).toEqual([
      'eth1->?                 9,018,604 rx/s                  0 err,drop/s',
      '  enqueue to cpu 3      9,018,602 pkt/s             1,234 drop/s             7.00 bulk-avg',
      '    xdp_stats                   0 pass/s        9,018,606 drop/s                0 redir/s',
      '',
      '',
    ]);
  });

  it('with no program on the remote CPU (v5.0/v5.2) the xdp_stats lines are left out, as the tool does for zeros', () => {
    const s = quoted();
    s.kthread[0].xdpDropPps = 0;
    const out = formatXdpBench(s, true);
    expect(out).not.toContain('xdp_stats');
    expect(out).toContain('    cpu:3               9,018,606 pkt/s                 0 drop/s          214,698 sched\n  redirect_err');
  });

  it('redirect errors and exceptions: totals, the errno and action lines, and per-CPU lines under -e', () => {
    const s = quoted();
    s.kthread[0].xdpDropPps = 0;
    s.rx = [
      { cpu: 1, pps: 1000, dropPps: 10, errPps: 4 },
      { cpu: 2, pps: 500, dropPps: 0, errPps: 0 },
    ];
    s.redirectErr = [
      { err: 'EINVAL', cpu: 1, pps: 7 },
      { err: 'EINVAL', cpu: 2, pps: 3 },
    ];
    s.exception = [{ action: 'XDP_ABORTED', cpu: 1, pps: 4 }];
    const extended = formatXdpBench(s, true);
    // err,drop/s: receive errors 4 + drops 10 + redirect errors 10 + exceptions 4.
    expect(extended.split('\n')[0]).toBe('eth1->?                     1,500 rx/s                 28 err,drop/s');
    expect(extended).toContain(
      [
        '  redirect_err total           10 error/s',
        '    EINVAL total               10 error/s',
        '       cpu:1                    7 error/s',
        '       cpu:2                    3 error/s',
        '  xdp_exception total           4 hit/s',
        '    XDP_ABORTED                 4 error/s',
        '       cpu:1                    4 error/s',
        '',
      ].join('\n'),
    );
    const simple = formatXdpBench(s, false);
    expect(simple).toBe(
      [
        'eth1->?                     1,500 rx/s                 28 err,drop/s',
        '  receive                   1,500 pkt/s                10 drop/s                4 error/s',
        '  redirect_err                 10 error/s',
        '    EINVAL                     10 error/s',
        '  xdp_exception total           4 hit/s',
        '    XDP_ABORTED                 4 error/s',
        '',
        '',
      ].join('\n'),
    );
  });

  it('labels: "kthread" without "total" when it processed nothing; "receive" without it when nothing was received', () => {
    const s: XdpBenchStats = {
      ifname: 'eth0',
      cpus: 2,
      rx: [],
      enqueue: [],
      kthread: [{ cpu: 1, pps: 0, dropPps: 0, schedPps: 3, xdpPassPps: 0, xdpDropPps: 0, xdpRedirectPps: 0 }],
      redirectErr: [],
      exception: [],
    };
    expect(formatXdpBench(s, true)).toBe(
      [
        'eth0->?                         0 rx/s                  0 err,drop/s',
        '  receive                       0 pkt/s                 0 drop/s                0 error/s',
        '  kthread                       0 pkt/s                 0 drop/s                3 sched',
        '    cpu:1                       0 pkt/s                 0 drop/s                3 sched',
        '  redirect_err                  0 error/s',
        '  xdp_exception                 0 hit/s',
        '',
        '',
      ].join('\n'),
    );
  });

  it('totals round the summed rate, not the sum of rounded lines; bulk-avg divides the rounded rates', () => {
    const s: XdpBenchStats = {
      ifname: 'eth0',
      cpus: 4,
      rx: [
        { cpu: 0, pps: 0.4, dropPps: 0, errPps: 0 },
        { cpu: 1, pps: 0.4, dropPps: 0, errPps: 0 },
      ],
      enqueue: [{ from: 0, to: 2, pps: 10.4, dropPps: 0, bulksPps: 2.6 }],
      kthread: [],
      redirectErr: [],
      exception: [],
    };
    const out = formatXdpBench(s, true).split('\n');
    expect(out[0]).toBe('eth0->?                         1 rx/s                  0 err,drop/s');
    // 0.4 rounds to 0 on each CPU: no per-CPU line.
    expect(out[2]).toBe('  enqueue to cpu 2             10 pkt/s                 0 drop/s             3.33 bulk-avg');
  });

  it('numbers as printf prints them: grouping, ties to even, bulk-avg with two decimals', () => {
    expect(cGrouped(0)).toBe('0');
    expect(cGrouped(999)).toBe('999');
    expect(cGrouped(1000)).toBe('1,000');
    expect(cGrouped(1_234_567_890)).toBe('1,234,567,890');
    expect(cGrouped(1234.5678, 2)).toBe('1,234.57');
    expect(cFixed(2.5, 0)).toBe('2');
    expect(cFixed(3.5, 0)).toBe('4');
    expect(cFixed(0.125, 2)).toBe('0.12');
    expect(cFixed(0.375, 2)).toBe('0.38');
    expect(cFixed(2.675, 2)).toBe('2.67'); // below the tie in binary, as printf sees it
    // A number wider than the column pushes the line right, as %10 does.
    const wide: XdpBenchStats = {
      ifname: 'eth0',
      cpus: 1,
      rx: [{ cpu: 0, pps: 12_345_678_901, dropPps: 0, errPps: 0 }],
      enqueue: [],
      kthread: [],
      redirectErr: [],
      exception: [],
    };
    expect(formatXdpBench(wide).split('\n')[0]).toBe('eth0->?                12,345,678,901 rx/s                  0 err,drop/s');
  });
});
