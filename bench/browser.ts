/**
 * The explorer in Chromium: bundle size and the JavaScript loaded before the first frame, first animated frame, frame pacing with many frames on
 * screen, the worker's real-time factor at line rate, and how fast Pause takes effect; a preset at
 * real time and the CPU a paused page uses (bench/browserRealTime.ts); the page's 5-point sweep on its worker pool (bench/browserSweep.ts).
 * Drives the built app (vite preview) in Debian's Chromium with Playwright.
 */
import type { Browser, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { LINE_RATE } from './scenarios';
import { buildApp, hooks, withServedApp, type Hooks } from './browserServer';
import { mapOpBurst } from './browserBurst';
import { realTimeAndRest } from './browserRealTime';
import { pageSweep } from './browserSweep';
import { allScripts, FIRST_LOAD_GOAL_KB, firstLoadScripts } from './firstLoad';

const PORT = Number(process.env.BENCH_PORT ?? 4179);

function bundleSize(): void {
  const { rawKb, gzKb } = allScripts();
  console.log(`  JavaScript (all of dist/assets, app and worker): ${rawKb.toFixed(1)} KB, ${gzKb.toFixed(1)} KB gzipped (goal <= 250)`);
}

async function firstLoad(browser: Browser, base: string): Promise<void> {
  const { files, gzKb } = await firstLoadScripts(browser, base);
  console.log(
    `  first-load JavaScript: ${gzKb.toFixed(1)} KB gzipped (goal <= ${FIRST_LOAD_GOAL_KB}): ${files.map((f) => f.replace('dist/assets/', '')).join(', ')}`,
  );
}

async function firstFrame(page: Page, base: string): Promise<void> {
  await page.goto(base + '/');
  await hooks(page);
  await page.waitForFunction(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.firstFrameAt !== undefined, null, {
    timeout: 30_000,
  });
  const at = await page.evaluate(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.firstFrameAt as number);
  console.log(`  first animated frame: ${at.toFixed(0)} ms after navigation (goal <= 1500)`);
}

async function pacing(page: Page, base: string): Promise<void> {
  await page.goto(base + '/?rx=3&entries=4:2048&rate=14.7M&prog=rr&arrival=constant');
  await hooks(page);
  await page.evaluate(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.setSpeed(2e5));
  await page.waitForFunction(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.state().journeys >= 1000, null, {
    timeout: 60_000,
  });
  const r = await page.evaluate(
    () =>
      new Promise<{ p95: number; max: number; longTasks: number; frames: number; journeys: number }>((resolve) => {
        const gaps: number[] = [];
        let longTasks = 0;
        const obs = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (e.duration > 50) longTasks++;
        });
        obs.observe({ type: 'longtask', buffered: false });
        let last = performance.now();
        const end = last + 10_000;
        let minJourneys = Infinity;
        const tick = (t: number): void => {
          gaps.push(t - last);
          last = t;
          minJourneys = Math.min(minJourneys, (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.state().journeys);
          if (t < end) requestAnimationFrame(tick);
          else {
            obs.disconnect();
            gaps.sort((a, b) => a - b);
            resolve({
              p95: gaps[Math.floor(gaps.length * 0.95)],
              max: gaps[gaps.length - 1],
              longTasks,
              frames: gaps.length,
              journeys: minJourneys,
            });
          }
        };
        requestAnimationFrame(tick);
      }),
  );
  console.log(
    `  slow motion, at least ${r.journeys} frames on screen: p95 frame interval ${r.p95.toFixed(1)} ms (goal <= 20), max ${r.max.toFixed(1)} ms, ` +
      `${r.frames} frames in 10 s, long tasks over 50 ms: ${r.longTasks} (goal 0)`,
  );
}

function nodeRtf(): number {
  const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'bench/main.ts', 'throughput'], { encoding: 'utf8' });
  const m = /real-time factor:\s+([\d.]+)/.exec(r.stdout);
  return m ? Number(m[1]) : NaN;
}

async function lineRate(page: Page, base: string, node: number): Promise<void> {
  await page.goto(base + '/?' + LINE_RATE);
  await hooks(page);
  await page.evaluate(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.setSpeed(1e9));
  await page.waitForTimeout(2000);
  // Average over 8 s of wall time (the page's own figure covers only the last second).
  const measure = () =>
    page.evaluate(() => ({ sim: (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.state().simNs, wall: performance.now() }));
  const a = await measure();
  await page.waitForTimeout(8000);
  const b = await measure();
  const rtf = (b.sim - a.sim) / 1e9 / ((b.wall - a.wall) / 1000);
  console.log(
    `  line rate at "real time": worker real-time factor ${rtf.toFixed(3)}, Node ${node.toFixed(3)} (ratio ${(rtf / node).toFixed(2)}, goal >= 0.80)`,
  );

  const pauseMs = await page.evaluate(async () => {
    const h = (window as unknown as { __cpumapScope: Hooks }).__cpumapScope;
    const button = [...document.querySelectorAll('button')].find((b) => /(^|\W)Pause$/.test(b.textContent?.trim() ?? ''));
    if (!button) return NaN;
    const t0 = performance.now();
    button.click();
    let lastSim = h.state().simNs;
    let lastChange = t0;
    while (performance.now() - t0 < 1000) {
      await new Promise((r) => setTimeout(r, 5));
      const sim = h.state().simNs;
      if (sim !== lastSim) {
        lastSim = sim;
        lastChange = performance.now();
      }
    }
    return lastChange - t0;
  });
  console.log(`  Pause takes effect within ${pauseMs.toFixed(0)} ms (goal <= 100)`);
}

/**
 * Going back in the page: the default scenario played flat out for a few seconds, then 20 trips
 * to points of the last simulated second, each timed from the request until the page shows that
 * time (worker restore and replay, the message, a render).
 */
async function timeTravel(page: Page, base: string): Promise<void> {
  await page.goto(base + '/');
  await hooks(page);
  await page.evaluate(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.setSpeed(Infinity));
  await page.waitForTimeout(6000);
  const trips = await page.evaluate(async () => {
    const h = (window as unknown as { __cpumapScope: Hooks }).__cpumapScope;
    h.send({ type: 'pause' });
    await new Promise((r) => setTimeout(r, 300));
    const end = h.state().simNs;
    const out: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = Math.round(end - ((i * 7919) % 20) * 5e7 - 1e6);
      const t0 = performance.now();
      h.send({ type: 'seek', t });
      while (h.state().simNs !== t && performance.now() - t0 < 5000) await new Promise((r) => requestAnimationFrame(r));
      out.push(performance.now() - t0);
    }
    return { end, out };
  });
  const sorted = [...trips.out].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  console.log(
    `  going back (default scenario, ${(trips.end / 1e9).toFixed(2)} simulated s played): 20 trips into the last simulated second, ` +
      `mean ${mean.toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms until the page shows the time (goal < 200)`,
  );
}

async function main(): Promise<void> {
  buildApp();
  console.log('Explorer in Chromium');
  bundleSize();
  const node = nodeRtf();
  await withServedApp(PORT, async (browser, base) => {
    await firstLoad(browser, base);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await firstFrame(page, base);
    await pacing(page, base);
    await lineRate(page, base, node);
    await realTimeAndRest(page, base);
    await timeTravel(page, base);
    await mapOpBurst(page, base);
    await pageSweep(page, base);
  });
}

await main();
