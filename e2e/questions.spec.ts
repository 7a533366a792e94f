/**
 * Lesson questions and the way through a lesson: a guess written as the Rate field writes rates,
 * a multiple choice with feedback that says why and highlights where the answer is, the outline of
 * a lesson's steps, and the next lesson at the last step.
 */
import { expect, test, type Page } from '@playwright/test';
import { LESSONS, lessonById } from '../src/lessons';
import { formatSimTime } from '../src/ui/format';
import { open, simNs } from './helpers';

async function expectCheckpoint(page: Page, pauseAt: number): Promise<void> {
  await expect.poll(() => simNs(page), { timeout: 45_000 }).toBe(pauseAt);
  await expect(page.getByRole('region', { name: 'Lesson' })).toContainText(`checkpoint, ${formatSimTime(pauseAt)}`);
}

test('a rate question takes "2M", and the answer says why and highlights its row of the Statistics table', async ({ page }) => {
  const step = lessonById('ptr-ring')!.steps[0];
  await open(page, `${step.query}&lesson=ptr-ring&step=1`);
  const box = page.getByRole('region', { name: 'Lesson' }).getByRole('group', { name: 'Predict, then run' });
  // While the question waits, the rates row keeps its figures back (after a warm-up they would be the answer).
  const rates = page.getByRole('table', { name: /^Rates/ });
  const ringFull = rates
    .getByRole('row', { name: /^ring full/ })
    .getByRole('cell')
    .first();
  await expect(rates).toContainText('kept back until you answer the question');
  await expect(ringFull).toHaveText('–');
  await box.getByLabel(/Your guess/).fill('junk');
  await box.getByRole('button', { name: 'Run to check' }).click();
  await expect(box.getByRole('alert')).toContainText('"junk" is not a number the page reads: write it as 2M, 500k');
  await box.getByLabel(/Your guess/).fill('2M');
  await box.getByRole('button', { name: 'Run to check' }).click();
  await expectCheckpoint(page, step.pauseAt);
  await expect(rates).not.toContainText('kept back');
  await expect(ringFull).toHaveText(/^[\d.]+ [kM]?pps$/);
  const result = box.getByRole('status');
  await expect(result).toContainText('Your guess: 2,000,000');
  await expect(result).toContainText('Why:');
  await expect(result).toContainText('the drop-pps column of the "cpumap-enqueue sum:4" row of the Statistics table');
  await result.getByRole('button', { name: 'Show me' }).click();
  const row = page.getByRole('region', { name: 'Statistics' }).getByRole('row', { name: /cpumap-enqueue sum:4/ });
  await expect(row).toHaveAttribute('data-pointed', '');
  await expect(row).toBeInViewport();
});

test('the one-frame lesson asks which CPU builds the SKB; a wrong choice is told why and where', async ({ page }) => {
  const lesson = lessonById('one-frame')!;
  const n = lesson.steps.findIndex((s) => s.predict?.kind === 'choice');
  const step = lesson.steps[n];
  const q = step.predict!;
  if (q.kind !== 'choice') throw new Error('not a multiple choice');
  await open(page, `${step.query}&lesson=one-frame&step=${n + 1}`);
  const panel = page.getByRole('region', { name: 'Lesson' });
  await expectCheckpoint(page, step.pauseAt);
  const group = panel.getByRole('radiogroup', { name: q.question });
  await expect(group.getByRole('radio')).toHaveCount(q.choices.length);
  await panel.getByRole('button', { name: 'Check my answer' }).click();
  await expect(panel.getByRole('alert')).toContainText('Pick one of the answers first.');
  await group.getByRole('radio', { name: /^CPU 0/ }).check();
  await panel.getByRole('button', { name: 'Check my answer' }).click();
  const result = panel.getByRole('status').filter({ hasText: 'Why:' });
  await expect(result).toContainText('Not quite');
  await expect(result).toContainText(`the answer is “${q.choices[q.answer].label}”`);
  await expect(result).toContainText('kthread is bound to its CPU');
  await expect(result).toContainText('see CPU 4 on the topology, highlighted');
  await expect(page.getByRole('region', { name: 'Topology' }).getByRole('button', { name: 'CPU 4', exact: true })).toHaveAttribute(
    'data-highlight',
    '',
  );
});

test('every lesson asks at least one question', () => {
  for (const l of LESSONS)
    expect(
      l.steps.some((s) => s.predict !== undefined),
      l.id,
    ).toBe(true);
});

test('the outline lists the steps and its links go to them; the last step offers the next lesson', async ({ page }) => {
  const lesson = lessonById('bulk-queues')!;
  await open(page, `lesson=bulk-queues&step=1`);
  const panel = page.getByRole('region', { name: 'Lesson' });
  await panel.getByText(`Steps (1 of ${lesson.steps.length})`).click();
  const outline = panel.getByRole('navigation', { name: 'Lesson outline' });
  const links = outline.getByRole('link');
  await expect(links).toHaveText(lesson.steps.map((s) => s.title));
  await expect(links.first()).toHaveAttribute('aria-current', 'step');
  const last = lesson.steps.length;
  await outline.getByRole('link', { name: lesson.steps[last - 1].title }).click();
  await expect(panel.getByRole('heading', { name: lesson.steps[last - 1].title })).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(String(last));
  await expect(panel.getByRole('button', { name: 'Next step' })).toHaveCount(0);
  const next = LESSONS[LESSONS.indexOf(lesson) + 1];
  await panel.getByRole('button', { name: `Next lesson: ${next.title}` }).click();
  await expect(panel.getByRole('heading', { name: next.steps[0].title })).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('lesson')).toBe(next.id);

  // The last lesson's last step leads back to the lesson list.
  const final = LESSONS[LESSONS.length - 1];
  await open(page, `lesson=${final.id}&step=${final.steps.length}`);
  await panel.getByRole('button', { name: 'Back to lessons' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Lesson' })).toBeFocused();
});
