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
  // The panels arrive just after the first frame, in place of busy placeholders with the same
  // region and heading: wait for them, so a region is not replaced while a test scrolls to it.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
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

/** One body row of the Statistics table: its pps and drop-pps as numbers, and the extra-info cell. */
export interface StatsRow {
  pps: number;
  drop: number;
  extra: string;
}

/** A number as the tables print it ("14,700,800", "8.00"). */
export function tableNumber(text: string): number {
  const n = Number(text.trim().replace(/,/g, ''));
  if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(text)}`);
  return n;
}

/**
 * The xdp_redirect_cpu table of the Statistics panel once it shows the interval ending at
 * `endMs`, keyed by its first two cells: "XDP-RX 3", "cpumap-enqueue 3:4", "cpumap-enqueue sum:4",
 * "cpumap_kthread 4", "cpumap_kthread total", "redirect_err total".
 */
export async function statsTable(page: Page, endMs: number): Promise<Map<string, StatsRow>> {
  const stats = page.getByRole('region', { name: 'Statistics' });
  const table = stats.getByRole('table', { name: /^xdp_redirect_cpu/ });
  // The region, not the table, is polled: the table is not there until the panel has rendered,
  // and a locator that is not there would hold up the poll (and its scrolling) until it times out.
  await expectRegionText(stats, stats, `interval ending at ${endMs.toFixed(6)} ms`);
  await expect(table).not.toContainText('partial interval');
  const out = new Map<string, StatsRow>();
  for (const row of await table.getByRole('row').all()) {
    const cells = await row.getByRole('cell').allInnerTexts();
    if (cells.length === 0) continue;
    expect(cells).toHaveLength(5);
    const [kind, where, pps, drop, extra] = cells.map((c) => c.trim());
    out.set(`${kind} ${where}`, { pps: tableNumber(pps), drop: tableNumber(drop), extra });
  }
  return out;
}

/**
 * Clicks the topology's button `name` ("Entry for CPU 4", "CPU 3") and returns the Inspector's
 * fields (term to definition) once its heading contains `title`.
 */
export async function inspect(page: Page, name: string, title: string | RegExp): Promise<Map<string, string>> {
  await page.getByRole('region', { name: 'Topology' }).getByRole('button', { name, exact: true }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector.getByRole('heading')).toContainText(title);
  return inspectorFields(page);
}

/** The Inspector's fields as they are shown now (term to definition). */
export async function inspectorFields(page: Page): Promise<Map<string, string>> {
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const terms = await inspector.getByRole('term').allInnerTexts();
  const defs = await inspector.getByRole('definition').allInnerTexts();
  expect(defs).toHaveLength(terms.length);
  return new Map(terms.map((t, i) => [t.trim(), defs[i].trim()]));
}

/**
 * Scrolls `target` into view, again if it was replaced meanwhile: a deferred panel's placeholder
 * carries the panel's name and is swapped for the panel when its code arrives.
 */
export async function scrollTo(target: Locator): Promise<void> {
  await expect(async () => target.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass();
}
