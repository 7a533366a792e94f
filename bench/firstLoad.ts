/**
 * The JavaScript a fresh visit to `/` fetches before the first animated frame (the page's scripts
 * and the simulation worker, which the first frame needs), from Playwright's request log, against
 * all of dist/assets. Sizes are the built files gzipped at level 9, whatever the server sends.
 */
import type { Browser } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Hooks } from './browserServer';

/** The first-load goal, KB of gzipped JavaScript. */
export const FIRST_LOAD_GOAL_KB = 150;

function gzippedKb(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

/** Every script in dist/assets: raw and gzipped KB. */
export function allScripts(): { rawKb: number; gzKb: number } {
  let rawKb = 0;
  let gzKb = 0;
  for (const f of readdirSync('dist/assets')) {
    if (!f.endsWith('.js')) continue;
    rawKb += readFileSync(`dist/assets/${f}`).length / 1024;
    gzKb += gzippedKb(`dist/assets/${f}`);
  }
  return { rawKb, gzKb };
}

/**
 * Opens `/` in a fresh context (nothing cached, no service worker yet) and returns the dist files
 * of the scripts requested before the first animated frame, and their gzipped KB.
 */
export async function firstLoadScripts(browser: Browser, base: string): Promise<{ files: string[]; gzKb: number }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    const requested: { path: string; at: number }[] = [];
    // The worker's script is fetched on the page's behalf, so it is in the page's log too.
    page.on('requestfinished', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.js')) requested.push({ path, at: request.timing().startTime });
    });
    await page.goto(base + '/');
    await page.waitForFunction(() => (window as unknown as { __cpumapScope?: Hooks }).__cpumapScope?.firstFrameAt !== undefined, null, {
      timeout: 30_000,
    });
    // Wall-clock time (ms since the epoch) of the first frame, comparable with the request timings.
    const firstFrame = await page.evaluate(
      () => performance.timeOrigin + ((window as unknown as { __cpumapScope: Hooks }).__cpumapScope.firstFrameAt as number),
    );
    const files = [...new Set(requested.filter((r) => r.at <= firstFrame).map((r) => `dist${r.path}`))].sort();
    return { files, gzKb: files.reduce((sum, f) => sum + gzippedKb(f), 0) };
  } finally {
    await context.close();
  }
}
