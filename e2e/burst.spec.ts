import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectTimeAdvances, open, scrollTo } from './helpers';

test('100 map operations clicked in one go while traffic runs: every one answered, the link replays them, the engine consistent', async ({
  page,
}) => {
  await open(page, 'rx=0,1&entries=4:256,5:256&rate=2M&prog=hash&speed=1000000');
  const ops = page.getByRole('region', { name: 'Map operations' });
  await scrollTo(ops);
  await ops.getByRole('textbox', { name: 'Key' }).fill('4');
  // Alternate updates (each replaces the entry: a teardown under load) and deletes of key 4, all
  // 100 in one go: the harshest burst (how long it takes is measured by `npm run bench:browser`).
  await page.evaluate(() => {
    const panel = document.querySelector('section[aria-label="Map operations"]')!;
    const button = (name: string) => [...panel.querySelectorAll('button')].find((b) => b.textContent === name)!;
    for (let i = 0; i < 100; i++) button(i % 2 === 0 ? 'Update' : 'Delete').click();
  });
  // Every click is answered and recorded into the link, in order.
  await expect.poll(() => new URL(page.url()).searchParams.get('ops')?.split(',').length ?? 0, { timeout: 20_000 }).toBe(100);
  const recorded = new URL(page.url()).searchParams.get('ops')!.split(',');
  expect(recorded.filter((o) => o.includes(':update:4:')).length).toBe(50);
  expect(recorded.filter((o) => o.endsWith(':delete:4')).length).toBe(50);
  // The page keeps running, and the engine's invariants hold after the teardowns.
  await expectTimeAdvances(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const stats = page.getByRole('region', { name: 'Statistics' });
  await scrollTo(stats);
  const [file] = await Promise.all([page.waitForEvent('download'), stats.getByRole('button', { name: 'Download JSON' }).click()]);
  const report = JSON.parse(await readFile((await file.path())!, 'utf8')) as { violations: string[]; ops: { op: string }[] };
  expect(report.violations).toEqual([]);
  // The page's log of results has each operation once, as the engine did it.
  expect(report.ops.map((o) => o.op)).toEqual(recorded.map((o) => o.split(':')[1]));
  // The link replays the same run: opened fresh, it has the same map operations.
  const link = new URL(page.url()).search.slice(1);
  const fresh = await page.context().newPage();
  await open(fresh, link);
  await expect.poll(() => new URL(fresh.url()).searchParams.get('ops')?.split(',').length ?? 0).toBe(100);
});
