/**
 * The built app served by vite preview, and Debian's Chromium driven by Playwright: what every
 * browser bench starts from.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { CHROMIUM_ARGS } from '../playwright.config';
import type { PageHooks } from '../src/ui/devHooks';

/** The page's hooks for tests and benches (see src/ui/devHooks.ts). */
export type Hooks = PageHooks;

/** Builds the app (unless `build` is false). */
export function buildApp(): void {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
}

async function waitForServer(base: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

/** Serves dist/ on `port`, runs `body` with a fresh Chromium, then stops both. */
export async function withServedApp(port: number, body: (browser: Browser, base: string) => Promise<void>): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  });
  try {
    await waitForServer(base);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      await body(browser, base);
    } finally {
      await browser.close();
    }
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

/** Waits until the page has installed its hooks. */
export async function hooks(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __cpumapScope?: Hooks }).__cpumapScope !== undefined);
}
