/**
 * `npm run sim -- … --format xdp-bench [-e]`: the flag's values and refusals, and the figures
 * against --json's for the same run and window.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runSim } from '../../src/cli/run';
import type { RunReport } from '../../src/cli/report';

const QUERY = 'rx=0,1&entries=4:256,5:64&rate=3M&prog=hash';
const WINDOW = ['--warmup', '2ms', '--duration', '4ms'];

/** The figures of a line: "cpu:0->4   1,234 pkt/s   0 drop/s   7.00 bulk-avg" -> [1234, 0, 7]. */
function figures(line: string): number[] {
  return [...line.matchAll(/([\d,]+(?:\.\d+)?) [a-z/,-]+/g)].map((m) => Number(m[1].replace(/,/g, '')));
}

/** The lines of a section: from its heading to the next heading at its indentation. */
function section(out: string, heading: RegExp): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  expect(start, `no line matching ${heading}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && /^ {2}\S/.test(l));
  return lines.slice(start, end < 0 ? undefined : end);
}

describe('npm run sim --format', () => {
  it('text, json and trace print what --text, --json and --trace print', () => {
    for (const f of ['text', 'json', 'trace']) {
      const a = runSim([QUERY, '--duration', '1ms', '--format', f]);
      const b = runSim([QUERY, '--duration', '1ms', `--${f}`]);
      expect(a.code).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    }
    // Saying the same thing twice is allowed.
    expect(runSim([QUERY, '--duration', '1ms', '--format', 'json', '--json']).code).toBe(0);
  });

  it('xdp-bench prints one header per interval, and -e adds the per-CPU lines and a blank line after each block', () => {
    const plain = runSim([QUERY, '--duration', '2ms', '--interval', '1ms', '--format', 'xdp-bench']);
    expect(plain.code).toBe(0);
    expect(plain.stdout.match(/^eth0->\? +[\d,]+ rx\/s +[\d,]+ err,drop\/s$/gm)).toHaveLength(2);
    expect(plain.stdout).not.toMatch(/cpu:/);
    const extended = runSim([QUERY, '--duration', '2ms', '--interval', '1ms', '--format', 'xdp-bench', '-e']);
    expect(extended.code).toBe(0);
    const blocks = extended.stdout.split('\n\n').filter((b) => b !== '');
    expect(blocks).toHaveLength(2);
    for (const b of blocks) {
      expect(b).toMatch(/^ {2}receive total /m);
      expect(b).toMatch(/^ {4}cpu:0 /m);
      expect(b).toMatch(/^ {2}enqueue to cpu 4 /m);
      expect(b).toMatch(/^ {4}cpu:1->5 .* bulk-avg$/m);
      expect(b).toMatch(/^ {2}kthread total .* sched$/m);
      expect(b).toMatch(/^ {2}redirect_err +0 error\/s$/m);
      expect(b).toMatch(/^ {2}xdp_exception +0 hit\/s$/m);
      // No program runs in the kthread on v5.0: the tool leaves xdp_stats out.
      expect(b).not.toMatch(/xdp_stats/);
    }
    expect(runSim([QUERY, '--duration', '1ms', '--format', 'xdp-bench', '--extended']).stdout).toMatch(/receive total/);
  });

  it('refuses a bad --format, a --format that contradicts --json/--text/--trace, and -e without xdp-bench (exit 2)', () => {
    const bad = runSim([QUERY, '--format', 'xdp_bench']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^--format: "xdp_bench" is not a format: use one of text, json, trace, xdp-bench\n/);
    const both = runSim([QUERY, '--format', 'xdp-bench', '--json']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^--format xdp-bench and --json ask for different outputs: give one of them\n/);
    const e = runSim([QUERY, '--text', '-e']);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/^--extended \(-e\) is for --format xdp-bench only\n/);
    const empty = runSim([QUERY, '--format']);
    expect(empty.code).toBe(2);
  });

  it("xdp-bench's figures are --json's for the same run and window, rounded as the tool rounds them", () => {
    const json = JSON.parse(runSim([QUERY, ...WINDOW, '--json']).stdout) as RunReport;
    const r = runSim([QUERY, ...WINDOW, '--interval', '2ms', '--format', 'xdp-bench', '-e']);
    expect(r.code).toBe(0);
    const out = r.stdout;
    const rxTotal = json.rx.reduce((a, x) => a + x.pps, 0);
    expect(figures(out.split('\n')[0])).toEqual([Math.round(rxTotal), Math.round(json.redirectErrPps)]);
    const receive = section(out, /^ {2}receive total/);
    expect(figures(receive[0])).toEqual([Math.round(rxTotal), 0, 0]);
    for (const x of json.rx) expect(figures(receive.find((l) => l.startsWith(`    cpu:${x.cpu} `))!)).toEqual([Math.round(x.pps), 0, 0]);
    for (const to of [4, 5]) {
      const rows = json.enqueue.filter((x) => x.to === to);
      const lines = section(out, new RegExp(`^ {2}enqueue to cpu ${to} `));
      const [pps, drop] = figures(lines[0]);
      expect(pps).toBe(Math.round(rows.reduce((a, x) => a + x.pps, 0)));
      expect(drop).toBe(Math.round(rows.reduce((a, x) => a + x.dropPps, 0)));
      for (const x of rows) {
        const [p, d, bulk] = figures(lines.find((l) => l.startsWith(`    cpu:${x.from}->${to} `))!);
        expect([p, d]).toEqual([Math.round(x.pps), Math.round(x.dropPps)]);
        expect(bulk).toBeCloseTo(x.bulkAvg, 1);
      }
    }
    expect(json.enqueue.some((x) => x.dropPps > 0)).toBe(true); // CPU 5's 64-frame ring overflows
    const kthread = section(out, /^ {2}kthread total/);
    expect(figures(kthread[0])).toEqual([
      Math.round(json.kthread.reduce((a, x) => a + x.pps, 0)),
      Math.round(json.kthread.reduce((a, x) => a + x.dropPps, 0)),
      Math.round(json.kthread.reduce((a, x) => a + x.schedPps, 0)),
    ]);
    for (const x of json.kthread) {
      expect(figures(kthread.find((l) => l.startsWith(`    cpu:${x.cpu} `))!)).toEqual([
        Math.round(x.pps),
        Math.round(x.dropPps),
        Math.round(x.schedPps),
      ]);
    }
    expect(figures(section(out, /^ {2}redirect_err/)[0])).toEqual([Math.round(json.redirectErrPps)]);
  });
});

describe("the README's xdp-bench example", () => {
  it('prints what the README shows, and without -e only the header and the line with drops', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## The command line'), readme.indexOf('### Sweeps'));
    const command = /npm run sim -- '([^']*)' ([^\n]*--format xdp-bench -e)\n/.exec(section);
    const shown = /```text\n(eth0->\?[\s\S]*?)```\n/.exec(section);
    expect(command).not.toBeNull();
    expect(shown).not.toBeNull();
    const argv = [command![1], ...command![2].split(' ')];
    const r = runSim(argv);
    expect(r.code).toBe(0);
    // The README's block stops before the blank line that ends it.
    expect(r.stdout).toBe(shown![1] + '\n');
    const lines = shown![1].split('\n');
    expect(runSim(argv.slice(0, -1)).stdout).toBe([lines[0], lines[3], '', ''].join('\n'));
  });
});
