/**
 * The rates row under the topology, read as a screen reader reads it: the "Rates" table, one row
 * per figure with the canvas's label, its value (formatPps) and its kind, and under it the window
 * of simulated time the measured figures cover (exact bounds in data attributes) or why they are
 * "–".
 *
 * Every figure is checked against the scenario and the engine, not against the page itself:
 * - offered equals the configured load at the row's time (the scenario's rate, or the latest rate
 *   op in effect), worked out here from the query;
 * - a measured figure equals the same difference of the engine's frame counters, run headless here
 *   to the window's two bounds, over the window's simulated time. The engine is deterministic for a
 *   seed, so the tolerance is floating-point rounding only (1e-9 relative, and the same text);
 * - a window meets the rule (at least 1 ms and 1,000 frames expected at the offered load), and a
 *   "–" is right: even the whole run so far, [0, now], falls short of it.
 *
 * Nothing here depends on the machine's speed: the page's window depends on wall time, but the
 * test reads the window the page states and measures that one.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { Engine, type FrameTotals } from '../src/engine/engine';
import { noFrameTotals } from '../src/engine/frameTotals';
import { LESSONS } from '../src/lessons';
import type { Lesson } from '../src/lessons/types';
import { lineRatePps } from '../src/scenario/defaults';
import { parseScenario } from '../src/scenario/parse';
import { PRESETS } from '../src/scenario/presets';
import type { Scenario } from '../src/scenario/types';
import { formatPps } from '../src/ui/topology/rates';
import { open, pause, simNs, scrollTo } from './helpers';

/** The figures in the row's order, labelled as on the canvas. */
const FIGURES = [
  ['offered', 'offered'],
  ['nicDropped', 'NIC drop'],
  ['redirectErr', 'redirect err'],
  ['ringFull', 'ring full'],
  ['xdpDropped', 'XDP_DROP'],
  ['stackDropped', 'stack drop'],
  ['delivered', 'delivered'],
] as const;
type Measured = Exclude<(typeof FIGURES)[number][0], 'offered'>;
const MEASURED = FIGURES.slice(1).map(([f]) => f) as Measured[];
const KIND: Record<Measured, string> = {
  nicDropped: 'lost',
  redirectErr: 'lost',
  ringFull: 'lost',
  xdpDropped: 'verdict',
  stackDropped: 'verdict',
  delivered: 'verdict',
};

/** The rule the README states: a window of at least 1 ms and 1,000 frames at the offered load. */
const MIN_WINDOW_NS = 1e6;
const MIN_FRAMES = 1000;
const meetsRule = (spanNs: number, frames: number) => spanNs >= MIN_WINDOW_NS && (frames >= MIN_FRAMES || frames === 0);

/** Relative tolerance between the page and the headless engine over the same window. */
const TOLERANCE = 1e-9;

interface RatesRow {
  label: string;
  text: string;
  pps: number | null;
  kind: string;
}

interface RatesRead {
  atNs: number;
  measured: boolean;
  fromNs: number | null;
  toNs: number | null;
  rows: RatesRow[];
  /** The sentence under the table: the window, or why there is none. */
  foot: string;
}

function ratesTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Rates', exact: true });
}

/** Reads the whole table in one go (it changes while the run plays). */
async function readRates(page: Page): Promise<RatesRead> {
  const table = ratesTable(page);
  await expect(table.getByRole('rowheader')).toHaveText(FIGURES.map(([, label]) => label));
  return table.evaluate((el: HTMLElement) => {
    const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
    const rows = [...el.querySelectorAll('tbody tr')].map((tr) => {
      const cells = tr.querySelectorAll('td');
      return {
        label: tr.querySelector('th')?.textContent ?? '',
        text: cells[0]?.textContent ?? '',
        pps: num((cells[0] as HTMLElement | undefined)?.dataset.pps),
        kind: cells[1]?.textContent ?? '',
      };
    });
    return {
      atNs: Number(el.dataset.atNs),
      measured: el.dataset.measured === 'true',
      fromNs: num(el.dataset.windowFromNs),
      toNs: num(el.dataset.windowToNs),
      rows,
      foot: el.querySelector('tfoot')?.textContent ?? '',
    };
  });
}

/** Waits until the row is as of simulated time `ns` (the paused clock), then reads it. */
async function ratesAt(page: Page, ns: number): Promise<RatesRead> {
  await expect.poll(async () => Number(await ratesTable(page).getAttribute('data-at-ns')), { timeout: 30_000 }).toBeCloseTo(ns, 0);
  return readRates(page);
}

/** The paused clock, in whole ns. */
async function clockNs(page: Page): Promise<number> {
  return Math.round(await simNs(page));
}

function scenarioOf(query: string): Scenario {
  const { scenario, problems } = parseScenario(query);
  expect(problems, query).toEqual([]);
  return scenario;
}

/** The configured load: its rate at `t`, and the frames it offers between two times. */
function configuredLoad(query: string) {
  const s = scenarioOf(query);
  const line = lineRatePps(s.link, s.size);
  // Steps of the rate: from each rate op's time on (a later op at the same time wins).
  const steps: { at: number; pps: number }[] = [{ at: 0, pps: s.rate }];
  for (const op of s.ops) if (op.op === 'rate') steps.push({ at: op.at, pps: Math.min(op.rate, line) });
  steps.sort((a, b) => a.at - b.at);
  const ppsAt = (t: number) => steps.filter((x) => x.at <= t).at(-1)!.pps;
  const framesTo = (t: number) => {
    let n = 0;
    for (let i = 0; i < steps.length && steps[i].at <= t; i++)
      n += (steps[i].pps * (Math.min(t, steps[i + 1]?.at ?? Infinity) - steps[i].at)) / 1e9;
    return n;
  };
  return { ppsAt, frames: (a: number, b: number) => framesTo(b) - framesTo(a) };
}

/** The engine's frame counters at each time of `times` (ascending), every arrival up to then received. */
function engineCounts(query: string, times: number[]): FrameTotals[] {
  const engine = new Engine(scenarioOf(query));
  return times.map((t) => {
    if (t === 0) return noFrameTotals();
    engine.runUntil(t);
    engine.receiveArrivals();
    return engine.frameTotals();
  });
}

/**
 * Checks the row against the scenario and the engine (see the file's comment); returns the engine's
 * rates for the page's window (null when the page shows "–").
 */
function checkRates(query: string, r: RatesRead): Record<Measured, number> | null {
  const load = configuredLoad(query);
  expect(r.rows.map((x) => x.label)).toEqual(FIGURES.map(([, label]) => label));
  // Offered: the configured load at the row's time.
  const offered = r.rows[0];
  expect(offered.text).toBe(formatPps(load.ppsAt(r.atNs)));
  expect(offered.pps).toBe(load.ppsAt(r.atNs));
  expect(offered.kind).toMatch(/^configured load/);
  MEASURED.forEach((f, i) => expect(r.rows[i + 1].kind.startsWith(KIND[f]), `${f} is ${KIND[f]}: ${r.rows[i + 1].kind}`).toBe(true));
  expect(r.rows[5].kind).toContain('not a loss');

  if (!r.measured) {
    for (const row of r.rows.slice(1)) expect(row.text, row.label).toBe('–');
    expect(r.foot).toMatch(/Measured: – too (little simulated time|few frames offered) for a rate/);
    // Right to say so: even the whole run so far is too short a window.
    expect(meetsRule(r.atNs, load.frames(0, r.atNs))).toBe(false);
    return null;
  }
  const from = r.fromNs!;
  const to = r.toNs!;
  expect(to).toBe(r.atNs);
  expect(meetsRule(to - from, load.frames(from, to)), `window [${from}, ${to}] meets the rule`).toBe(true);
  const spanMs = ((to - from) / 1e6).toFixed(1);
  expect(r.foot).toContain(`Measured over the last ${spanMs} ms of simulated time`);
  const [a, b] = engineCounts(query, [from, to]);
  const perS = 1e9 / (to - from);
  const out = {} as Record<Measured, number>;
  MEASURED.forEach((f, i) => {
    const want = (b[f] - a[f]) * perS;
    out[f] = want;
    const row = r.rows[i + 1];
    expect(row.text, `${row.label} over [${from}, ${to}]`).toBe(formatPps(want));
    expect(Math.abs((row.pps ?? NaN) - want), `${row.label}: page ${row.pps}, engine ${want}`).toBeLessThanOrEqual(
      TOLERANCE * Math.max(1, want),
    );
  });
  return out;
}

function lesson(id: string): Lesson {
  const l = LESSONS.find((x) => x.id === id);
  if (l === undefined) throw new Error(`no lesson ${id}`);
  return l;
}

/** Opens a lesson step from its link and waits for its checkpoint; returns the row there. */
async function atCheckpoint(page: Page, l: Lesson, n: number): Promise<RatesRead> {
  const step = l.steps[n - 1];
  await open(page, `${step.query}&lesson=${l.id}&step=${n}`);
  const panel = page.getByRole('region', { name: 'Lesson' });
  await expect(panel.getByRole('heading', { name: step.title })).toBeVisible();
  if (step.predict !== undefined) {
    const box = panel.getByRole('group', { name: 'Predict, then run' });
    await box.getByLabel(/Your guess/).fill('1');
    await box.getByRole('button', { name: 'Run to check' }).click();
  }
  await expect.poll(() => simNs(page), { timeout: 45_000 }).toBe(step.pauseAt);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  return ratesAt(page, step.pauseAt);
}

test('one-frame step 1: offered is the configured 10 kpps; the measured figures wait for enough simulated time', async ({ page }) => {
  const l = lesson('one-frame');
  const r = await atCheckpoint(page, l, 1);
  expect(r.rows[0].text).toBe('10.0 kpps');
  expect(r.measured).toBe(false);
  expect(r.foot).toContain('too little simulated time for a rate (9.6 µs so far, 100.0 ms needed)');
  checkRates(l.steps[0].query, r);
});

test('bulk-queues step 4: 1 Mpps offered, and delivered as the engine counts it over the run so far', async ({ page }) => {
  const l = lesson('bulk-queues');
  const step = l.steps[3];
  const r = await atCheckpoint(page, l, 4);
  expect(r.rows[0].text).toBe('1.00 Mpps');
  // Loaded at 5.049 ms and played 2 µs: no kept snapshot is 1 ms back, so the window is the run.
  expect(r.measured).toBe(true);
  expect(r.fromNs).toBe(0);
  const got = checkRates(step.query, r)!;
  // Nothing is lost at 1 Mpps: what is offered is delivered, but for the frames still in flight.
  expect(got.delivered).toBeGreaterThan(0.985e6);
  expect(got.ringFull + got.nicDropped + got.redirectErr).toBe(0);
});

test('teardown: every step agrees with the engine, and two checkpoints 7 µs apart agree with each other', async ({ page }) => {
  test.setTimeout(60_000 + 30_000 * 7);
  const l = lesson('teardown');
  const delivered: number[] = [];
  for (let n = 1; n <= l.steps.length; n++) {
    const r = await atCheckpoint(page, l, n);
    const got = checkRates(l.steps[n - 1].query, r);
    expect(got, `step ${n} starts at ${l.steps[n - 1].startAt} ns: enough for a rate`).not.toBeNull();
    delivered.push(got!.delivered);
  }
  // Steps 1 and 2 pause at 20.0029 and 20.010 ms: their rates describe the same load.
  expect(Math.abs(delivered[1] - delivered[0]) / delivered[0]).toBeLessThan(0.02);
});

test('the default page after five Steps: 1 Mpps offered, and "–" until enough simulated time has passed', async ({ page }) => {
  await open(page);
  await pause(page);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 5; i++) {
    const before = await ratesTable(page).getAttribute('data-at-ns');
    await step.click();
    await expect.poll(() => ratesTable(page).getAttribute('data-at-ns')).not.toBe(before);
  }
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const r = await ratesAt(page, await clockNs(page));
  expect(r.rows[0].text).toBe('1.00 Mpps');
  expect(r.measured).toBe(false);
  checkRates('', r);
});

for (const id of ['line-rate-4', 'overload']) {
  const preset = PRESETS.find((p) => p.id === id)!;
  test(`preset "${preset.title}" played for a while: every figure as the engine counts it over the window the page states`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await open(page, `${preset.query}&speed=1000000`);
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
    // Played until the window is a recent stretch of the run, well past its start.
    await expect
      .poll(async () => Number((await ratesTable(page).getAttribute('data-window-from-ns')) ?? 0), { timeout: 90_000 })
      .toBeGreaterThan(3e6);
    await pause(page);
    const r = await ratesAt(page, await clockNs(page));
    expect(r.measured).toBe(true);
    expect(r.fromNs).toBeGreaterThan(3e6);
    const got = checkRates(preset.query, r)!;
    if (id === 'line-rate-4') {
      // "Nothing is dropped": no losses; what the stack drops is its verdict, said as such.
      expect(r.rows[0].text).toBe('14.88 Mpps');
      expect(got.nicDropped + got.redirectErr + got.ringFull).toBe(0);
      expect(got.stackDropped).toBeGreaterThan(14e6);
      const stats = page.getByRole('region', { name: 'Statistics' });
      await scrollTo(stats);
      await expect(stats).toContainText('cpumap_kthread drop-pps counts only NET_RX_DROP');
      await expect(stats).toContainText('iptables drops every SKB on purpose');
    } else {
      // One kthread manages about 3.2 Mpps of 14.7: the full ring refuses the rest, a loss.
      expect(r.rows[0].text).toBe('14.70 Mpps');
      expect(got.ringFull).toBeGreaterThan(got.delivered);
      expect(got.delivered).toBeGreaterThan(3e6);
      expect(r.rows[3].kind).toMatch(/^lost/);
    }
  });
}
