/**
 * The explorer at real time and at rest: the "10G line rate over 4 CPUs" preset played at one
 * simulated second per wall second for 8 s (how much simulated time it managed, and whether the
 * page said it cannot keep up), then paused: the CPU the page and its worker use while nothing runs.
 */
import type { Page } from '@playwright/test';
import { PRESETS } from '../src/scenario/presets';
import { hooks, type Hooks } from './browserServer';
import { chromiumCpu, cpuSince } from './processCpu';

const PRESET = 'line-rate-4';
const PLAY_MS = 8000;
const PAUSED_MS = 3000;

async function playPreset(page: Page, base: string): Promise<void> {
  const preset = PRESETS.find((p) => p.id === PRESET);
  if (!preset) throw new Error(`no preset ${PRESET}`);
  await page.goto(base + '/?' + preset.query);
  await hooks(page);
  await page.evaluate(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.setSpeed(1e9));
  await page.waitForFunction(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.state().simNs > 0);
  const cpu0 = chromiumCpu();
  const r = await page.evaluate(async (playMs) => {
    const h = (window as unknown as { __cpumapScope: Hooks }).__cpumapScope;
    const shown = () => [...document.querySelectorAll('.behind-note')].some((e) => /cannot keep up/.test(e.textContent ?? ''));
    const sim0 = h.state().simNs;
    const t0 = performance.now();
    let polls = 0;
    let seen = 0;
    let firstSeen = NaN;
    while (performance.now() - t0 < playMs) {
      await new Promise((res) => setTimeout(res, 100));
      polls++;
      if (shown()) {
        seen++;
        if (Number.isNaN(firstSeen)) firstSeen = performance.now() - t0;
      }
    }
    return { simS: (h.state().simNs - sim0) / 1e9, wallS: (performance.now() - t0) / 1000, polls, seen, firstSeen };
  }, PLAY_MS);
  const cpu = cpuSince(cpu0, chromiumCpu());
  console.log(
    `  "${preset.title}" preset at real time for ${r.wallS.toFixed(1)} s: ${(r.simS / r.wallS).toFixed(3)} simulated s per wall s (goal >= 0.9); ` +
      `the renderer used ${(cpu.renderers / 1e6 / r.wallS).toFixed(0)} ms CPU per s`,
  );
  console.log(
    `    "cannot keep up" notice: ${r.seen === 0 ? `never shown (${r.polls} polls, every 100 ms)` : `shown in ${r.seen} of ${r.polls} polls, first after ${(r.firstSeen / 1000).toFixed(1)} s`}`,
  );
}

async function pausedCpu(page: Page): Promise<void> {
  const paused = await page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find((b) => /(^|\W)Pause$/.test(b.textContent?.trim() ?? ''));
    button?.click();
    return button !== undefined;
  });
  if (!paused) {
    console.log('  paused page: no Pause button found');
    return;
  }
  await page.waitForTimeout(1000); // let the last messages and renders settle
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskS = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
  const task0 = await taskS();
  const cpu0 = chromiumCpu();
  const t0 = performance.now();
  const sim0 = await page.evaluate(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.state().simNs);
  await new Promise((res) => setTimeout(res, PAUSED_MS));
  const sim1 = await page.evaluate(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.state().simNs);
  const cpu = cpuSince(cpu0, chromiumCpu());
  const wallS = (performance.now() - t0) / 1000;
  const task1 = await taskS();
  await cdp.detach();
  const perS = (ns: number) => (ns / 1e6 / wallS).toFixed(1);
  console.log(
    `  paused page over ${wallS.toFixed(1)} s: renderer (page and worker threads) ${perS(cpu.renderers)} ms CPU per s (goal ~0), ` +
      `page main-thread tasks ${perS((task1 - task0) * 1e9)} ms/s (CDP TaskDuration), all Chromium processes ${perS(cpu.all)} ms/s; ` +
      `simulated time ${sim1 === sim0 ? 'stood still' : `moved ${((sim1 - sim0) / 1e6).toFixed(3)} ms`}`,
  );
}

export async function realTimeAndRest(page: Page, base: string): Promise<void> {
  await playPreset(page, base);
  await pausedCpu(page);
}
