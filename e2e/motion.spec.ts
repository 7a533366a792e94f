import { expect, test } from '@playwright/test';
import { expectTimeAdvances, open } from './helpers';

test.describe('with prefers-reduced-motion', () => {
  test.use({ colorScheme: 'light', reducedMotion: 'reduce' });

  test('calm motion is on, and state changes are written in text', async ({ page }) => {
    await open(page, 'rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant');
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
