import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { open, scrollTo } from './helpers';

/** Clicks `button` and returns the downloaded file's name and content. */
async function download(page: Page, button: Locator): Promise<{ name: string; data: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), data: await readFile(await pathOf(file)) };
}

async function pathOf(d: Download): Promise<string> {
  const path = await d.path();
  expect(path).toBeTruthy();
  return path;
}

const QUERY = 'cpus=4&rx=0&entries=2:64,3:64&rate=2M&prog=rr';

/** Scrolls `region` into view until `ready` is there (panels update only while on screen; the layout may move under them). */
async function showUntil(region: Locator, ready: Locator): Promise<void> {
  await expect(async () => {
    await scrollTo(region);
    await expect(ready).toBeAttached({ timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
}

test('the trace log downloads as trace_pipe text', async ({ page }) => {
  await open(page, `${QUERY}&speed=max`);
  const log = page.getByRole('region', { name: 'Trace log' });
  await showUntil(log, log.getByRole('list', { name: 'trace_pipe' }).getByText('xdp_cpumap_').first());
  const { name, data } = await download(page, log.getByRole('button', { name: 'Download trace' }));
  expect(name).toBe('cpumap-trace.txt');
  const lines = data.toString('utf8').trimEnd().split('\n');
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.some((l) => /xdp_cpumap_(enqueue|kthread): /.test(l))).toBe(true);
  for (const l of lines) expect(l).toMatch(/^\s*\S.* \[?\d*\]?.*\d+\.\d{6}: /);
});

test('the statistics download as CSV and as JSON with the CLI keys', async ({ page }) => {
  await open(page, `${QUERY}&speed=max`);
  const stats = page.getByRole('region', { name: 'Statistics' });
  await showUntil(stats, stats.getByRole('table', { name: /^xdp_redirect_cpu/ }));

  const csv = await download(page, stats.getByRole('button', { name: 'Download CSV' }));
  expect(csv.name).toBe('cpumap-stats.csv');
  const rows = csv.data
    .toString('utf8')
    .trimEnd()
    .split('\r\n')
    .map((r) => r.split(','));
  const header = rows[0];
  expect(header.slice(0, 10)).toEqual(['end_ns', 'period_ns', 'partial', 'kind', 'from', 'to', 'cpu', 'pps', 'drop_pps', 'extra']);
  expect(header).toContain('idle_share');
  expect(header).toContain('p99_ns');
  const body = rows.slice(1);
  expect(body.length).toBeGreaterThan(0);
  const pps = header.indexOf('pps');
  const kind = (r: string[]) => r[header.indexOf('kind')];
  for (const r of body) {
    expect(r).toHaveLength(header.length);
    if (kind(r) !== 'headroom' && kind(r) !== 'latency') expect(Number.isFinite(Number(r[pps])) && r[pps] !== '').toBe(true);
  }
  expect(body.some((r) => kind(r) === 'kthread' && Number(r[pps]) > 0)).toBe(true);
  // CPU 2 is a target: its headroom and its latency.
  expect(body.some((r) => kind(r) === 'headroom' && r[header.indexOf('cpu')] === '2' && Number(r[header.indexOf('idle_share')]) < 1)).toBe(
    true,
  );
  expect(body.some((r) => kind(r) === 'latency' && r[header.indexOf('cpu')] === '2' && Number(r[header.indexOf('p50_ns')]) > 0)).toBe(true);

  const json = await download(page, stats.getByRole('button', { name: 'Download JSON' }));
  expect(json.name).toBe('cpumap-stats.json');
  const report = JSON.parse(json.data.toString('utf8')) as Record<string, unknown>;
  for (const key of [
    'scenario',
    'simulatedNs',
    'rx',
    'enqueue',
    'kthread',
    'redirectErrPps',
    'ops',
    'frames',
    'latency',
    'headroom',
    'violations',
    'samples',
  ])
    expect(report).toHaveProperty(key);
  expect(report.scenario).toContain('cpus=4');
  expect(report.simulatedNs).toBeGreaterThan(0);
  expect((report.samples as unknown[]).length).toBeGreaterThan(0);
  expect((report.frames as { offered: number }).offered).toBeGreaterThan(0);
});

test('charts save as SVG and PNG', async ({ page }) => {
  await open(page, `${QUERY}&speed=max`);
  const stats = page.getByRole('region', { name: 'Statistics' });
  const chart = stats.getByRole('figure').first();
  await showUntil(stats, chart.locator('svg path').first());

  const svg = await download(page, chart.getByRole('button', { name: 'Save SVG' }));
  expect(svg.name).toMatch(/^cpumap-\w+\.svg$/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror') !== null,
      root: doc.documentElement.localName,
      paths: doc.querySelectorAll('path').length,
    };
  }, svg.data.toString('utf8'));
  expect(parsed).toMatchObject({ error: false, root: 'svg' });
  expect(parsed.paths).toBeGreaterThan(0);
  expect(svg.data.toString('utf8')).toContain('<svg');
  // The page's CSS colours are written inline (axes use currentColor).
  expect(svg.data.toString('utf8')).toMatch(/style="[^"]*stroke: rgb\(/);

  const png = await download(page, chart.getByRole('button', { name: 'Save PNG' }));
  expect(png.name).toMatch(/^cpumap-\w+\.png$/);
  expect([...png.data.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test('a downloaded scenario file opens back, and a bad one is refused', async ({ page }) => {
  await open(page, `${QUERY}&paused=1`);
  const scenario = page.getByRole('region', { name: 'Scenario' });
  const form = page.getByRole('form', { name: 'Scenario' });
  await expect(form.getByLabel('CPUs')).toHaveValue('4');
  const file = await download(page, scenario.getByRole('button', { name: 'Download scenario' }));
  expect(file.name).toBe('cpumap-scenario.json');
  const content = JSON.parse(file.data.toString('utf8')) as { version: number; query: string; scenario: { cpus: number } };
  expect(content.version).toBe(1);
  expect(content.scenario.cpus).toBe(4);

  // Load something else, then open the file.
  await form.getByLabel('CPUs').fill('16');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.url()).toContain('cpus=16');
  await expect(form.getByLabel('CPUs')).toHaveValue('16');

  const input = page.getByLabel('Open scenario file');
  await input.setInputFiles({ name: 'cpumap-scenario.json', mimeType: 'application/json', buffer: file.data });
  await expect.poll(() => page.url()).toContain('cpus=4');
  await expect(form.getByLabel('CPUs')).toHaveValue('4');
  await expect(form.getByLabel('Entries')).toHaveValue('2:64,3:64');
  await expect(page.getByRole('button', { name: 'CPU 15', exact: true })).not.toBeAttached();

  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('cpus=2') });
  await expect(scenario.getByRole('alert')).toContainText('not JSON');
  await input.setInputFiles({
    name: 'old.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 7, query: 'cpus=2' })),
  });
  await expect(scenario.getByRole('alert')).toContainText('version 7');
  await input.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, query: 'cpus=999' })),
  });
  await expect(scenario.getByRole('alert')).toContainText('cpus');
  expect(page.url()).toContain('cpus=4');
});
