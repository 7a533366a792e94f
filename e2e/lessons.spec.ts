import { expect, test, type Page } from '@playwright/test';
import { LESSONS } from '../src/lessons';
import { asksFirst } from '../src/lessons/types';
import { formatSimTime } from '../src/ui/format';
import { open, simNs } from './helpers';

// The longest files: their tests are independent (each opens its own page), so both workers share them.
test.describe.configure({ mode: 'parallel' });

/** Waits for the step's checkpoint: paused exactly at its time, with the panel saying so. */
async function expectCheckpoint(page: Page, pauseAt: number): Promise<void> {
  await expect.poll(() => simNs(page), { timeout: 45_000 }).toBe(pauseAt);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lesson' })).toContainText(`checkpoint, ${formatSimTime(pauseAt)}`);
}

test('there are at least six lessons', () => {
  expect(LESSONS.length).toBeGreaterThanOrEqual(6);
});

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id}: every step opens from its link and reaches its checkpoint`, async ({ page }) => {
    test.setTimeout(60_000 + 30_000 * lesson.steps.length);
    for (const [i, step] of lesson.steps.entries()) {
      await open(page, `${step.query}&lesson=${lesson.id}&step=${i + 1}`);
      // The step's own pace is the reader's; here its run to the checkpoint takes about a second.
      const fast = Math.max(step.speed, step.pauseAt - (step.startAt ?? 0));
      await page.evaluate((ns) => window.__cpumapScope!.setSpeed(ns), fast);
      const panel = page.getByRole('region', { name: 'Lesson' });
      await expect(panel.getByRole('heading', { name: step.title })).toBeVisible();
      await expect(panel).toContainText(`step ${i + 1} of ${lesson.steps.length}`);
      // Highlighted elements are marked on the topology.
      for (const name of step.highlight) {
        await expect(page.getByRole('region', { name: 'Topology' }).getByRole('button', { name, exact: true }).first()).toHaveAttribute(
          'data-highlight',
          '',
        );
      }
      const q = step.predict;
      if (q !== undefined && q.kind === 'choice') {
        // A multiple choice: answered before the run (the step waits), or at the checkpoint.
        if (q.when === 'after') await expectCheckpoint(page, step.pauseAt);
        await panel.getByRole('radiogroup', { name: q.question }).getByRole('radio', { name: q.choices[q.answer].label }).check();
        await panel.getByRole('button', { name: q.when === 'before' ? 'Answer and run' : 'Check my answer' }).click();
        if (q.when === 'before') await expectCheckpoint(page, step.pauseAt);
        await expect(panel.getByRole('status').filter({ hasText: 'Why:' })).toContainText('Right');
      } else if (step.predict !== undefined) {
        const box = panel.getByRole('group', { name: 'Predict, then run' });
        await box.getByLabel(/Your guess/).fill('12345');
        await box.getByRole('button', { name: 'Run to check' }).click();
        await expectCheckpoint(page, step.pauseAt);
        const result = box.getByRole('status');
        await expect(result).toContainText(/The run: [\d,.]+/);
        await expect(result).toContainText('Your guess: 12,345');
      } else {
        await expectCheckpoint(page, step.pauseAt);
      }
      for (const k of step.kernel) await expect(panel.getByRole('link', { name: k.label })).toHaveAttribute('href', k.url);
      if (step.inspect !== undefined) await expect(page.getByRole('region', { name: 'Inspector' })).not.toContainText('Select a CPU');
    }
  });
}

test('moving between steps with the arrow keys and buttons; leaving the script and coming back', async ({ page }) => {
  const lesson = LESSONS[0];
  const [first, second] = lesson.steps;
  await open(page, `${first.query}&lesson=${lesson.id}&step=1`);
  const panel = page.getByRole('region', { name: 'Lesson' });
  await expect(panel.getByRole('heading', { name: first.title })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(panel.getByRole('heading', { name: second.title })).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe('2');
  await page.keyboard.press('ArrowLeft');
  await expect(panel.getByRole('heading', { name: first.title })).toBeVisible();
  await panel.getByRole('button', { name: 'Next step' }).click();
  await expect(panel.getByRole('heading', { name: second.title })).toBeVisible();

  // Change the scenario: off the script; back to the step restores its scenario.
  const rate = page.getByRole('form', { name: 'Scenario' }).getByLabel('Rate');
  await rate.fill('123k');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(panel).toContainText('left the script');
  await panel.getByRole('button', { name: 'Back to this step' }).click();
  await expectCheckpoint(page, second.pauseAt);
  await panel.getByRole('button', { name: 'Leave the lesson' }).click();
  await expect(panel).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).searchParams.get('lesson')).toBeNull();
});

test("a link made off the script keeps its own scenario, and the panel offers the step's", async ({ page }) => {
  const lesson = LESSONS.find((l) => l.id === 'bulk-queues')!;
  await open(page, `rx=0&entries=4:64&rate=3M&lesson=${lesson.id}&step=2`);
  const panel = page.getByRole('region', { name: 'Lesson' });
  await expect(panel.getByRole('heading', { name: lesson.steps[1].title })).toBeVisible();
  await expect(panel).toContainText('left the script');
  await expect(page.getByRole('form', { name: 'Scenario' }).getByLabel('Rate')).toHaveValue('3M');
  const link = new URL(page.url()).searchParams;
  expect([link.get('rate'), link.get('entries')]).toEqual(['3M', '4:64']);
});

test('a bare lesson link (no scenario in it) opens the step with its own scenario', async ({ page }) => {
  // A step that runs by itself (no prediction asked first), not the first of its lesson.
  const lesson = LESSONS.find((l) => l.steps.slice(1).some((s) => !asksFirst(s.predict)))!;
  const n = lesson.steps.findIndex((s, i) => i > 0 && !asksFirst(s.predict));
  const step = lesson.steps[n];
  await open(page, `lesson=${lesson.id}&step=${n + 1}`);
  await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('heading', { name: step.title })).toBeVisible();
  await expectCheckpoint(page, step.pauseAt);
  await expect(page.getByRole('region', { name: 'Lesson' })).not.toContainText('left the script');
});

test('an unknown lesson or step says so and the page works', async ({ page }) => {
  await open(page, `lesson=no-such-lesson`);
  await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('alert')).toContainText('There is no lesson "no-such-lesson"');
  await open(page, `lesson=${LESSONS[0].id}&step=99`);
  await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('alert')).toContainText('there is no step 99');
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toBeVisible();
});

test('presentation mode: large type, the lesson beside the topology, everything from the keyboard', async ({ page }) => {
  const lesson = LESSONS[0];
  const step = lesson.steps[0];
  await open(page, `${step.query}&lesson=${lesson.id}&step=1&present=1`);
  await expect(page.locator('html')).toHaveAttribute('data-present', 'on');
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(size).toBeGreaterThan(20);
  const panel = page.getByRole('region', { name: 'Lesson' });
  await expect(panel).toBeVisible();
  // Beside the topology, on the first screen.
  const topo = await page.getByRole('region', { name: 'Topology' }).boundingBox();
  const side = await panel.boundingBox();
  expect(topo && side && side.x > topo.x + topo.width / 2).toBe(true);
  expect(side && side.y < 768).toBe(true);
  await expectCheckpoint(page, step.pauseAt);
  // Keyboard alone: the next step, then play and pause.
  await page.keyboard.press('ArrowRight');
  await expect(panel.getByRole('heading', { name: lesson.steps[1].title })).toBeVisible();
  // Tab reaches the lesson's buttons, with a visible focus ring.
  await page.getByRole('button', { name: 'Previous step' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Next step' })).toBeFocused();
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(ring).not.toBe('none');
  await page.keyboard.press('Enter');
  const third = lesson.steps[2] ?? lesson.steps[1];
  await expect(panel.getByRole('heading', { name: third.title })).toBeVisible();
  if (!asksFirst(third.predict)) await expectCheckpoint(page, third.pauseAt);
  // Space plays and pauses with the focus still on Next step, and does not press it.
  await expect(page.getByRole('button', { name: 'Next step' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(panel.getByRole('heading', { name: third.title })).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('present')).toBe('1');
});

test('embed mode: only the controls and the topology; the generator writes the iframe code', async ({ page }) => {
  const lesson = LESSONS[0];
  const step = lesson.steps[0];
  await open(page, `${step.query}&lesson=${lesson.id}&step=1`);
  await page.getByRole('button', { name: 'Embed' }).click();
  const box = page.getByRole('textbox', { name: 'Iframe code' });
  await expect(box).toHaveValue(/^<iframe /);
  const code = await box.inputValue();
  expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?v=1&amp;.*lesson=/);
  const src = /src="([^"]+)"/.exec(code)![1].replace(/&amp;/g, '&');
  expect(src).toContain('embed=1');

  await page.setViewportSize({ width: 800, height: 500 });
  await page.goto(src);
  await expect(page.getByRole('region', { name: 'Topology' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Simulation controls' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Scenario' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Panels' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Open in cpumap-scope' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('heading', { name: step.title })).toBeVisible();
  // Sized to the frame: no scrolling, and the timeline and the footer inside it.
  const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(overflow).toBeLessThanOrEqual(1);
  for (const el of [page.getByRole('button', { name: 'Step back' }), page.getByRole('link', { name: 'Open in cpumap-scope' })]) {
    const box = await el.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 500).toBe(true);
  }
  const timeline = await page.getByRole('region', { name: 'Timeline' }).boundingBox();
  const footer = await page.getByRole('link', { name: 'Open in cpumap-scope' }).boundingBox();
  expect(timeline && footer && timeline.y + timeline.height <= footer.y + 1).toBe(true);
  // The keyboard drives it.
  await expect.poll(() => simNs(page), { timeout: 30_000 }).toBe(step.pauseAt);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
});
