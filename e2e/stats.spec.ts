/**
 * The Statistics panel at every speed: at the default speed, long before the first interval
 * completes, it shows the run's frame totals (which add up) and the interval in progress; the
 * charts read out a value on hover; the CPU headroom and Latency tables, and the text view in
 * xdp-bench's layout, agree with the CLI.
 */
import { expect, test } from '@playwright/test';
import { expectRegionText, open, pause, tableNumber, scrollTo } from './helpers';
import { runSim } from '../src/cli/run';
import type { RunReport } from '../src/cli/report';
import { percent } from '../src/ui/panels/stats/headroomRows';
import { micros } from '../src/ui/panels/stats/latencyRows';

test('at the default speed the panel shows the totals so far and the interval in progress, and they add up', async ({ page }) => {
  await open(page);
  const stats = page.getByRole('region', { name: 'Statistics' });
  await scrollTo(stats);
  await expectRegionText(stats, stats, 'interval in progress:', 10_000);
  await expect(stats.getByRole('table', { name: /^xdp_redirect_cpu/ })).toContainText('interval in progress');
  await pause(page);
  const totals = stats.getByRole('group', { name: 'Frames of the run so far' });
  await expect(totals).toBeVisible();
  const terms = await totals.getByRole('term').allInnerTexts();
  expect(terms).toEqual(['offered', 'NIC drop', 'redirect err', 'ring full', 'XDP_DROP', 'stack drop', 'delivered', 'in flight']);
  await expect(totals.getByRole('group', { name: 'lost' }).getByRole('term')).toHaveText(['NIC drop', 'redirect err', 'ring full']);
  await expect(totals.getByRole('group', { name: 'verdicts' }).getByRole('term')).toHaveText(['XDP_DROP', 'stack drop', 'delivered']);
  const values = (await totals.getByRole('definition').allInnerTexts()).map(tableNumber);
  const [offered, ...rest] = values;
  expect(offered).toBeGreaterThan(0);
  expect(rest.reduce((a, b) => a + b, 0)).toBe(offered);
});

test('5.10: frames an entry program redirects are a verdict of their own, "kthread redirect", in the totals and the rates row', async ({
  page,
}) => {
  await open(page, 'kernel=5.10&rx=0&entries=4:2048:prog=redirect:0.25&rate=1M&prog=rr&arrival=constant&stack=deliver&speed=1000000');
  const stats = page.getByRole('region', { name: 'Statistics' });
  await scrollTo(stats);
  const totals = stats.getByRole('group', { name: 'Frames of the run so far' });
  const verdicts = totals.getByRole('group', { name: 'verdicts' });
  await expect(verdicts.getByRole('term')).toHaveText(['XDP_DROP', 'stack drop', 'delivered', 'kthread redirect']);
  await expect.poll(async () => tableNumber(await verdicts.getByRole('definition').nth(3).innerText())).toBeGreaterThan(1000);
  await pause(page);
  const [, , delivered, redirected] = (await verdicts.getByRole('definition').allInnerTexts()).map(tableNumber);
  // A quarter of the frames redirected, the rest delivered: one for every three (to a batch of 8).
  expect(Math.abs(3 * redirected - delivered)).toBeLessThanOrEqual(24);
  await expect(page.getByRole('table', { name: /^Rates/ }).getByRole('rowheader', { name: 'kthread redirect' })).toHaveCount(1);
  // The xdp_redirect_cpu table is followed by the tool's block for the remote program.
  await expect(stats.getByText('2nd remote XDP/eBPF prog_name: redirect 25%')).toBeVisible();
  await expect(stats.getByRole('row', { name: /^xdp-in-kthread total/ })).toHaveCount(1);
});

test('a chart reads out the value at the pointer', async ({ page }) => {
  await open(page, 'speed=1000000');
  const stats = page.getByRole('region', { name: 'Statistics' });
  await scrollTo(stats);
  await expectRegionText(stats, stats, 'interval ending at');
  await pause(page);
  const chart = stats.getByRole('figure', { name: /Enqueue pps/ });
  const readout = chart.getByRole('status', { name: /readout/ });
  await expect(readout).toContainText('Hover the chart');
  await chart.getByRole('img').hover();
  await expect(readout).toContainText(/interval ending at [\d.]+ ms: CPU \d+ [\d,]+ frames\/s/);
  // And from the keyboard.
  await chart.getByRole('img').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(readout).toContainText(/interval ending at [\d.]+ ms: CPU \d+/);
});

test('the CPU headroom and Latency tables give the same figures as npm run sim for that interval', async ({ page }) => {
  const query = 'rx=0&entries=4:256,5:256&rate=2M&prog=hash&stack=iptables-drop';
  await open(page, `${query}&t=3ms&paused=1`);
  const stats = page.getByRole('region', { name: 'Statistics' });
  const headroom = stats.getByRole('table', { name: /^CPU headroom, interval ending at 3\.000000 ms/ });
  const latency = stats.getByRole('table', { name: /^Latency \(µs\), interval ending at 3\.000000 ms/ });
  await expectRegionText(stats, stats, 'CPU headroom, interval ending at 3.000000 ms');
  const cli = JSON.parse(runSim([query, '--warmup', '2ms', '--duration', '3ms', '--json']).stdout) as RunReport;
  // CPU 4's row: softirq, ksoftirqd, kthread, switch, idle; and its p50, p99, max, flush→dequeue p50, p99.
  const h = cli.headroom[4];
  await expect(headroom.getByRole('row', { name: /^4 / }).getByRole('cell')).toHaveText(
    [h.softirq, h.ksoftirqd, h.kthread, h.switch, h.idle].map(percent),
  );
  const l = cli.latency[0];
  expect(l.cpu).toBe(4);
  await expect(latency.getByRole('row', { name: /^4 / }).getByRole('cell')).toHaveText(
    [l.p50, l.p99, l.max, l.enqueueToDequeue.p50, l.enqueueToDequeue.p99].map(micros),
  );
  // The text view in xdp-bench's layout: the CLI's --format xdp-bench -e for the same interval.
  await stats.getByRole('button', { name: 'Show as text' }).click();
  await stats.getByRole('group', { name: 'Text layout' }).getByRole('radio', { name: 'xdp-bench' }).check();
  const bench = stats.getByLabel('xdp-bench redirect-cpu -e output');
  await expect(bench).toContainText('receive total');
  await expect(bench).toContainText('kthread total');
  expect(await bench.textContent()).toBe(runSim([query, '--warmup', '2ms', '--duration', '3ms', '--format', 'xdp-bench', '-e']).stdout);
});
