import { describe, expect, it } from 'vitest';
import { formatRedirectCpuTable, groupThousands } from '../../src/engine/stats/format';
import { redirectCpuStats } from '../../src/engine/stats/redirectCpu';
import { TraceCounters } from '../../src/engine/kernel/tracepoints';

describe("xdp_redirect_cpu's table", () => {
  it("groups thousands like printf %'.0f and keeps two decimals for the bulk-average", () => {
    expect(groupThousands(14732711.4)).toBe('14,732,711');
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(1000)).toBe('1,000');
    expect(groupThousands(7.996, 2)).toBe('8.00');
    expect(groupThousands(1234567.891, 2)).toBe('1,234,567.89');
  });

  it("reproduces the 2019 overload sample's rows and columns from the same counters", () => {
    const prev = new TraceCounters();
    const cur = new TraceCounters();
    cur.rxProcessed[3] = 14_732_711;
    cur.enqProcessed[3 * 64 + 4] = 14_732_686;
    cur.enqDrops[3 * 64 + 4] = 11_552_609;
    cur.enqEvents[3 * 64 + 4] = 14_732_686 / 8;
    cur.kthProcessed[4] = 3_180_074;
    cur.kthEvents[4] = 3_180_074 / 8;
    const text = formatRedirectCpuTable(redirectCpuStats(prev, cur, 1e9, 8));
    expect(text).toBe(
      [
        'Running XDP/eBPF prog_num:0',
        'XDP-cpumap      CPU:to  pps            drop-pps    extra-info',
        'XDP-RX          3       14,732,711     0           0',
        'XDP-RX          total   14,732,711     0',
        'cpumap-enqueue    3:4   14,732,686     11,552,609  8.00       bulk-average',
        'cpumap-enqueue  sum:4   14,732,686     11,552,609  8.00       bulk-average',
        'cpumap_kthread  4       3,180,074      0           0',
        'cpumap_kthread  total   3,180,074      0           0',
        'redirect_err    total   0              0',
        'xdp_exception   total   0              0',
        '',
      ].join('\n'),
    );
  });

  it('rates are deltas over the period, and sched marks the kthread rows from the first row with sched events', () => {
    const prev = new TraceCounters();
    const cur = new TraceCounters();
    cur.kthProcessed[4] = 1000;
    cur.kthSched[4] = 10;
    cur.kthEvents[4] = 500;
    cur.kthProcessed[5] = 500;
    cur.redirectErr[0] = 30;
    const s = redirectCpuStats(prev, cur, 0.5e9, 8);
    expect(s.kthread).toEqual([
      { cpu: 4, pps: 2000, dropPps: 0, schedPps: 20 },
      { cpu: 5, pps: 1000, dropPps: 0, schedPps: 0 },
    ]);
    const lines = formatRedirectCpuTable(s).split('\n');
    // "sched" from the first CPU row with sched events on, "sched-sum" on the total (the tool's words).
    expect(lines.filter((l) => l.startsWith('cpumap_kthread')).map((l) => l.split(/ +/).at(-1))).toEqual(['sched', 'sched', 'sched-sum']);
    expect(lines).toContain('redirect_err    total   0              60');
  });
});
