import { describe, expect, it } from 'vitest';
import { formatRedirectCpuTable } from '../../../engine/stats/format';
import type { RedirectCpuStats } from '../../../engine/stats/redirectCpu';
import { tableRows } from './rows';
import { EDGE_STATS, engineSamples } from './fixtures.test-util';

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Each table row, its cells joined, must read as the tool's line with whitespace collapsed. */
function expectSameAsTool(stats: RedirectCpuStats, remoteProg?: string): void {
  const lines = formatRedirectCpuTable(stats, 0, remoteProg).trimEnd().split('\n').map(collapse);
  const t = tableRows(stats, 0, remoteProg);
  const tables = t.remote === undefined ? [t] : [t, t.remote];
  // The remote block follows after a blank line.
  const rows = tables
    .flatMap((x, i) => [...(i > 0 ? [['']] : []), [x.title], x.header, ...x.body])
    .map((cells) => collapse(cells.join(' ')));
  expect(rows).toEqual(lines);
  for (const x of tables) for (const r of x.body) expect(r).toHaveLength(x.header.length);
}

describe('tableRows', () => {
  it('matches formatRedirectCpuTable line by line on hand-made edge cases', () => {
    expectSameAsTool(EDGE_STATS);
  });

  it("5.9+: the remote program's block, as the tool prints it after the table (xdp-in-kthread rows and their total)", () => {
    expectSameAsTool(EDGE_STATS, 'drop 25%');
    const remote = tableRows(EDGE_STATS, 0, 'drop 25%').remote;
    expect(remote?.title).toBe('2nd remote XDP/eBPF prog_name: drop 25%');
    expect(remote?.body).toEqual([
      ['xdp-in-kthread', '4', '0', '6,190,000', '0'],
      ['xdp-in-kthread', '5', '750', '0', '250'],
      ['xdp-in-kthread', 'total', '750', '6,190,000', '250'],
    ]);
    expect(tableRows(EDGE_STATS).remote).toBeUndefined();
    const text = formatRedirectCpuTable(EDGE_STATS, 0, 'drop 25%').trimEnd().split('\n');
    expect(text.slice(-6)).toEqual(
      [
        '',
        '2nd remote XDP/eBPF prog_name: drop 25%',
        'XDP-cpumap      CPU:to  xdp-pass       xdp-drop    xdp-redir',
        'xdp-in-kthread  4       0              6,190,000   0',
        'xdp-in-kthread  5       750            0           250',
        'xdp-in-kthread  total   750            6,190,000   250',
      ]
        .concat([])
        .slice(-6),
    );
  });

  it('uses the tool number formats in the cells', () => {
    const t = tableRows(EDGE_STATS);
    expect(t.body[0]).toEqual(['XDP-RX', '0', '1,234,567', '0', '0']);
    expect(t.body[1][4]).toBe('5 cpu-dest/err');
    const enq = t.body.find((r) => r[1] === '3:4');
    expect(enq).toEqual(['cpumap-enqueue', '3:4', '6,190,001', '8,510,000', '8.00 bulk-average']);
    expect(t.body.find((r) => r[1] === '12:4')?.[4]).toBe('0.00');
  });

  it('matches formatRedirectCpuTable on real runs (overload, two targets, a trickle, redirect errors)', () => {
    for (const q of [
      'rx=3&entries=4:192&rate=14.7M&prog=rr&arrival=constant',
      'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash',
      'rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant',
      'rx=0&entries=4:192&rate=1M&prog=cpu:6',
    ]) {
      for (const s of engineSamples(q, 3, 200_000)) expectSameAsTool(s.stats);
    }
  });
});
