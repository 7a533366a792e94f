import { expect, test, type Page } from '@playwright/test';
import { LESSON_CATALOG } from '../src/lessons/catalog';
import { LESSONS } from '../src/lessons';
import { expectTimeAdvances, open } from './helpers';

// The rest of the suite blocks service workers (playwright.config.ts); these tests are about one.
test.use({ serviceWorkers: 'allow' });

/** Waits until the app's service worker has precached the app and controls the page. */
async function expectServiceWorkerInControl(page: Page): Promise<void> {
  const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL ?? '');
  expect(script).toBe(new URL('/sw.js', page.url()).href);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** Whether a request the app has never made reaches the server (it does not when offline). */
async function networkAnswers(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    fetch(`/favicon.svg?probe=${Math.random()}`).then(
      () => true,
      () => false,
    ),
  );
}

/** The page is up: the heading, the topology, the controls, and the simulation running. */
async function expectExplorer(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toContainText('cpumap-scope');
  await expect(page.getByRole('region', { name: 'Topology' }).getByRole('img')).toBeVisible();
  const controls = page.getByRole('region', { name: 'Simulation controls' });
  await expect(controls.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(controls.getByRole('button', { name: 'Reset', exact: true })).toBeVisible();
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toBeVisible();
  await page.waitForFunction(() => window.__cpumapScope !== undefined);
  await expectTimeAdvances(page);
}

test('after a first visit, a reload with the network cut brings the page back, running, with its panels', async ({ page, context }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await open(page);
  await expectServiceWorkerInControl(page);

  await context.setOffline(true);
  expect(await networkAnswers(page)).toBe(false);
  await page.reload();
  await expectExplorer(page);
  // The panels' code, fetched after the first frame, comes from the precache too.
  const mapOps = page.getByRole('region', { name: 'Map operations' });
  await expect(mapOps.getByRole('button', { name: 'Update', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Statistics' }).getByRole('heading', { name: 'Statistics' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Statistics' })).not.toContainText('Loading…');
  expect(violations).toEqual([]);
});

test('a lesson opens offline after a first visit that opened none (its code is precached)', async ({ page, context }) => {
  await open(page);
  await expectServiceWorkerInControl(page);
  await context.setOffline(true);

  // By link.
  const lesson = LESSONS.find((l) => l.id === 'bulk-queues')!;
  await page.goto(`/?lesson=${lesson.id}&step=1`);
  const panel = page.getByRole('region', { name: 'Lesson' });
  await expect(panel.getByRole('heading', { name: lesson.steps[0].title })).toBeVisible();
  await expect(panel).toContainText(`step 1 of ${lesson.steps.length}`);

  // And from the lesson list of a page loaded offline.
  await page.goto('/');
  const other = LESSON_CATALOG.find((l) => l.id === 'ptr-ring')!;
  await page.getByRole('combobox', { name: 'Lesson' }).selectOption({ label: other.title });
  await expect(panel).toContainText(`Lesson: ${other.title}`);
  await expect(panel.getByRole('heading', { name: LESSONS.find((l) => l.id === other.id)!.steps[0].title })).toBeVisible();
});
