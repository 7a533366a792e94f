/**
 * Fault tolerance: a worker that throws, closes or hangs is replaced from the run's link with a
 * notice (and left for the reader to restart when it keeps dying); a lost message leaves the page
 * consistent with the engine; a hidden tab neither piles up work nor makes the run leap.
 *
 * "Consistent with the engine" (expectConsistent): the address bar's scenario, with its map
 * operations, is the engine's scenario plus the operations done by hand on this run; the clock
 * shows the engine's simulated time; the status line shows the engine's last map operation
 * result; the inspector shows what the engine shows for the selected element now; the play
 * button matches the engine's play state.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectTimeAdvances, open, pause, simNs, scrollTo } from './helpers';
import { linkScenarioQuery, manualOpSpec } from '../src/ui/url/linkQuery';
import { formatSimTime } from '../src/ui/format';
import type { CrashHow, StateMessage, ToWorker } from '../src/worker/protocol';
import { FAST_FORWARD_SLICE_NS } from '../src/worker/settings';
import { CHECK_EVERY_MS, SILENT_LIMIT_MS } from '../src/ui/supervision/heartbeat';

const SCENARIO = 'rx=0,1&entries=4:256,5:256&rate=2M&prog=hash';
/** The "10G line rate over 4 CPUs" preset: about 10 ms of work per simulated ms. */
const LINE_RATE = 'rx=0,1,2,3&entries=4:2048,5:2048,6:2048,7:2048&rate=14.88M&flows=1024&prog=hash&stack=iptables-drop';
/** Simulated ns per wall second in these tests (1 ms a second: frames visibly move). */
const SPEED = 1e6;
/** A start time seconds of wall time away at line rate, and the least wall time each of its slices takes (a test hook). */
const START_NS = 1e9;
const STRETCH_MS = 5;

function timer(page: Page) {
  return page.getByRole('timer', { name: 'Simulated time' });
}

function restartNotice(page: Page) {
  return page.getByRole('status', { name: 'Simulation restarted' });
}

async function send(page: Page, msg: ToWorker): Promise<void> {
  await page.evaluate((m) => window.__cpumapScope!.send(m), msg);
}

async function crash(page: Page, how: CrashHow): Promise<void> {
  await send(page, { type: 'crash', how });
}

async function probe(page: Page): Promise<StateMessage> {
  return page.evaluate(() => window.__cpumapScope!.probe());
}

async function supervision(page: Page) {
  return page.evaluate(() => window.__cpumapScope!.supervision());
}

/** Does a map operation from the panel and waits for the status line to report it. */
async function mapOp(page: Page, button: 'Update' | 'Delete' | 'Lookup', key: number): Promise<void> {
  const panel = page.getByRole('region', { name: 'Map operations' });
  await scrollTo(panel);
  await panel.getByRole('textbox', { name: 'Key' }).fill(String(key));
  await panel.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByRole('status', { name: 'Last map operation' })).toContainText(`${button.toLowerCase()} key ${key}:`);
}

/** The inspector's fields (term, definition), read at once: a re-render between two reads would mix two states. */
async function shownFields(page: Page): Promise<[string, string][]> {
  return page.getByRole('region', { name: 'Inspector' }).evaluate((region) => {
    const terms = [...region.querySelectorAll('dt')].map((e) => (e.textContent ?? '').trim());
    const defs = [...region.querySelectorAll('dd')].map((e) => (e.textContent ?? '').trim());
    return terms.length === defs.length ? terms.map((t, i): [string, string] => [t, defs[i]]) : [];
  });
}

/** The page is consistent with the engine (see the file's comment); call it paused. */
async function expectConsistent(page: Page): Promise<StateMessage> {
  const truth = await probe(page);
  expect(truth.running).toBe(false);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(timer(page)).toHaveText(formatSimTime(truth.simNs));
  await expect
    .poll(() => linkScenarioQuery(new URL(page.url()).search.slice(1), []))
    .toBe(
      linkScenarioQuery(
        truth.loaded!.query,
        truth.handOps.flatMap((r) => manualOpSpec(r) ?? []),
      ),
    );
  if (truth.lastOpText !== null) await expect(page.getByRole('status', { name: 'Last map operation' })).toHaveText(truth.lastOpText);
  if (truth.inspection !== null) {
    await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading')).toContainText(truth.inspection.title);
    await expect.poll(() => shownFields(page)).toEqual(truth.inspection.fields);
  }
  return truth;
}

test.describe('a worker that fails is restarted from the link', () => {
  test('throws: restarted at once, the link before and after the same: scenario, hand-made operations, time, selection', async ({
    page,
  }) => {
    await open(page, `${SCENARIO}&speed=${SPEED}`);
    await expectTimeAdvances(page);
    await mapOp(page, 'Update', 6);
    await mapOp(page, 'Delete', 4);
    await pause(page);
    await page.getByRole('region', { name: 'Topology' }).getByRole('button', { name: 'Entry for CPU 6', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading')).toContainText('cpumap entry');
    await expect.poll(async () => (await shownFields(page)).length).toBeGreaterThan(5);
    const fields = await shownFields(page);
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toMatch(/^entry:/);
    const link = page.url();
    expect(new URL(link).searchParams.get('ops')?.split(',')).toHaveLength(2);
    const time = (await timer(page).textContent()) ?? '';
    const before = await probe(page);

    await crash(page, 'throw');
    const notice = restartNotice(page);
    await expect(notice).toHaveText(
      new RegExp(`^The simulation worker stopped \\(crash requested \\(test hook\\)\\); restarted from the link at ${time}\\.`),
    );
    await expect.poll(async () => (await supervision(page)).restarts).toBe(1);
    // The same run, at the same time: the hand-made operations are now the scenario's own, and
    // replay with the same results at the same times.
    await expect(timer(page)).toHaveText(time);
    await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading')).toContainText('cpumap entry');
    await expect.poll(() => shownFields(page)).toEqual(fields);
    const after = await expectConsistent(page);
    expect(after.simNs).toBe(before.simNs);
    expect(after.handOps).toEqual([]);
    expect(after.ops).toEqual(before.ops);
    expect(page.url()).toBe(link);
    // Dismissed, it goes; the page plays on.
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toBeHidden();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expectTimeAdvances(page);
  });

  test('throws while playing: goes on playing from where it was', async ({ page }) => {
    await open(page, `${SCENARIO}&speed=${SPEED}`);
    await expectTimeAdvances(page, 0.3e6);
    const link = page.url();
    await crash(page, 'throw');
    await expect(restartNotice(page)).toContainText('restarted from the link at');
    const notice = (await restartNotice(page).textContent()) ?? '';
    const at = Number(/at ([\d.]+) ms/.exec(notice)?.[1]) * 1e6;
    expect(at).toBeGreaterThan(0.3e6);
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    // Never from 0 again: the first time shown after the restart is the restart's.
    await expect.poll(() => simNs(page)).toBeGreaterThanOrEqual(at);
    await expectTimeAdvances(page, at);
    expect(page.url()).toBe(link);
  });

  for (const how of ['close', 'hang'] as const) {
    test(`${how === 'close' ? 'closes itself' : 'hangs in a loop'}: noticed by the heartbeat after 3.5 s of silence, not before, and restarted`, async ({
      page,
    }) => {
      // The page's clock is Playwright's: it flows as usual, and is paused while the silence is
      // measured, so the heartbeat's judgement is checked in page time, whatever the machine.
      await page.clock.install();
      await open(page, `${SCENARIO}&speed=${SPEED}`);
      await expectTimeAdvances(page, 0.2e6);
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
      await crash(page, how);
      // Silence is judged after 3.5 s (checked every 0.5 s), not before.
      await page.clock.runFor(3400);
      await expect(restartNotice(page)).toBeHidden();
      await page.clock.runFor(600);
      await expect(restartNotice(page)).toContainText('(it did not answer for');
      await page.clock.resume();
      const at = Number(/at ([\d.]+) ms/.exec((await restartNotice(page).textContent()) ?? '')?.[1]) * 1e6;
      const framesAtRestart = (await supervision(page)).frames;
      await expect.poll(async () => (await supervision(page)).frames, { intervals: [20] }).toBeGreaterThan(framesAtRestart);
      await expectTimeAdvances(page, at);
      expect((await supervision(page)).restarts).toBe(1);
    });
  }

  test('dies again and again: the third worker in a row to die soon after its start is not restarted, a restart by hand is offered', async ({
    page,
  }) => {
    await open(page, `${SCENARIO}&speed=${SPEED}`);
    await expectTimeAdvances(page);
    for (let i = 1; i <= 2; i++) {
      await crash(page, 'throw');
      await expect.poll(async () => (await supervision(page)).restarts).toBe(i);
      await expect(restartNotice(page)).toBeVisible();
      await expectTimeAdvances(page);
    }
    await crash(page, 'throw');
    const alert = page.getByRole('alert', { name: 'Simulation stopped' });
    await expect(alert).toContainText(
      'The simulation stopped. Its worker failed (crash requested (test hook)), 3 times in a row, each within 30 s of its start',
    );
    await expect(alert).toContainText('not restarted automatically');
    await expect(restartNotice(page)).toBeHidden();
    // Left stopped: nothing moves.
    const stopped = await simNs(page);
    await page.waitForTimeout(1500);
    expect(await simNs(page)).toBe(stopped);
    expect((await supervision(page)).restarts).toBe(2);
    // By hand, it starts again from the link, where it stopped.
    await alert.getByRole('button', { name: 'Restart simulation' }).click();
    await expect(alert).toBeHidden();
    await expectTimeAdvances(page, stopped);
    expect((await supervision(page)).restarts).toBe(3);
    expect(page.url()).toContain('rate=2M');
  });

  test('the reason is shown as text, never as markup', async ({ page }) => {
    await open(page, `${SCENARIO}&speed=${SPEED}`);
    const markup = '<img src=x onerror="window.__injected=1"><b>bold</b>';
    await send(page, { type: 'crash', how: 'throw', message: markup });
    const notice = restartNotice(page);
    await expect(notice).toContainText(`The simulation worker stopped (${markup});`);
    await expect(notice.locator('img, b')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  });

  test('a long run at once (a start time seconds away at line rate) is not taken for a hung worker', async ({ page }) => {
    // The run must last longer than the heartbeat's limit (and a check after it), or this proves
    // nothing: the test hook makes each of its slices take at least STRETCH_MS of wall time, so it
    // does whatever the machine's speed, while the worker still says it is alive between slices.
    const slices = START_NS / FAST_FORWARD_SLICE_NS;
    const leastMs = slices * STRETCH_MS;
    expect(leastMs).toBeGreaterThan(SILENT_LIMIT_MS + CHECK_EVERY_MS);
    await open(page, `${LINE_RATE}&paused=1`);
    await expect.poll(async () => (await supervision(page)).frames).toBeGreaterThan(0);
    // The hook's stretching of every slice is checked with a fake clock in
    // src/worker/simWorker.faults.test.ts; here nothing is timed.
    await send(page, { type: 'stretchRuns', minSliceMs: STRETCH_MS });
    // Through the page's own channel, as a lesson step with a start time loads.
    await send(page, { type: 'load', query: LINE_RATE, startNs: START_NS });
    await expect(timer(page)).toHaveText('1.000000000 s', { timeout: 50_000 });
    expect(await supervision(page)).toMatchObject({ restarts: 0 });
    await expect(restartNotice(page)).toBeHidden();
  });
});

test.describe('a lost message', () => {
  test('a lost map operation result: the operation is still in the link, the status line and the log', async ({ page }) => {
    await open(page, `${SCENARIO}&speed=${SPEED}&paused=1&t=2ms`);
    await expect(timer(page)).toHaveText('2.000000 ms');
    await send(page, { type: 'dropOutgoing', count: 1, kind: 'opResult' });
    await mapOp(page, 'Update', 6);
    await expect.poll(() => new URL(page.url()).searchParams.get('ops')).toBe('2ms:update:6:192');
    await mapOp(page, 'Lookup', 4);
    const s = await supervision(page);
    expect(s.lost).toBe(1);
    expect(s.resyncs).toBeGreaterThanOrEqual(1);
    const truth = await expectConsistent(page);
    expect(truth.handOps.map((o) => o.op)).toEqual(['update', 'lookup']);
    // The link replays the same run: opened afresh, the same results at the same times.
    const fresh = await page.context().newPage();
    await open(fresh, new URL(page.url()).search.slice(1));
    await expect(timer(fresh)).toHaveText('2.000000 ms');
    expect((await probe(fresh)).ops).toEqual(truth.ops);
  });

  test('lost frames while playing and around a pause: time, play state and inspector are the engine’s', async ({ page }) => {
    await open(page, `${SCENARIO}&speed=${SPEED}`);
    await page.getByRole('region', { name: 'Topology' }).getByRole('button', { name: 'CPU 0', exact: true }).click();
    await expectTimeAdvances(page);
    await send(page, { type: 'dropOutgoing', count: 20, kind: 'frame' });
    await expect.poll(async () => (await supervision(page)).lost).toBe(20);
    await expectTimeAdvances(page);
    // The pause's own frame, the last message before silence: the next pong shows the gap.
    await send(page, { type: 'dropOutgoing', count: 1, kind: 'frame' });
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(async () => (await supervision(page)).lost, { timeout: 5000 }).toBe(21);
    await expectConsistent(page);
  });
});

test.describe('a hidden tab', () => {
  /** Emulates the tab being hidden or shown (headless Chromium has no second tab to switch to). */
  async function setHidden(page: Page, hidden: boolean): Promise<void> {
    await page.evaluate((h) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  }

  async function state(page: Page) {
    return page.evaluate(() => ({ ...window.__cpumapScope!.state(), ...window.__cpumapScope!.supervision() }));
  }

  test('holds the run while hidden (no frames pile up) and resumes where it was, without a leap', async ({ page }) => {
    await open(page, `${SCENARIO}&speed=${SPEED}`);
    await expectTimeAdvances(page, 0.2e6);
    await setHidden(page, true);
    const hidden = await state(page);
    await page.waitForTimeout(3000);
    const later = await state(page);
    console.log(`hidden 3 s: ${later.frames - hidden.frames} frame messages received, journeys ${hidden.journeys} -> ${later.journeys}`);
    // At most what was already on its way.
    expect(later.frames - hidden.frames).toBeLessThanOrEqual(2);
    expect(later.journeys).toBeLessThanOrEqual(hidden.journeys + 50);
    expect(later.simNs - hidden.simNs).toBeLessThanOrEqual(SPEED * 0.05);
    expect((await probe(page)).simNs - hidden.simNs).toBeLessThanOrEqual(SPEED * 0.05);
    // Still playing as far as the reader is concerned, and not taken for a dead worker.
    expect(later.running).toBe(true);
    expect(later.restarts).toBe(0);

    await setHidden(page, false);
    // The clock as the page shows it, every 20 ms for 1.5 s.
    const samples = await page.evaluate(async () => {
      const out: number[] = [];
      const start = performance.now();
      while (performance.now() - start < 1500) {
        out.push(window.__cpumapScope!.state().simNs);
        await new Promise((r) => setTimeout(r, 20));
      }
      return out;
    });
    let jump = samples[0] - later.simNs;
    for (let i = 1; i < samples.length; i++) jump = Math.max(jump, samples[i] - samples[i - 1]);
    console.log(`after showing: largest step of the clock ${(jump / 1e3).toFixed(1)} us (speed ${SPEED / 1e3} us/s)`);
    expect(jump).toBeLessThanOrEqual(SPEED * 0.3);
    // And it runs at the requested speed again.
    expect(samples[samples.length - 1] - samples[0]).toBeGreaterThan(SPEED * 0.7);
    expect((await state(page)).restarts).toBe(0);
  });
});
