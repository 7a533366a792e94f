import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { expectRegionText, open, pause, scrollTo } from './helpers';

async function mapOp(page: Page, button: string, fields: { key?: string; qsize?: string; flags?: string } = {}): Promise<string> {
  const panel = page.getByRole('region', { name: 'Map operations' });
  if (fields.key !== undefined) await panel.getByRole('textbox', { name: 'Key' }).fill(fields.key);
  if (fields.qsize !== undefined) await panel.getByRole('textbox', { name: 'qsize' }).fill(fields.qsize);
  if (fields.flags !== undefined) await panel.getByRole('combobox', { name: 'Flags' }).selectOption(fields.flags);
  const status = page.getByRole('status', { name: 'Last map operation' });
  const before = (await status.textContent()) ?? '';
  await panel.getByRole('button', { name: button, exact: true }).click();
  await expect(status).not.toHaveText(before);
  return (await status.textContent()) ?? '';
}

test('map operations from the page report what the bpf syscall reports', async ({ page }) => {
  await open(page, 'rx=0&entries=4:192&rate=1M&paused=1');
  expect(await mapOp(page, 'Update', { key: '70', qsize: '64', flags: 'BPF_ANY' })).toContain('update key 70: -E2BIG');
  expect(await mapOp(page, 'Update', { key: '6', qsize: '64', flags: 'BPF_ANY' })).toMatch(/update key 6: 0\b/);
  expect(await mapOp(page, 'Update', { key: '6', qsize: '64', flags: 'BPF_NOEXIST' })).toContain('-EEXIST');
  expect(await mapOp(page, 'Update', { key: '6', qsize: '20000', flags: 'BPF_ANY' })).toContain('-EOVERFLOW');
  expect(await mapOp(page, 'Lookup', { key: '6' })).toMatch(/lookup key 6: 0 = 64/);
  expect(await mapOp(page, 'Lookup', { key: '3' })).toContain('-ENOENT');
  expect(await mapOp(page, 'Get next key', { key: '6' })).toMatch(/-> next 7/);
  expect(await mapOp(page, 'Get next key', { key: '7' })).toContain('-ENOENT');
  expect(await mapOp(page, 'Delete', { key: '6' })).toMatch(/delete key 6: 0\b/);
  expect(await mapOp(page, 'Delete', { key: '8' })).toContain('-EINVAL');
  expect(await mapOp(page, 'Free map')).toMatch(/free: 0\b/);
  expect(await mapOp(page, 'Lookup', { key: '4' })).toContain('-EBADF');
  // Bad input is refused in the panel and sends nothing.
  const panel = page.getByRole('region', { name: 'Map operations' });
  await panel.getByRole('textbox', { name: 'Key' }).fill('abc');
  await panel.getByRole('button', { name: 'Lookup', exact: true }).click();
  await expect(panel.getByRole('alert')).toContainText('Key');
  // Results are in the trace log too.
  const log = page.getByRole('region', { name: 'Trace log' });
  await expectRegionText(log, log.getByRole('list', { name: 'trace_pipe' }), '-E2BIG');
});

test('a new map after a free, the offered load and an RX interrupt move are done from the page and go into the link', async ({ page }) => {
  await open(page, 'rx=0&entries=4:192&rate=1M&paused=1');
  const panel = page.getByRole('region', { name: 'Map operations' });
  const fill = (name: string, value: string) => panel.getByRole('textbox', { name, exact: true }).fill(value);
  // The loader's attach is refused while its first program is attached.
  expect(await mapOp(page, 'Create map')).toContain('create: -EBUSY');
  expect(await mapOp(page, 'Free map')).toMatch(/free: 0\b/);
  await fill('max_entries', '4');
  expect(await mapOp(page, 'Create map')).toMatch(/create: 0 \(map_id 9, max_entries 4; XDP program attached\)/);
  expect(await mapOp(page, 'Update', { key: '3', qsize: '64', flags: 'BPF_ANY' })).toMatch(/update key 3: 0\b/);
  await fill('Offered rate', '500k');
  expect(await mapOp(page, 'Set rate')).toContain('rate: 0 (offered load 500k pps from now)');
  await fill('RX queue', '0');
  await fill('to CPU', '2');
  expect(await mapOp(page, 'Move interrupt')).toContain("irq: 0 (RX queue 0's interrupt goes to CPU 2 from now)");
  await expect(page.getByRole('button', { name: 'RX queue 0 on CPU 2' })).toBeVisible();
  // A queue the NIC does not have is refused in the panel, as a link naming it would be.
  await fill('RX queue', '1');
  await panel.getByRole('button', { name: 'Move interrupt', exact: true }).click();
  await expect(panel.getByRole('alert')).toContainText('RX queue must be a whole number from 0 to 0');
  await expect
    .poll(() => new URL(page.url()).searchParams.get('ops'))
    .toBe('0:create:8,0:free,0:create:4,0:update:3:64,0:rate:500k,0:irq:0:2');
});

test('the statistics table equals the CLI for the same scenario and simulated time', async ({ page }) => {
  const query = 'rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant&stack=udp-noport';
  // Set the interval at time 0, then run flat out: every interval is whole, as the CLI's are.
  await open(page, `${query}&speed=max&paused=1`);
  const stats = page.getByRole('region', { name: 'Statistics' });
  await scrollTo(stats);
  await stats.getByRole('combobox', { name: 'Interval' }).selectOption({ label: '1 ms' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const table = stats.getByRole('table', { name: /^xdp_redirect_cpu/ });
  await expectRegionText(stats, stats, 'interval ending at');
  await pause(page);
  const caption = (await table.locator('caption').textContent()) ?? '';
  const endMs = Number(/interval ending at ([\d.]+) ms/.exec(caption)?.[1]);
  expect(endMs).toBeGreaterThanOrEqual(1);
  const rows = await table.locator('tr').allInnerTexts();
  const kthreadRow = rows.find((r) => /^cpumap_kthread\s+4\b/.test(r)) ?? '';
  const enqueueRow = rows.find((r) => /^cpumap-enqueue\s+3:4\b/.test(r)) ?? '';

  const cli = spawnSync(
    process.execPath,
    ['scripts/run-ts.mjs', 'src/cli/main.ts', query, '--duration', `${endMs}ms`, '--warmup', `${endMs - 1}ms`, '--json'],
    {
      encoding: 'utf8',
    },
  );
  expect(cli.status).toBe(0);
  const json = JSON.parse(cli.stdout);
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
  expect(kthreadRow).toContain(fmt(json.kthread[0].pps));
  expect(enqueueRow).toContain(fmt(json.enqueue[0].pps));
  expect(enqueueRow).toContain(fmt(json.enqueue[0].dropPps));
  expect(enqueueRow).toContain(json.enqueue[0].bulkAvg.toFixed(2));
});

test('the trace log filters by event and by CPU, and pauses', async ({ page }) => {
  await open(page, 'rx=0,1&entries=4:256,5:256&rate=2M&speed=200000');
  const log = page.getByRole('region', { name: 'Trace log' });
  const list = log.getByRole('list', { name: 'trace_pipe' });
  await expectRegionText(log, list, 'xdp_cpumap_enqueue');
  await expectRegionText(log, list, 'xdp_cpumap_kthread');
  await log.getByRole('checkbox', { name: 'xdp_cpumap_enqueue' }).uncheck();
  await expect(list).not.toContainText('xdp_cpumap_enqueue:');
  await expectRegionText(log, list, 'xdp_cpumap_kthread');
  await log.getByRole('checkbox', { name: 'xdp_cpumap_enqueue' }).check();
  await log.getByRole('combobox', { name: 'CPU' }).selectOption('0');
  await expect.poll(async () => (await list.locator('li').allInnerTexts()).every((l) => l.includes('[000]'))).toBe(true);
  await log.getByRole('button', { name: 'Pause log' }).click();
  const frozen = await list.innerText();
  await page.waitForTimeout(1000);
  expect(await list.innerText()).toBe(frozen);
  await expect(log.getByRole('button', { name: 'Resume log' })).toBeVisible();
});

test('all four panels are present and live in the default scenario', async ({ page }) => {
  await open(page, 'speed=1000000');
  // Panels update while they are on screen, as a reader scrolls to each.
  for (const name of ['Entry lifecycle', 'Statistics', 'Trace log', 'Kernel code']) {
    await scrollTo(page.getByRole('region', { name }));
    await expect(page.getByRole('region', { name })).toBeVisible();
  }
  const stats = page.getByRole('region', { name: 'Statistics' });
  await expectRegionText(stats, stats, 'interval ending at');
  const log = page.getByRole('region', { name: 'Trace log' });
  await expectRegionText(log, log.getByRole('list', { name: 'trace_pipe' }), 'xdp_cpumap_');
  const lifecycle = page.getByRole('region', { name: 'Entry lifecycle' });
  await expectRegionText(lifecycle, lifecycle, 'live');
});
