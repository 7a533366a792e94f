import { expect, test, type Page } from '@playwright/test';
import { expectTimeAdvances, open, pause, simNs, scrollTo } from './helpers';

/** The statistics table's text, once it has settled (panels update about four times a second). */
async function statsTable(page: Page): Promise<string> {
  const region = page.getByRole('region', { name: 'Statistics' });
  await scrollTo(region);
  const table = region.getByRole('table', { name: /^xdp_redirect_cpu/ });
  await expect(table).toBeVisible();
  await page.waitForTimeout(800);
  return (await table.textContent()) ?? '';
}

function timer(page: Page) {
  return page.getByRole('timer', { name: 'Simulated time' });
}

/** Runs flat out past `ns` of simulated time, then pauses and waits until the link names the time. */
async function runAndPause(page: Page, ns: number): Promise<URL> {
  await expect.poll(() => simNs(page), { timeout: 30_000 }).toBeGreaterThan(ns);
  await pause(page);
  await expect.poll(() => new URL(page.url()).searchParams.get('t')).not.toBeNull();
  await page.waitForTimeout(300);
  return new URL(page.url());
}

test('a shared link reproduces the run: same simulated time, same statistics', async ({ page, context }) => {
  await open(page, 'rx=3&entries=4:128&rate=3M&speed=max');
  const url = await runAndPause(page, 3e6);
  expect(url.search.startsWith('?v=1&')).toBe(true);
  expect(url.searchParams.get('paused')).toBe('1');
  expect(url.searchParams.get('speed')).toBe('max');
  const time = await timer(page).textContent();
  const table = await statsTable(page);
  expect(table).toContain('XDP-RX');

  const copy = await context.newPage();
  await copy.goto(url.toString());
  await expect(timer(copy)).toHaveText(time ?? '');
  await expect(copy.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const region = copy.getByRole('region', { name: 'Statistics' });
  await scrollTo(region);
  await expect(region.getByRole('table', { name: /^xdp_redirect_cpu/ })).toHaveText(table);
  await expect(timer(copy)).toHaveText(time ?? '');
});

test('map operations done by hand go into the link and replay', async ({ page, context }) => {
  await open(page, 'rx=3&entries=4:128&rate=1M&speed=max');
  await runAndPause(page, 1e6);
  const panel = page.getByRole('region', { name: 'Map operations' });
  await scrollTo(panel);
  await panel.getByRole('textbox', { name: 'Key' }).fill('6');
  await panel.getByRole('textbox', { name: 'qsize' }).fill('64');
  await panel.getByRole('button', { name: 'Update', exact: true }).click();
  const status = page.getByRole('status', { name: 'Last map operation' });
  await expect(status).toContainText('update key 6: 0');
  await expect.poll(() => new URL(page.url()).searchParams.get('ops') ?? '').toMatch(/^[\d.]+[mun]?s:update:6:64$/);
  const url = new URL(page.url());
  const at = (url.searchParams.get('ops') ?? '').split(':')[0];
  expect(url.searchParams.get('t')).toBe(at);

  const copy = await context.newPage();
  await copy.goto(url.toString());
  await copy.getByRole('button', { name: 'Play', exact: true }).click();
  await expectTimeAdvances(copy);
  await expect(copy.getByRole('status', { name: 'Last map operation' })).toContainText('update key 6: 0');

  // Reset replays it as a scheduled operation, once.
  await pause(copy);
  await copy.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => new URL(copy.url()).searchParams.get('ops')).toBe(`${at}:update:6:64`);
});

test('a bad link is named in one notice and the page keeps running', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await open(page, 'cpus=99&rate=1e30&bogus=1&entries=4:abc&prog=<script>alert(1)</script>&speed=200000');
  const notice = page.getByRole('alert').filter({ hasText: 'This link' });
  await expect(notice).toHaveCount(1);
  for (const param of ['cpus', 'rate', 'bogus', 'entries', 'prog']) await expect(notice).toContainText(`${param}:`);
  await expect(notice).toContainText('<script>alert(1)</script>');
  expect(await page.locator('script:not([src]):not([type])').count()).toBe(0);
  await expectTimeAdvances(page);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  expect(dialogs).toEqual([]);
  // The valid parameters were kept; the address now holds the run as it is.
  expect(page.url()).toContain('speed=200000');
  expect(page.url()).not.toContain('bogus');
});

test('absurd view values are refused in the notice too', async ({ page }) => {
  await open(page, 't=20s&sel=<b>x</b>&speed=NaN&ops=' + Array.from({ length: 1001 }, (_, i) => `${i}ns:next`).join(','));
  const notice = page.getByRole('alert').filter({ hasText: 'This link' });
  for (const param of ['t:', 'sel:', 'speed:', 'ops:']) await expect(notice).toContainText(param);
  await expectTimeAdvances(page);
});

test('"Share link" copies a link with v=1', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, 'rx=3&entries=4:128&rate=2M');
  await page.getByRole('button', { name: 'Share link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('?v=1&');
  expect(copied).toContain('rate=2M');
});

test('without a clipboard, "Share link" shows the link selected in a text box', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await open(page, 'rx=3&entries=4:128&rate=2M');
  await page.getByRole('button', { name: 'Share link' }).click();
  const box = page.getByRole('textbox', { name: 'Link to this run' });
  await expect(box).toHaveValue(/\?v=1&.*rate=2M/);
  await expect(box).toHaveAttribute('readonly', '');
});
