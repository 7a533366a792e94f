import { expect, type Locator, type Page } from '@playwright/test';

/** The "Simulated time" display, in nanoseconds. */
export async function simNs(page: Page): Promise<number> {
  const text = (await page.getByRole('timer', { name: 'Simulated time' }).textContent()) ?? '';
  const m = /([\d.]+)\s*(ms|s)/.exec(text);
  if (!m) throw new Error(`unreadable simulated time: ${text}`);
  return Number(m[1]) * (m[2] === 's' ? 1e9 : 1e6);
}

/** Waits until the simulated time moves past `than` ns. */
export async function expectTimeAdvances(page: Page, than?: number): Promise<number> {
  const from = than ?? (await simNs(page));
  await expect.poll(() => simNs(page), { timeout: 15_000 }).toBeGreaterThan(from);
  return simNs(page);
}

/** Opens the page and waits for the simulation to be up. */
export async function open(page: Page, query = ''): Promise<void> {
  await page.goto('/' + (query ? `?${query}` : ''));
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toBeVisible();
  await page.waitForFunction(() => window.__cpumapScope !== undefined);
}

/** Pauses if running, and waits until the clock has stopped. */
export async function pause(page: Page): Promise<void> {
  const pauseButton = page.getByRole('button', { name: 'Pause', exact: true });
  if (await pauseButton.isVisible()) await pauseButton.click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
}

/**
 * Waits until `region` shows `text`, scrolling it into view on every try: panels update only
 * while on screen, and panels above may grow and push it out of view meanwhile.
 */
export async function expectRegionText(region: Locator, inner: Locator, text: string, timeout = 30_000): Promise<void> {
  await expect
    .poll(
      async () => {
        await region.scrollIntoViewIfNeeded();
        return (await inner.textContent()) ?? '';
      },
      { timeout },
    )
    .toContain(text);
}
