/**
 * An embedded lesson step in an 800x500 frame: the step's heading, text, question and the step
 * buttons are all in the frame, nothing scrolls sideways, and Next/Previous step move between
 * the steps inside the frame (its own address follows). Tested inside a real iframe (the page
 * sets no frame-ancestors, so any page may frame it) and as a top-level page of that size.
 */
import { expect, test, type Frame, type FrameLocator, type Page } from '@playwright/test';
import { LESSONS } from '../src/lessons';

const lesson = LESSONS.find((l) => l.id === 'bulk-queues')!;
const [first, second] = lesson.steps;
const EMBED = '/?lesson=bulk-queues&step=1&embed=1';

/** Whether `frame`'s document scrolls: sideways, and down. */
async function overflow(frame: Frame): Promise<{ x: number; y: number }> {
  return frame.evaluate(() => {
    const el = document.scrollingElement!;
    return { x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight };
  });
}

/** The step as the frame shows it: everything on screen, no page scroll, Next and Previous step work. */
async function checkEmbeddedStep(root: Page | FrameLocator, frame: () => Frame): Promise<void> {
  const pane = root.getByRole('region', { name: 'Lesson' });
  await expect(pane.getByRole('heading', { name: first.title })).toBeInViewport({ ratio: 1 });
  await expect(pane).toContainText(`${lesson.title} · step 1 of ${lesson.steps.length}`);
  // The text starts on screen (it scrolls in its own box when long).
  await expect(pane.getByRole('region', { name: 'Step text' }).getByText(first.text[0].slice(0, 40))).toBeInViewport();
  // The question, its answer box and the buttons whole.
  const question = pane.getByRole('group', { name: 'Predict, then run' });
  await expect(question.getByText(first.predict!.question)).toBeInViewport({ ratio: 1 });
  await expect(question.getByRole('textbox')).toBeInViewport({ ratio: 1 });
  await expect(question.getByRole('button', { name: 'Run to check' })).toBeInViewport({ ratio: 1 });
  await expect(pane.getByRole('button', { name: 'Next step' })).toBeInViewport({ ratio: 1 });
  await expect(pane.getByRole('button', { name: 'Previous step' })).toBeDisabled();
  // The rest of the frame is still there: controls, topology, timeline and the way out.
  await expect(root.getByRole('button', { name: 'Play', exact: true })).toBeInViewport({ ratio: 1 });
  await expect(root.getByRole('region', { name: 'Topology' })).toBeInViewport();
  await expect(root.getByRole('button', { name: 'Step back' })).toBeInViewport({ ratio: 1 });
  await expect(root.getByRole('link', { name: 'Open in cpumap-scope' })).toBeInViewport({ ratio: 1 });
  const o = await overflow(frame());
  expect(o.x, 'the frame scrolls sideways').toBeLessThanOrEqual(0);
  expect(o.y, 'the frame scrolls down').toBeLessThanOrEqual(1);

  // Next step: step 2 in the frame, in its own address; Previous comes back.
  await pane.getByRole('button', { name: 'Next step' }).click();
  await expect(pane.getByRole('heading', { name: second.title })).toBeInViewport({ ratio: 1 });
  await expect.poll(() => new URL(frame().url()).searchParams.get('step')).toBe('2');
  expect(new URL(frame().url()).searchParams.get('embed')).toBe('1');
  await expect(pane.getByRole('group', { name: 'Predict, then run' }).getByText(second.predict!.question)).toBeInViewport({ ratio: 1 });
  await pane.getByRole('button', { name: 'Previous step' }).click();
  await expect(pane.getByRole('heading', { name: first.title })).toBeInViewport({ ratio: 1 });
  await expect.poll(() => new URL(frame().url()).searchParams.get('step')).toBe('1');
}

test('a lesson step in an 800x500 iframe: heading, text, question and Next step, sized to the frame', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 800, height: 500 });
  await page.setContent(
    `<body style="margin:0"><iframe src="${baseURL}${EMBED}" width="800" height="500" style="border:0;display:block" title="cpumap-scope"></iframe></body>`,
  );
  const root = page.frameLocator('iframe');
  await expect(root.getByRole('timer', { name: 'Simulated time' })).toBeVisible();
  await checkEmbeddedStep(root, () => page.frames().find((f) => f.url().includes('embed=1'))!);
});

test('the same link as a page of 800x500; a long step text scrolls in its own box', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 500 });
  await page.goto(EMBED);
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toBeVisible();
  await checkEmbeddedStep(page, () => page.mainFrame());

  // The longest step of the lesson: its text scrolls, the buttons stay in the frame.
  const longest = lesson.steps.reduce((a, s, i) => (s.text.join('').length > lesson.steps[a].text.join('').length ? i : a), 0);
  await page.goto(`/?lesson=bulk-queues&step=${longest + 1}&embed=1`);
  const pane = page.getByRole('region', { name: 'Lesson' });
  await expect(pane.getByRole('heading', { name: lesson.steps[longest].title })).toBeInViewport({ ratio: 1 });
  const text = pane.getByRole('region', { name: 'Step text' });
  const scrolls = await text.evaluate((el) => el.scrollHeight > el.clientHeight);
  expect(scrolls).toBe(true);
  await expect(pane.getByRole('button', { name: 'Previous step' })).toBeInViewport({ ratio: 1 });
  const o = await overflow(page.mainFrame());
  expect(o.x).toBeLessThanOrEqual(0);
  expect(o.y).toBeLessThanOrEqual(1);
  // The last paragraph can be scrolled to.
  const last = lesson.steps[longest].text.at(-1)!;
  await text.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(text.getByText(last.replace(/`/g, '').slice(-30))).toBeInViewport();
});

test('an embed without a lesson has no lesson pane', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 500 });
  await page.goto('/?embed=1');
  await expect(page.getByRole('region', { name: 'Topology' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lesson' })).toHaveCount(0);
});
