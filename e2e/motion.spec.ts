import { expect, test } from '@playwright/test';
import { expectTimeAdvances, open } from './helpers';

test.describe('with prefers-reduced-motion', () => {
  test.use({ colorScheme: 'light', reducedMotion: 'reduce' });

  test('calm motion is on, and state changes are written in text', async ({ page }) => {
    await open(page, 'rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant');
    await page.getByRole('button', { name: 'View', exact: true }).click();
    await expect(page.getByRole('checkbox', { name: 'Calm motion' })).toBeChecked();
    await expectTimeAdvances(page);
    const summary = page.getByTestId('topology-live-summary');
    await expect(summary).toHaveAttribute('aria-live', 'polite');
    await expect(summary).not.toBeEmpty({ timeout: 20_000 });
  });
});

test('a paused page does not redraw', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.waitForTimeout(800);
  const drawn = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const canvas = document.querySelector('section[aria-label="Topology"] canvas') as HTMLCanvasElement;
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
        let calls = 0;
        const orig = ctx.fillRect.bind(ctx);
        ctx.fillRect = (...args: Parameters<CanvasRenderingContext2D['fillRect']>) => {
          calls++;
          orig(...args);
        };
        setTimeout(() => resolve(calls), 1500);
      }),
  );
  expect(drawn).toBe(0);
});

test('frames can be coloured by flow or by target CPU', async ({ page }) => {
  await open(page, 'rx=0,1&entries=4:192,5:192&rate=4M&prog=hash');
  await page.waitForFunction(() => (window.__cpumapScope?.state().journeys ?? 0) > 20);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.waitForTimeout(800);
  const canvas = page.getByRole('region', { name: 'Topology' }).locator('canvas');
  await page.getByRole('button', { name: 'View', exact: true }).click();
  const select = page.getByLabel('Colour frames by');
  await expect(select).toHaveValue('flow');
  const byFlow = await canvas.screenshot();
  // Paused, only the colouring changes the picture, and switching back restores it.
  await select.selectOption({ label: 'target CPU' });
  await expect.poll(async () => Buffer.compare(await canvas.screenshot(), byFlow) !== 0).toBe(true);
  await select.selectOption({ label: 'flow' });
  await expect.poll(async () => Buffer.compare(await canvas.screenshot(), byFlow) === 0).toBe(true);
});
