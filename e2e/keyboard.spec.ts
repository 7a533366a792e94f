/**
 * One keyboard model, whatever was clicked last: each button of the page is clicked with the
 * mouse, then Space must play or pause, and must not press the focused button (no click, the
 * lesson step and the run stay as they were). The other keys work on buttons too; text fields,
 * drop-down lists and sliders keep the keys they need.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectTimeAdvances, open, simNs } from './helpers';

declare global {
  interface Window {
    __clicks?: number;
  }
}

test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Every click event on the page, the ones a key would make included.
  await page.addInitScript(() => {
    window.__clicks = 0;
    addEventListener('click', () => (window.__clicks = (window.__clicks ?? 0) + 1), true);
  });
});

const clicks = (page: Page) => page.evaluate(() => window.__clicks ?? 0);
const controls = (page: Page) => page.getByRole('region', { name: 'Simulation controls' });
const playing = async (page: Page) => controls(page).getByRole('button', { name: 'Pause', exact: true }).isVisible();
const stepParam = (page: Page) => new URL(page.url()).searchParams.get('step');

/**
 * Presses Space with the focus where it is: play and pause flip, no click happens (the focused
 * button is not pressed), the lesson step stays, and the run goes on from where it was.
 */
async function spaceToggles(page: Page, what: string): Promise<void> {
  // A lesson button that reloads the step (Replay, Previous step) has sent the scenario: read the
  // time once its first frame is drawn, not the old run's last.
  await expect.poll(() => page.evaluate(() => window.__cpumapScope?.state().loading), `${what} loaded`).toBe(false);
  const wasPlaying = await playing(page);
  const before = await clicks(page);
  const step = stepParam(page);
  const ns = await simNs(page);
  await page.keyboard.press('Space');
  await expect(
    controls(page).getByRole('button', { name: wasPlaying ? 'Play' : 'Pause', exact: true }),
    `Space after ${what}`,
  ).toBeVisible();
  expect(await clicks(page), `Space after ${what} pressed the focused control`).toBe(before);
  expect(stepParam(page), `Space after ${what}`).toBe(step);
  // Not reset: a run that plays on moves on from where it was.
  if (!wasPlaying) await expectTimeAdvances(page, ns);
  else expect(await simNs(page)).toBeGreaterThanOrEqual(ns);
}

/** Clicks `control` with the mouse, waits for what the click does (`done`), then checks Space. */
async function clickThenSpace(page: Page, control: Locator, what: string, done?: () => Promise<void>): Promise<void> {
  await control.click();
  if (done !== undefined) await done();
  await spaceToggles(page, what);
}

/** The visible, enabled buttons of `region`, by accessible name. */
async function buttonNames(region: Locator): Promise<string[]> {
  const names: string[] = [];
  for (const b of await region.getByRole('button').all()) {
    if (!(await b.isVisible()) || !(await b.isEnabled())) continue;
    names.push(((await b.getAttribute('aria-label')) ?? (await b.innerText())).replace(/^[▶❚\s]+/, '').trim());
  }
  return names;
}

test('default page: after clicking any button, Space plays or pauses and presses nothing', async ({ page }) => {
  await open(page, 'paused=1&t=1ms');
  await expect(controls(page).getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  // The controls and the timeline, as they are enumerated.
  const bar = controls(page);
  const names = await buttonNames(bar);
  expect(names).toEqual(expect.arrayContaining(['Play', 'Step', 'Reset']));
  for (const name of names) {
    const current = name === 'Play' || name === 'Pause' ? bar.locator('button.play') : bar.getByRole('button', { name, exact: true });
    await clickThenSpace(page, current, name);
  }
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await clickThenSpace(page, timeline.getByRole('button', { name: 'Step back' }), 'Step back');
  // The speed slider: Space is not the slider's, so it plays and pauses there too.
  await clickThenSpace(page, bar.getByRole('slider', { name: 'Speed' }), 'the speed slider');
  await clickThenSpace(page, page.getByRole('region', { name: 'Topology' }).getByRole('button', { name: 'CPU 0', exact: true }), 'CPU 0');

  // The header: Share link, Embed (and its dialog's buttons), View (and its items).
  const header = page.getByRole('banner');
  await clickThenSpace(page, header.getByRole('button', { name: 'Share link' }), 'Share link');
  await clickThenSpace(page, header.getByRole('button', { name: 'Embed' }), 'Embed');
  const embed = page.getByRole('dialog', { name: 'Embed this scenario' });
  await expect(embed).toBeVisible();
  await clickThenSpace(page, embed.getByRole('button', { name: 'Copy code' }), 'Copy code');
  await clickThenSpace(page, embed.getByRole('button', { name: 'Close' }), 'Close (embed)');
  await expect(embed).toBeHidden();

  const view = header.getByRole('button', { name: 'View' });
  await clickThenSpace(page, view, 'View');
  await expect(view).toHaveAttribute('aria-expanded', 'true');
  const settings = page.getByRole('group', { name: 'View settings' });
  await clickThenSpace(page, settings.getByRole('button', { name: 'Dark theme' }), 'Dark theme');
  await expect(settings.getByRole('button', { name: 'Light theme' })).toBeVisible();
  for (const name of ['Calm motion', 'Presentation mode']) {
    const box = settings.getByRole('checkbox', { name });
    const was = await box.isChecked();
    await clickThenSpace(page, box, name);
    // Space did not tick or untick it; Enter does.
    expect(await box.isChecked()).toBe(!was);
    await page.keyboard.press('Enter');
    await expect(box).toBeChecked({ checked: was });
  }

  // The help: "?" after a click; Space inside it plays and pauses; Esc closes it.
  await clickThenSpace(page, header.getByRole('button', { name: /^Help/ }), 'the help button');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await spaceToggles(page, 'opening the help');
  await expect(help).toBeVisible();
  for (const key of ['Space', 'Enter', '.', ',', '+', '-', '←', '→', '?', 'Esc'])
    await expect(help.getByText(key, { exact: true })).toBeVisible();
  await expect(help).toContainText('Play or pause, wherever the focus is; on a button, Space does not press it');
  await expect(help).toContainText('Press the focused button or link; tick the focused checkbox');
  await expect(help).toContainText('A text field keeps all its keys');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // The other keys on a focused button: "." steps (by NAPI polls: each is later than the last), "?" opens the help.
  await bar.getByRole('combobox', { name: 'Step by' }).selectOption('next NAPI poll');
  await header.getByRole('button', { name: 'View' }).click();
  if (await playing(page)) await page.keyboard.press('Space');
  await expect(controls(page).getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const before = await simNs(page);
  await page.keyboard.press('.');
  await expect.poll(() => simNs(page)).toBeGreaterThan(before);
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');

  // Text fields keep their keys: Space types a space into the scenario form.
  const rate = page.getByRole('form', { name: 'Scenario' }).getByLabel('Rate');
  const wasPlaying = await playing(page);
  await rate.fill('1M');
  await rate.press('End');
  await page.keyboard.press('Space');
  await expect(rate).toHaveValue('1M ');
  expect(await playing(page)).toBe(wasPlaying);
});

test('lesson page: after clicking Next step, Space plays and the step stays; every lesson button likewise', async ({ page }) => {
  await open(page, 'lesson=bulk-queues&step=1');
  const lesson = page.getByRole('region', { name: 'Lesson' });
  const heading = lesson.getByRole('heading', { level: 2 });
  await expect(heading).toHaveText('A bulk queue per RX CPU and target');

  // The case: Next step with the mouse, then Space plays; the step stays 2.
  await lesson.getByRole('button', { name: 'Next step' }).click();
  await expect(heading).toHaveText('Interrupt moderation follows the traffic');
  await expect.poll(() => stepParam(page)).toBe('2');
  await expect(controls(page).getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await spaceToggles(page, 'Next step');
  await expect(heading).toHaveText('Interrupt moderation follows the traffic');
  await expect(lesson.getByRole('button', { name: 'Next step' })).toBeFocused();
  // Arrows on a focused button still move between steps; on the speed slider they are the slider's.
  await page.keyboard.press('ArrowLeft');
  await expect(heading).toHaveText('A bulk queue per RX CPU and target');
  const speed = controls(page).getByRole('slider', { name: 'Speed' });
  await speed.focus();
  const notch = await speed.inputValue();
  await page.keyboard.press('ArrowRight');
  await expect(speed).not.toHaveValue(notch);
  await expect(heading).toHaveText('A bulk queue per RX CPU and target');

  // Every button of the lesson pane but the one that leaves it, then the controls'.
  const names = (await buttonNames(lesson)).filter((n) => n !== 'Leave the lesson');
  expect(names).toEqual(expect.arrayContaining(['Next step', 'Replay this step', 'Run to check', 'Run without a guess']));
  for (const name of names) {
    const button = lesson.getByRole('button', { name, exact: true });
    if (!(await button.isEnabled())) continue;
    // Running without a guess plays to the checkpoint and pauses there by itself: Space comes after.
    const done =
      name === 'Run without a guess' ? () => expect(lesson.getByRole('status').filter({ hasText: 'The run:' })).toBeVisible() : undefined;
    await clickThenSpace(page, button, name, done);
  }
  await clickThenSpace(page, lesson.getByRole('button', { name: 'Previous step' }), 'Previous step');
  for (const name of ['Step', 'Reset']) await clickThenSpace(page, controls(page).getByRole('button', { name, exact: true }), name);
  await clickThenSpace(page, controls(page).locator('button.play'), 'Play/Pause');
});

test('a drop-down list keeps Space (it opens the list); "." still steps from it', async ({ page }) => {
  await open(page, 'paused=1&t=1ms');
  const unit = controls(page).getByRole('combobox', { name: 'Step by' });
  await unit.focus();
  await unit.selectOption('next NAPI poll');
  await expect(unit).toBeFocused();
  const before = await simNs(page);
  await page.keyboard.press('.');
  await expect.poll(() => simNs(page)).toBeGreaterThan(before);
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await expect(controls(page).getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});
