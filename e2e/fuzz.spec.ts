/**
 * Hostile links and scenario files in the built app (fixed seed: the same cases every run). For
 * each: the page answers (its heading or controls render, Play/Pause responds), nothing from
 * the link or file is rendered as HTML (no injected element, no script run, no dialog), the
 * notice lists exactly the problems the parsers find (computed here with the same functions),
 * the Embed code stays one clean iframe, and the page throws no uncaught error.
 */
import { expect, test, type Page } from '@playwright/test';
import { readScenarioFile } from '../src/ui/exports/scenarioFile';
import { grouped } from '../src/scenario/check';
import { linkScenarioQuery } from '../src/ui/url/linkQuery';
import { summarizeProblems } from '../src/ui/url/problemSummary';
import { linkRefusals } from '../tests/fuzz/linkRefusals';
import { LESSONS } from '../src/lessons';
import { asksFirst } from '../src/lessons/types';
import { resolveLesson } from '../src/ui/lessons/resolveLesson';
import { linkEntersStep } from '../src/ui/lessons/useLessonRunner';
import type { ViewState } from '../src/ui/url/viewState';
import { fuzzFiles, fuzzLinks, FUZZ_SEED } from './fuzzCases';

const LINKS = 40;
/** How long a page may take to answer. */
const ANSWER_MS = 10_000;

/** What hostile text would have made if it had been rendered as HTML or run as script. */
async function injections(page: Page) {
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    injected: document.querySelectorAll('#injected, b#injected, i#injected, img[src="x"], svg[onload], iframe, [srcdoc]').length,
    handlers: document.querySelectorAll('[onerror], [onload], [onmouseover], [onclick]').length,
    inlineScripts: [...document.scripts].filter((s) => s.src === '').length,
    scriptLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
  }));
}

const CLEAN = { pwned: null, injected: 0, handlers: 0, inlineScripts: 0, scriptLinks: 0 };

/** Watches a page for uncaught errors and dialogs (an alert() from a payload). */
function watch(page: Page): { errors: string[]; dialogs: string[] } {
  const seen = { errors: [] as string[], dialogs: [] as string[] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  return seen;
}

/**
 * Longer links than the preview server takes (Node refuses request lines over 16 KB) get the
 * same page from memory: a link may be up to 2 MB in Chromium, and static hosts differ.
 */
async function serveLongLinks(page: Page): Promise<void> {
  const html = await (await page.request.get('/')).text();
  await page.route(
    (url) => url.pathname === '/' && url.href.length > 8000,
    (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }),
  );
}

/**
 * The Embed dialog's code for the link now loaded: exactly one iframe element, with only the
 * attributes the generator writes (read by the browser's own HTML parser, which runs nothing),
 * whose src is a clean embed link: the hostile text of the link it was opened with is gone.
 */
async function expectCleanEmbedCode(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Embed' }).click();
  const box = page.getByRole('textbox', { name: 'Iframe code' });
  await expect(box).toHaveValue(/^<iframe /);
  const code = await box.inputValue();
  const parsed = await page.evaluate((html) => {
    const body = new DOMParser().parseFromString(html, 'text/html').body;
    const frame = body.firstElementChild;
    return {
      elements: body.querySelectorAll('*').length,
      tag: frame?.tagName ?? null,
      attributes: frame === null ? [] : frame.getAttributeNames(),
      src: frame?.getAttribute('src') ?? '',
    };
  }, code);
  expect(parsed).toMatchObject({ elements: 1, tag: 'IFRAME', attributes: ['src', 'width', 'height', 'title', 'loading', 'style'] });
  const src = new URL(parsed.src);
  expect(src.origin).toBe(new URL(page.url()).origin);
  const refusals = linkRefusals(src.search.slice(1));
  expect(refusals.problems).toEqual([]);
  expect(refusals.page).toBe('embed');
  await page.getByRole('dialog', { name: 'Embed this scenario' }).getByRole('button', { name: 'Close' }).click();
}

/**
 * A link that enters a lesson step (its lessons arrive after the first frame) loads the step and,
 * unless the step asks first, plays to its checkpoint and pauses: waited for, so that a click on
 * Play is not undone by the step's own pause.
 */
async function settleLessonStep(page: Page, search: string, view: ViewState): Promise<void> {
  const resolved = resolveLesson(view, { lessons: LESSONS, failure: null });
  if (resolved === null || !('step' in resolved) || !linkEntersStep(search, resolved.step)) return;
  const step = resolved.step;
  await expect(page.getByRole('region', { name: 'Lesson' }).getByRole('heading', { name: step.title })).toBeVisible({ timeout: ANSWER_MS });
  const settled = { loading: false, ...(asksFirst(step.predict) ? {} : { simNs: step.pauseAt, running: false }) };
  await expect.poll(() => page.evaluate(() => window.__cpumapScope!.state()), { timeout: ANSWER_MS }).toMatchObject(settled);
}

/** Play/Pause answers a click by flipping its label. */
async function expectPlayPauseAnswers(page: Page): Promise<void> {
  const controls = page.getByRole('region', { name: 'Simulation controls' });
  const pause = controls.getByRole('button', { name: 'Pause', exact: true });
  const play = controls.getByRole('button', { name: 'Play', exact: true });
  await expect(pause.or(play)).toBeVisible({ timeout: ANSWER_MS });
  const [from, to] = (await play.isVisible()) ? [play, pause] : [pause, play];
  await from.click();
  await expect(to).toBeVisible({ timeout: ANSWER_MS });
}

test(`hostile links (seed ${FUZZ_SEED}): the page answers, renders no URL text as HTML, and names everything it refused`, async ({
  page,
}) => {
  test.setTimeout(180_000);
  const links = fuzzLinks(LINKS);
  const seen = watch(page);
  // The address the page boots from, before it rewrites it into its own link.
  await page.addInitScript(() => {
    (window as unknown as { __bootSearch: string }).__bootSearch = location.search;
  });
  await serveLongLinks(page);
  const pages = { full: 0, embed: 0, compare: 0 };
  let refusals = 0;
  let embedChecks = 0;
  const started = Date.now();
  const times: [number, string][] = [];
  for (const link of links) {
    const linkStarted = Date.now();
    await test.step(link.slice(0, 100), async () => {
      await page.goto(`/?${link}`, { waitUntil: 'commit' });
      const search = await page.evaluate(() => (window as unknown as { __bootSearch: string }).__bootSearch);
      const expected = linkRefusals(search.replace(/^\?/, ''));
      pages[expected.page]++;
      refusals += expected.problems.length;

      // (a) It answers: the heading (or, embedded, the controls) and a Play/Pause that responds.
      if (expected.page === 'embed') await expect(page.getByRole('region', { name: 'Simulation controls' })).toBeVisible();
      else await expect(page.getByRole('heading', { level: 1 })).toContainText('cpumap-scope', { timeout: ANSWER_MS });
      // The scenario has loaded (the link notice's scenario problems come with it).
      const loaded =
        expected.page === 'compare'
          ? page.getByRole('region', { name: 'Topology of run B' })
          : page.getByRole('button', { name: 'CPU 0', exact: true });
      await expect(loaded).toBeVisible({ timeout: ANSWER_MS });

      // (c) The notice names exactly what the parsers refused: the first in full as they word them, the rest by parameter.
      const notice = page.getByRole('alert', { name: 'Problems in the link' });
      if (expected.problems.length === 0) await expect(notice).toHaveCount(0);
      else {
        const { listed, more } = summarizeProblems(expected.problems);
        await expect(notice).toContainText(
          `This link has ${expected.problems.length === 1 ? 'a problem' : `${grouped(expected.problems.length)} problems`}.`,
          {
            timeout: ANSWER_MS,
          },
        );
        expect(await notice.getByRole('listitem').allTextContents()).toEqual(listed.map((p) => p.message));
        if (more !== null) await expect(notice.getByText(more, { exact: true })).toBeVisible();
      }
      if (expected.lessonProblem !== null) await expect(page.getByText(expected.lessonProblem, { exact: true })).toBeVisible();

      await settleLessonStep(page, search.replace(/^\?/, ''), expected.view);
      await expectPlayPauseAnswers(page);
      if (expected.page === 'full' && embedChecks++ % 3 === 0) await expectCleanEmbedCode(page);
      // (b) and (d): nothing injected, no dialog, no uncaught error.
      expect(await injections(page)).toEqual(CLEAN);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    });
    times.push([Date.now() - linkStarted, link.slice(0, 60)]);
  }
  const slowest = times.sort((a, b) => b[0] - a[0]).slice(0, 5);
  console.log(`fuzz: slowest links ${slowest.map(([ms, l]) => `${ms} ms ${l}`).join(' | ')}`);
  console.log(
    `fuzz: ${links.length} hostile links (${pages.full} full, ${pages.embed} embedded, ${pages.compare} side by side), ` +
      `${refusals} refusals listed, ${Math.ceil(embedChecks / 3)} embed codes checked, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});

test(`hostile scenario files: a refusal in the file's terms or a clean load, nothing injected`, async ({ page }) => {
  test.setTimeout(60_000);
  const files = fuzzFiles();
  const seen = watch(page);
  await page.goto('/?paused=1');
  await expect(page.getByRole('button', { name: 'CPU 0', exact: true })).toBeVisible();
  const scenario = page.getByRole('region', { name: 'Scenario' });
  const input = page.getByLabel('Open scenario file');
  const started = Date.now();
  for (const file of files) {
    await test.step(file.label, async () => {
      await input.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.bytes });
      // The browser reads the file as UTF-8, dropping a byte order mark and replacing invalid bytes.
      const expected = readScenarioFile(new TextDecoder().decode(file.bytes), file.bytes.length);
      if (expected.ok) {
        // The address bar is the page's link: the file's scenario, and the view.
        await expect.poll(() => linkScenarioQuery(new URL(page.url()).search.slice(1), [])).toBe(expected.query);
        await expect(scenario.getByRole('alert')).toHaveCount(0);
      } else {
        await expect(scenario.getByRole('alert')).toHaveText(`${file.name}: ${expected.message}`);
      }
      await expectPlayPauseAnswers(page);
      expect(await injections(page)).toEqual(CLEAN);
      expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted ?? null)).toBeNull();
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    });
  }
  console.log(`fuzz: ${files.length} hostile scenario files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
