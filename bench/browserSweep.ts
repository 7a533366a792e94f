/**
 * The page's sweep: the 5-point qsize sweep of the "10G line rate over 4 CPUs" preset opened as a
 * link, timed from the sweep's start to its last point (the panel's hook, `__cpumapScope.sweep`)
 * and from navigation until the table shows all five rows, with the pool's size.
 */
import type { Page } from '@playwright/test';
import type { Hooks } from './browserServer';

const SWEEP_LINK =
  'rx=0,1,2,3&entries=4:2048,5:2048,6:2048,7:2048&rate=14.88M&flows=1024&prog=hash&stack=iptables-drop&sweep=qsize:32,64,128,256,512';

export async function pageSweep(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/?${SWEEP_LINK}`);
  await page.waitForFunction(() => (window as unknown as { __cpumapScope?: Hooks }).__cpumapScope?.sweep?.endedAt != null, null, {
    timeout: 120_000,
  });
  await page
    .getByRole('region', { name: 'Sweep' })
    .getByRole('link', { name: /^Open qsize=/ })
    .nth(4)
    .waitFor();
  const r = await page.evaluate(() => ({
    sweep: (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.sweep!,
    cores: navigator.hardwareConcurrency,
    now: performance.now(),
  }));
  const ms = (r.sweep.endedAt as number) - r.sweep.startedAt;
  const pool = `${r.sweep.workers} worker${r.sweep.workers === 1 ? '' : 's'} (${r.cores} cores less one, at most one per point)`;
  console.log(
    `  page sweep, qsize:32,64,128,256,512 on 10G over 4 CPUs (100 ms measured per point): ${ms.toFixed(0)} ms on ${pool}; ` +
      `five rows shown ${r.now.toFixed(0)} ms after navigation`,
  );
}
