import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { collectSweep } from './run';
import { runSim } from '../run';
import type { RunReport } from '../report';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### Sweeps'), readme.indexOf('## Scenario parameters'));
/** Each `npm run sweep` command of the section followed by the output shown for it. */
const examples = [...section.matchAll(/```sh\nnpm run sweep -- '([^']*)' ([^\n]*)\n```\n\n```\n([\s\S]*?)```\n/g)].map((m) => ({
  argv: [m[1], ...m[2].split(' ')],
  shown: m[3],
}));

it("the README's sweep examples print what it shows", async () => {
  expect(examples).toHaveLength(2);
  for (const { argv, shown } of examples) {
    const r = await collectSweep(argv);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(shown);
  }
});

/** The worked example's section of the README. */
const worked = readme.slice(readme.indexOf('## A worked example'), readme.indexOf('## The command line'));

it("the README's worked example quotes what its sweep and its comparison give", async () => {
  const preset = 'rx=0,1,2,3&entries=4:2048,5:2048,6:2048,7:2048&rate=14.88M&flows=1024&prog=hash&stack=iptables-drop';
  const window = ['--duration', '120ms', '--warmup', '20ms'];
  const sweep = await collectSweep([preset, '--vary', 'qsize=32..2048x2', '--vary', 'targets=2,3,4', ...window, '--json']);
  expect(sweep.code).toBe(0);
  const points = sweep.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as RunReport & { vary: { qsize: number; targets: number } });
  const at = (qsize: number, targets: number) => points.find((p) => p.vary.qsize === qsize && p.vary.targets === targets)!;
  const ringFull = (r: RunReport) => r.enqueue.reduce((a, e) => a + e.dropPps, 0);
  const grouped = (n: number) => Math.round(n).toLocaleString('en-US');
  expect(worked).toContain(`it still drops ${grouped(ringFull(at(2048, 2)))} frames/s`);
  expect(worked).toContain(`${Math.round(Math.max(...at(2048, 2).latency.map((l) => l.p99!)) / 1000)} µs against 27 µs`);
  expect(worked).toContain(`qsize 128 still drops\n  ${grouped(ringFull(at(128, 3)))}/s`);
  expect(ringFull(at(256, 3)) + ringFull(at(512, 3)) + ringFull(at(2048, 3))).toBe(0);
  expect(ringFull(at(128, 4)) + ringFull(at(2048, 4))).toBe(0);
  expect(ringFull(at(64, 4))).toBeGreaterThan(0);

  const compared = ['5.2', '5.0'].map((kernel) => {
    const r = runSim([
      `kernel=${kernel}&rx=0,1,2,3&entries=4:256,5:256,6:256&rate=14.88M&flows=1024&prog=hash&stack=iptables-drop`,
      ...window,
      '--json',
    ]);
    return JSON.parse(r.stdout) as RunReport;
  });
  const busy = (r: RunReport) => r.headroom.filter((h) => h.cpu >= 4 && h.cpu <= 6).map((h) => (1 - h.idle).toFixed(3));
  const p99 = (r: RunReport) => r.latency.map((l) => grouped(l.p99!));
  expect(worked.replace(/\s+/g, ' ')).toContain(
    `target CPU busy ${busy(compared[0]).join(' / ')} on v5.2 and ${busy(compared[1]).join(' / ')} on v5.0, p99 ${p99(compared[0]).join(' / ')} ns and ${p99(compared[1]).join(' / ')} ns`,
  );
  for (const r of compared) expect(ringFull(r)).toBe(0);
}, 120_000);
