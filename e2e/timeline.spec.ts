import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { open, pause, simNs, scrollTo } from './helpers';

/** Load on two remote CPUs; entry 4 is deleted at 10 ms. */
const QUERY = 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=10ms:delete:4';

/** The statistics as the CSV download has them: one array of fields per row, header first. */
async function statsCsv(page: Page): Promise<string[][]> {
  const stats = page.getByRole('region', { name: 'Statistics' });
  await scrollTo(stats);
  const [file] = await Promise.all([page.waitForEvent('download'), stats.getByRole('button', { name: 'Download CSV' }).click()]);
  const path = await file.path();
  return (await readFile(path, 'utf8'))
    .trimEnd()
    .split('\r\n')
    .map((r) => r.split(','));
}

/** Rows of samples that end at or before `t` ns. */
function rowsUpTo(rows: string[][], t: number): string[][] {
  return rows.slice(1).filter((r) => Number(r[0]) <= t);
}

function slider(page: Page): Locator {
  return page.getByRole('slider', { name: 'Go to simulated time' });
}

async function expectClock(page: Page, ns: number): Promise<void> {
  await expect.poll(() => simNs(page)).toBe(ns);
}

test('scrubbing back and playing forward again gives the same statistics as the first pass', async ({ page }) => {
  await open(page, `${QUERY}&t=20ms&paused=1`);
  await expectClock(page, 20e6);
  await expect(slider(page)).toHaveAttribute('max', '20000000');
  const first = await statsCsv(page);
  const firstRows = rowsUpTo(first, 20e6);
  // One sample per simulated ms, each with rows for its CPUs.
  expect(new Set(firstRows.map((r) => r[0])).size).toBe(20);

  await slider(page).fill('5000000');
  await expectClock(page, 5e6);
  await expect(page.getByRole('region', { name: 'Timeline' })).toContainText(/went back in \d+ ms/);
  const back = await statsCsv(page);
  expect(back.slice(1).every((r) => Number(r[0]) <= 5e6)).toBe(true);
  expect(rowsUpTo(back, 5e6)).toEqual(rowsUpTo(first, 5e6));

  // Play forward again, then compare the samples up to 20 ms.
  await page.evaluate(() => window.__cpumapScope!.setSpeed(2e7));
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => simNs(page), { timeout: 30_000 }).toBeGreaterThan(21e6);
  await pause(page);
  const again = await statsCsv(page);
  expect(rowsUpTo(again, 20e6)).toEqual(firstRows);
  // The timeline's end moved on with the run.
  expect(Number(await slider(page).getAttribute('max'))).toBeGreaterThan(21e6);
});

test('going back before a map operation undoes it; the address bar follows', async ({ page }) => {
  await open(page, `${QUERY}&t=15ms&paused=1`);
  await expectClock(page, 15e6);
  await page.getByRole('button', { name: 'Entry for CPU 4' }).first().click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  // Deleted at 10 ms: out of its slot and freed by 15 ms.
  await expect(inspector).toContainText(/in the map slot\s*no/);
  await expect(inspector).toContainText(/lifecycle\s*freed/);
  await slider(page).fill('8000000');
  await expectClock(page, 8e6);
  await expect(inspector).toContainText(/in the map slot\s*yes/);
  await expect(inspector).toContainText(/lifecycle\s*live/);
  await expect.poll(() => new URL(page.url()).searchParams.get('t')).toBe('8ms');
});

test('step back undoes steps, and a map operation after going back forks the run', async ({ page }) => {
  await open(page, `${QUERY}&t=6ms&paused=1`);
  await expectClock(page, 6e6);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const times: number[] = [await simNs(page)];
  for (let i = 0; i < 3; i++) {
    await step.click();
    await expect.poll(() => simNs(page)).toBeGreaterThan(times[times.length - 1]);
    times.push(await simNs(page));
  }
  const back = page.getByRole('button', { name: 'Step back' });
  for (let i = 2; i >= 0; i--) {
    await back.click();
    await expect.poll(() => simNs(page)).toBe(times[i]);
  }

  // Back at 6 ms, do a lookup; go back to 4 ms and do another: the first one's future is discarded.
  const ops = page.getByRole('region', { name: 'Map operations' });
  await scrollTo(ops);
  await ops.getByLabel('Key', { exact: true }).fill('4');
  await ops.getByRole('button', { name: 'Lookup' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('ops')).toContain('6ms:lookup:4');
  await slider(page).fill('4000000');
  await expectClock(page, 4e6);
  await ops.getByRole('button', { name: 'Lookup' }).click();
  await expect(page.getByRole('region', { name: 'Timeline' }).getByRole('status')).toContainText('Forked at 4.000000 ms');
  await expect.poll(() => new URL(page.url()).searchParams.get('ops')).toBe('4ms:lookup:4,10ms:delete:4');
});
