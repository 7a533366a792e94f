import { expect, test, type Locator, type Page } from '@playwright/test';
import { LESSONS } from '../src/lessons';
import { open } from './helpers';

/** The status bar's top edge, in viewport pixels. */
async function statusTop(page: Page): Promise<number> {
  const box = await page.getByRole('contentinfo').boundingBox();
  if (box === null) throw new Error('no status bar');
  return box.y;
}

/** Asserts `el` is wholly inside the window and above the status bar, as the page is scrolled now. */
async function expectOnScreen(page: Page, el: Locator): Promise<void> {
  const box = await el.boundingBox();
  const view = page.viewportSize();
  expect(box).not.toBeNull();
  if (box === null || view === null) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(view.width);
  expect(box.y + box.height).toBeLessThanOrEqual(await statusTop(page));
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(width);
}

// The lesson steps with a question, the one with the most text first (the hardest to fit).
const withQuestion = LESSONS.flatMap((lesson) =>
  lesson.steps.flatMap((step, i) => (step.predict === undefined ? [] : [{ lesson, step, n: i + 1, length: step.text.join('').length }])),
).sort((a, b) => b.length - a.length);
const numeric = withQuestion.filter((q) => q.step.predict?.kind !== 'choice');
const choice = withQuestion.filter((q) => q.step.predict?.kind === 'choice');

test.describe('presenting at 1280x720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  const bulk = numeric.find((q) => q.lesson.id === 'bulk-queues');
  for (const q of [numeric[0], ...(bulk === undefined || bulk === numeric[0] ? [] : [bulk])]) {
    test(`the question of ${q.lesson.id} step ${q.n} and its buttons are on the first screen, beside the topology`, async ({ page }) => {
      await open(page, `${q.step.query}&lesson=${q.lesson.id}&step=${q.n}&present=1`);
      const lesson = page.getByRole('region', { name: 'Lesson' });
      const predict = lesson.getByRole('group', { name: 'Predict, then run' });
      await expect(predict.getByText(q.step.predict?.question ?? '')).toBeVisible();
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await expectOnScreen(page, predict.getByText(q.step.predict?.question ?? ''));
      await expectOnScreen(page, predict.getByRole('button', { name: 'Run to check' }));
      await expectOnScreen(page, lesson.getByRole('button', { name: 'Next step' }));
      await expectOnScreen(page, lesson.getByRole('heading', { name: q.step.title }));
      await expectNoSidewaysScroll(page);
      // Beside the topology, not under it.
      const topo = await page.getByRole('region', { name: 'Topology' }).boundingBox();
      const side = await lesson.boundingBox();
      expect(topo !== null && side !== null && side.x >= topo.x + topo.width - 1).toBe(true);
    });
  }

  const longestChoice = choice[0];
  if (longestChoice !== undefined) {
    const q = longestChoice;
    test(`the multiple-choice question of ${q.lesson.id} step ${q.n} and its choices are on the first screen`, async ({ page }) => {
      await open(page, `${q.step.query}&lesson=${q.lesson.id}&step=${q.n}&present=1`);
      const lesson = page.getByRole('region', { name: 'Lesson' });
      // Asked before the run, or at the checkpoint the step plays to by itself.
      const choices = lesson.getByRole('radiogroup', { name: q.step.predict?.question ?? '' });
      await expect(choices).toBeVisible({ timeout: 30_000 });
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await expectOnScreen(page, choices);
      await expectOnScreen(page, lesson.getByRole('heading', { name: q.step.title }));
      await expectNoSidewaysScroll(page);
    });
  }

  test('the inspector and the kernel code are tabs of the side pane, on the first screen', async ({ page }) => {
    const q = numeric[0];
    await open(page, `${q.step.query}&lesson=${q.lesson.id}&step=${q.n}&present=1`);
    const tabs = page.getByRole('tablist', { name: 'Side pane' });
    await expect(tabs.getByRole('tab')).toHaveText(['Lesson', 'Inspector', 'Kernel code']);
    await expect(tabs.getByRole('tab', { name: 'Lesson' })).toHaveAttribute('aria-selected', 'true');

    await page.getByRole('button', { name: 'CPU 0', exact: true }).click();
    await tabs.getByRole('tab', { name: 'Inspector' }).click();
    const inspector = page.getByRole('tabpanel', { name: 'Inspector' }).getByRole('region', { name: 'Inspector' });
    await expect(inspector.getByRole('heading', { name: /CPU 0/ })).toBeVisible();
    await expectOnScreen(page, inspector.getByRole('heading', { name: /CPU 0/ }));
    await expect(page.getByRole('region', { name: 'Lesson' })).toBeHidden();

    // The arrows move between the tabs (not between lesson steps).
    await page.keyboard.press('ArrowRight');
    await expect(tabs.getByRole('tab', { name: 'Kernel code' })).toBeFocused();
    await expect(tabs.getByRole('tab', { name: 'Kernel code' })).toHaveAttribute('aria-selected', 'true');
    const code = page.getByRole('region', { name: 'Kernel code' });
    await expect(code).toBeVisible();
    await expectOnScreen(page, code.getByRole('heading', { name: 'Kernel code' }));
    // Only one Kernel code panel on the page: the one in the tab.
    await expect(page.getByRole('region', { name: 'Kernel code' })).toHaveCount(1);

    await tabs.getByRole('tab', { name: 'Lesson' }).click();
    await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('heading', { name: q.step.title })).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  test('the header keeps to one row with a lesson open: every button level with the title', async ({ page }) => {
    // The lesson whose title is longest, as the lesson list shows it.
    const lesson = [...LESSONS].sort((a, b) => b.title.length - a.title.length)[0];
    await open(page, `lesson=${lesson.id}&step=1&present=1`);
    const header = page.getByRole('banner');
    const title = await header.getByRole('heading', { level: 1 }).boundingBox();
    expect(title).not.toBeNull();
    for (const name of ['Share link', 'Compare', 'Embed', 'Sweep', 'View', 'Help: keyboard shortcuts (?)']) {
      const button = header.getByRole('button', { name, exact: true });
      await expect(button).toBeEnabled();
      const box = await button.boundingBox();
      expect(box, name).not.toBeNull();
      if (box === null || title === null) return;
      expect(Math.abs(box.y + box.height / 2 - (title.y + title.height / 2)), name).toBeLessThan(12);
    }
    await expectNoSidewaysScroll(page);
  });

  test('the controls keep to one row: "t =" stays with the time', async ({ page }) => {
    await open(page, 'present=1');
    const label = await page.getByText('t =', { exact: true }).boundingBox();
    const time = await page.getByRole('timer', { name: 'Simulated time' }).boundingBox();
    const play = await page.getByRole('button', { name: /^(Play|Pause)$/ }).boundingBox();
    expect(label !== null && time !== null && play !== null).toBe(true);
    if (label === null || time === null || play === null) return;
    expect(Math.abs(label.y + label.height / 2 - (time.y + time.height / 2))).toBeLessThan(4);
    expect(Math.abs(time.y + time.height / 2 - (play.y + play.height / 2))).toBeLessThan(8);
    await expectNoSidewaysScroll(page);
  });
});

test.describe('at 800x600', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test("a first visit's welcome comes first, above the controls, whole on the first screen", async ({ page }) => {
    await open(page);
    const welcome = page.getByRole('region', { name: 'Welcome' });
    await expect(welcome).toBeVisible();
    await expectOnScreen(page, welcome);
    const controls = await page.getByRole('region', { name: 'Simulation controls' }).boundingBox();
    const card = await welcome.boundingBox();
    expect(card !== null && controls !== null && card.y + card.height <= controls.y).toBe(true);
    // One welcome only (the side pane under the topology has none).
    await expect(page.getByRole('region', { name: 'Welcome' })).toHaveCount(1);
    await page.getByRole('button', { name: 'Explore on my own' }).click();
    await expect(welcome).toHaveCount(0);
  });

  test('the single view does not scroll sideways; View and ? are whole, and opening View moves nothing', async ({ page }) => {
    await open(page);
    await expectNoSidewaysScroll(page);
    const view = page.getByRole('button', { name: 'View' });
    const help = page.getByRole('button', { name: 'Help: keyboard shortcuts (?)' });
    await expectOnScreen(page, view);
    await expectOnScreen(page, help);
    const before = await page.getByRole('region', { name: 'Topology' }).boundingBox();
    await view.click();
    const settings = page.getByRole('group', { name: 'View settings' });
    await expect(settings).toBeVisible();
    await expectOnScreen(page, settings);
    await expectNoSidewaysScroll(page);
    expect(await page.getByRole('region', { name: 'Topology' }).boundingBox()).toEqual(before);
    await help.click();
    await expect(page.getByRole('dialog', { name: /keyboard/i })).toBeVisible();
  });

  test('the status bar covers nothing: the timeline, the inspector and Apply come into view above it', async ({ page }) => {
    await open(page);
    for (const el of [
      page.getByRole('button', { name: 'Step back' }),
      page.getByRole('region', { name: 'Inspector' }).getByRole('heading'),
      page.getByRole('form', { name: 'Scenario' }).getByRole('button', { name: 'Apply' }),
    ]) {
      await el.evaluate((e) => e.scrollIntoView({ block: 'end' }));
      await expectOnScreen(page, el);
    }
    // Tabbing to the last control of the scenario form keeps it above the bar too.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('form', { name: 'Scenario' }).getByRole('button', { name: 'Apply' }).focus();
    await expectOnScreen(page, page.getByRole('form', { name: 'Scenario' }).getByRole('button', { name: 'Apply' }));
  });
});

test('at 1366x768 the first screen ends at the status bar: the timeline and Apply are whole above it', async ({ page }) => {
  await open(page);
  // A first visit's welcome card stands above the form: scrolled to, Apply is whole above the bar.
  const apply = page.getByRole('form', { name: 'Scenario' }).getByRole('button', { name: 'Apply' });
  await expect(page.getByRole('region', { name: 'Welcome' })).toBeVisible();
  await apply.evaluate((e) => e.scrollIntoView({ block: 'end' }));
  await expectOnScreen(page, apply);
  // Once it is dismissed, the whole first screen fits above the status bar.
  await page.getByRole('button', { name: 'Explore on my own' }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoSidewaysScroll(page);
  await expectOnScreen(page, page.getByRole('button', { name: 'Step back' }));
  await expectOnScreen(page, page.getByRole('form', { name: 'Scenario' }).getByRole('button', { name: 'Apply' }));
  const main = await page.getByRole('main').boundingBox();
  expect(main !== null && main.y + main.height <= (await statusTop(page)) + 1).toBe(true);
});
