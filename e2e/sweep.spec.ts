import { expect, test } from '@playwright/test';
import { expectTimeAdvances, open } from './helpers';

/** The "10G line rate over 4 CPUs" preset (src/scenario/presets.ts). */
const TEN_G_OVER_4 = 'rx=0,1,2,3&entries=4:2048,5:2048,6:2048,7:2048&rate=14.88M&flows=1024&prog=hash&stack=iptables-drop';

test('a sweep link runs its points with a progress bar, then shows a chart, a row per point and the answer', async ({ page }) => {
  await page.goto(`/?${TEN_G_OVER_4}&sweep=qsize:32,64,128,256,512`);
  const sweep = page.getByRole('region', { name: 'Sweep' });
  const progress = sweep.getByRole('progressbar', { name: 'Sweep progress' });
  await expect(progress).toHaveAttribute('aria-valuemax', '5');
  await expect(progress).toHaveAttribute('aria-valuetext', '5 of 5 points', { timeout: 60_000 });
  await expect(sweep.getByRole('img', { name: /^kthread pps against qsize/ })).toBeVisible();
  await expect(sweep.getByRole('img', { name: /^ring-full drops\/s against qsize/ })).toBeVisible();
  const rows = sweep.getByRole('row').filter({ has: page.getByRole('link', { name: /^Open qsize=\d+ as its own scenario$/ }) });
  await expect(rows).toHaveCount(5);
  await expect(rows.first().getByRole('rowheader')).toHaveText('32');
  await expect(rows.first().getByRole('link')).toHaveAttribute('href', /entries=4:32,5:32,6:32,7:32/);
  // The answer names a swept qsize, and its row is the one marked.
  const answer = sweep.getByText(/^smallest qsize with no ring-full drops: (32|64|128|256|512)$/);
  await expect(answer).toBeVisible();
  const qsize = (await answer.textContent())!.split(': ')[1];
  await expect(sweep.getByRole('row').filter({ hasText: 'answer' }).getByRole('rowheader')).toHaveText(`${qsize}answer`);
  expect(new URL(page.url()).searchParams.get('sweep')).toBe('qsize:32,64,128,256,512');
});

test('a bad sweep value is named in the link notice and the page still runs', async ({ page }) => {
  await open(page, 'sweep=qsise:1,2&rate=2M');
  const notice = page.getByRole('alert', { name: 'Problems in the link' });
  await expect(notice).toContainText('sweep: "qsise:1,2" is not allowed: "qsise" cannot be swept: use one of qsize, targets');
  await expect(page.getByRole('region', { name: 'Sweep' })).toHaveCount(0);
  await expectTimeAdvances(page);
  await expect.poll(() => new URL(page.url()).searchParams.get('rate')).toBe('2M');
  expect(new URL(page.url()).searchParams.has('sweep')).toBe(false);
});

test('the Sweep button opens the panel; a list is checked as typed, and a run goes into the link', async ({ page }) => {
  await open(page, 'rx=0&entries=4:256&rate=1M');
  await page.getByRole('button', { name: 'Sweep' }).click();
  const sweep = page.getByRole('region', { name: 'Sweep' });
  const values = sweep.getByRole('textbox', { name: 'Values' });
  await values.fill('64,,128');
  await expect(values).toHaveAccessibleDescription(/empty value in the list/);
  await values.fill('64,128');
  await sweep.getByRole('textbox', { name: 'Measure for' }).fill('2ms');
  await sweep.getByRole('button', { name: 'Run sweep' }).click();
  await expect(sweep.getByRole('progressbar', { name: 'Sweep progress' })).toHaveAttribute('aria-valuetext', '2 of 2 points');
  await expect(sweep.getByRole('link', { name: /^Open qsize=/ })).toHaveCount(2);
  // The measured span goes into the link too, and comes back with it.
  expect(new URL(page.url()).searchParams.get('sweep')).toBe('qsize:64,128;measure:2ms');
  await page.goto(page.url());
  const again = page.getByRole('region', { name: 'Sweep' });
  await expect(again.getByRole('progressbar', { name: 'Sweep progress' })).toHaveAttribute('aria-valuetext', '2 of 2 points');
  await expect(again.getByRole('textbox', { name: 'Measure for' })).toHaveValue('2ms');
  await expect(again.getByText(/each point measured for 2 ms after a 20 ms warm-up/)).toBeVisible();
});
