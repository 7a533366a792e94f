import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { FIRST_LOAD_GOAL_KB, firstLoadScripts } from '../bench/firstLoad';

test('the page loads and names the project', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('cpumap-scope');
});

test('a first visit fetches at most 150 KB of gzipped JavaScript before its first frame, the worker included', async ({
  browser,
  baseURL,
}) => {
  const { files, gzKb } = await firstLoadScripts(browser, baseURL!);
  // The simulation worker (built from src/worker/main.ts) computes the first frame: it counts.
  expect(files.filter((f) => /\/main-[\w-]+\.js$/.test(f))).toHaveLength(1);
  // What the first frame does not need is built apart and fetched after it.
  const built = readdirSync('dist/assets');
  for (const later of ['ComparePage', 'StatsPanel', 'LifecyclePanel', 'TraceLog', 'KernelCodePanel', 'MapOpsPanel', 'lessonBundle']) {
    expect(built.filter((f) => f.startsWith(`${later}-`) && f.endsWith('.js'))).toHaveLength(1);
    expect(files.filter((f) => f.includes(`/${later}-`))).toEqual([]);
  }
  expect(gzKb, files.join(', ')).toBeLessThanOrEqual(FIRST_LOAD_GOAL_KB);
});
