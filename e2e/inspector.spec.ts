import { expect, test } from '@playwright/test';
import { inspect, open, pause } from './helpers';

test('clicking an entry opens the inspector with its state in kernel terms', async ({ page }) => {
  await open(page, 'rx=3&entries=4:192&rate=1M&prog=rr');
  await pause(page);
  const topology = page.getByRole('region', { name: 'Topology' });
  await topology.getByRole('button', { name: 'Entry for CPU 4', exact: true }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector).toContainText('qsize');
  await expect(inspector).toContainText('192');
  await expect(inspector).toContainText('refcnt');
  await expect(inspector).toContainText('consumer_head');
  await expect(inspector.getByRole('link')).toHaveAttribute('href', /elixir\.bootlin\.com\/linux\/v5\.2\//);
});

test('the inspector follows CPUs, NIC queues and bulk queues, and closes', async ({ page }) => {
  await open(page, 'rx=3&entries=4:192&rate=1M&prog=rr');
  await pause(page);
  const topology = page.getByRole('region', { name: 'Topology' });
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await topology.getByRole('button', { name: 'CPU 3', exact: true }).click();
  await expect(inspector.getByRole('heading')).toContainText('CPU 3');
  await topology.getByRole('button', { name: 'RX queue 0 on CPU 3', exact: true }).click();
  await expect(inspector.getByRole('heading')).toContainText('queue 0');
  await topology.getByRole('button', { name: 'Bulk queue CPU 3 to CPU 4', exact: true }).click();
  await expect(inspector).toContainText(/bulk/i);
  await inspector.getByRole('button', { name: 'Close' }).click();
  await expect(inspector.getByRole('heading')).toHaveText('Inspector');
});

test('the layout adapts to 16 CPUs', async ({ page }) => {
  await open(page, 'cpus=16&rx=0,1,2,3&entries=8:256,9:256,10:256,11:256,12:256,13:256,14:256,15:256&rate=4M');
  const topology = page.getByRole('region', { name: 'Topology' });
  for (const cpu of [0, 7, 15]) await expect(topology.getByRole('button', { name: `CPU ${cpu}`, exact: true })).toBeAttached();
  await expect(topology.getByRole('button', { name: 'Entry for CPU 15', exact: true })).toBeAttached();
});

test("5.10: an entry's program is in its description, and the Inspector shows it with its verdicts", async ({ page }) => {
  await open(page, 'kernel=5.10&rx=3&entries=4:192:prog=drop:0.25&rate=1M&prog=rr&t=2ms&paused=1');
  const entry = page.getByRole('region', { name: 'Topology' }).getByRole('button', { name: 'Entry for CPU 4', exact: true });
  await expect(entry).toHaveAccessibleDescription('Entry for CPU 4: XDP program in the kthread: drop 25%');
  const fields = await inspect(page, 'Entry for CPU 4', 'cpumap entry');
  expect(fields.get('XDP program (rcpu->prog)')).toBe('drop 25%');
  expect(fields.get('program verdicts')).toMatch(/^pass [1-9][\d,]* · drop [1-9][\d,]* · redirect 0$/);
});
