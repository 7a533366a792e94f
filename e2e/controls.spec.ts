import { expect, test } from '@playwright/test';
import { expectTimeAdvances, open, pause, simNs } from './helpers';

test('the default scenario starts running and Pause stops the clock', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expectTimeAdvances(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const stopped = await simNs(page);
  await page.waitForTimeout(700);
  expect(await simNs(page)).toBe(stopped);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expectTimeAdvances(page, stopped);
});

test('Step advances by the next event, NAPI poll and kthread batch', async ({ page }) => {
  await open(page);
  await pause(page);
  const stepBy = page.getByLabel('Step by');
  for (const unit of ['next event', 'next NAPI poll', 'next kthread batch']) {
    await stepBy.selectOption({ label: unit });
    const before = await simNs(page);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => simNs(page)).toBeGreaterThan(before);
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  }
});

test('the Speed slider reads in words and follows + and -', async ({ page }) => {
  await open(page);
  const slider = page.getByRole('slider', { name: 'Speed' });
  const before = await slider.getAttribute('aria-valuetext');
  expect(before).toMatch(/per second|real time/);
  await page.locator('body').click({ position: { x: 5, y: 760 } });
  await page.keyboard.press('+');
  await expect(slider).not.toHaveAttribute('aria-valuetext', before ?? '');
  await page.keyboard.press('-');
  await expect(slider).toHaveAttribute('aria-valuetext', before ?? '');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuetext', 'as fast as possible');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuetext', 'real time');
  await page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuetext', '1 ns per second');
});

test('Reset goes back to time 0 with the same scenario', async ({ page }) => {
  await open(page, 'rx=0&entries=4:64&rate=2M');
  await page.getByRole('slider', { name: 'Speed' }).focus();
  await page.keyboard.press('End');
  await expect.poll(() => simNs(page)).toBeGreaterThan(1e6);
  await pause(page);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => simNs(page)).toBeLessThan(1e6);
  expect(page.url()).toContain('rate=2M');
});

test('keyboard: space plays and pauses, "?" opens the help', async ({ page }) => {
  await open(page);
  await page.locator('body').click({ position: { x: 5, y: 760 } });
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Space');
});

test('a worker crash is reported and the simulation restarted by itself, on the same scenario, from where it was', async ({ page }) => {
  await open(page, 'rx=3&entries=4:128&rate=3M');
  const before = await expectTimeAdvances(page);
  await page.evaluate(() => window.__cpumapScope?.send({ type: 'crash' }));
  const notice = page.getByRole('status', { name: 'Simulation restarted' });
  await expect(notice).toContainText('The simulation worker stopped (crash requested (test hook)); restarted from the link at');
  await expect(page.getByRole('region', { name: 'Topology' })).toBeVisible();
  // Playing on, never from 0 again.
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect.poll(() => simNs(page)).toBeGreaterThanOrEqual(before);
  await expectTimeAdvances(page, before);
  expect(page.url()).toContain('rate=3M');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
});
