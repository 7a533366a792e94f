/**
 * The explorer left running in Chromium at real time (one simulated second per wall second), as
 * on a classroom projector: page and worker memory (JS heap and ArrayBuffers, after a forced GC)
 * at the start and the end,
 * the rate of messages from the worker, and what the page holds (trace lines, statistics samples,
 * DOM nodes). The first minute is a warm-up: bounded caches (time-travel checkpoints: 64 MiB,
 * the trace log: 2,000 lines) fill in it, so growth is measured from its end.
 *
 *   npm run bench:soak [-- --minutes 10 --warmup 60]
 */
import type { Browser, CDPSession, Page } from '@playwright/test';
import { buildApp, hooks, withServedApp, type Hooks } from './browserServer';

const PORT = 4178;
const MIB = 1024 * 1024;
const GROWTH_GOAL = 0.1;

interface Options {
  minutes: number;
  warmupSeconds: number;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { minutes: 10, warmupSeconds: 60 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const n = Number(value);
    if (flag === '--minutes' && Number.isFinite(n) && n > 0 && n <= 120) opts.minutes = n;
    else if (flag === '--warmup' && Number.isFinite(n) && n >= 0 && n <= 600) opts.warmupSeconds = n;
    else {
      throw new Error(
        `bench:soak: ${JSON.stringify(flag)} ${value === undefined ? '(no value)' : JSON.stringify(value)} is not allowed; ` +
          'use --minutes N (0 < N <= 120) and --warmup SECONDS (0 to 600)',
      );
    }
  }
  if (opts.warmupSeconds >= opts.minutes * 60) throw new Error('bench:soak: the warm-up must be shorter than the run');
  return opts;
}

/** A CDP session on the worker, through the browser's session (Playwright opens sessions on pages only). */
async function workerSession(browser: Browser): Promise<(method: string) => Promise<Record<string, number>>> {
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && t.title === 'cpumap-sim');
  if (target === undefined) throw new Error('bench:soak: the simulation worker is not running');
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 1;
  const waiting = new Map<number, (result: Record<string, number>) => void>();
  session.on('Target.receivedMessageFromTarget', (event) => {
    const msg = JSON.parse(event.message) as { id?: number; result?: Record<string, number> };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result ?? {});
  });
  return (method) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
}

interface Sample {
  wallS: number;
  simS: number;
  pageHeap: number;
  workerHeap: number;
  messages: number;
  traceLines: number;
  statsSamples: number;
  domNodes: number;
  actualSpeed: number;
}

async function sample(
  page: Page,
  pageCdp: CDPSession,
  worker: (m: string) => Promise<Record<string, number>>,
  t0: number,
): Promise<Sample> {
  await pageCdp.send('HeapProfiler.collectGarbage');
  await worker('HeapProfiler.collectGarbage');
  // JS heap plus ArrayBuffer backing stores: the engine's rings and checkpoints are typed arrays.
  const pageUsage = await pageCdp.send('Runtime.getHeapUsage');
  const workerUsage = await worker('Runtime.getHeapUsage');
  const pageHeap = pageUsage.usedSize + pageUsage.backingStorageSize;
  const workerHeap = workerUsage.usedSize + workerUsage.backingStorageSize;
  const s = await page.evaluate(() => (window as unknown as { __cpumapScope: Hooks }).__cpumapScope.state());
  return {
    wallS: (Date.now() - t0) / 1000,
    simS: s.simNs / 1e9,
    pageHeap,
    workerHeap,
    messages: s.messages,
    traceLines: s.traceLines,
    statsSamples: s.statsSamples,
    domNodes: s.domNodes,
    actualSpeed: s.actualSpeed,
  };
}

function row(s: Sample, previous: Sample | null): string {
  const rate = previous === null ? NaN : (s.messages - previous.messages) / (s.wallS - previous.wallS);
  return (
    `  ${s.wallS.toFixed(0).padStart(5)} s  simulated ${s.simS.toFixed(1).padStart(6)} s  ` +
    `page memory ${(s.pageHeap / MIB).toFixed(1).padStart(5)} MiB  worker memory ${(s.workerHeap / MIB).toFixed(1).padStart(5)} MiB  ` +
    `messages ${Number.isNaN(rate) ? '    -' : rate.toFixed(1).padStart(5)}/s  trace lines ${String(s.traceLines).padStart(4)}  ` +
    `samples ${String(s.statsSamples).padStart(3)}  DOM nodes ${s.domNodes}`
  );
}

function growth(label: string, from: number, to: number): string {
  const g = (to - from) / from;
  return `  ${label}: ${(from / MIB).toFixed(1)} -> ${(to / MIB).toFixed(1)} MiB, growth ${(g * 100).toFixed(1)}% (goal < ${GROWTH_GOAL * 100}%)${g < GROWTH_GOAL ? '' : '  ** over the goal **'}`;
}

async function soak(browser: Browser, base: string, opts: Options): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(base + '/');
  await hooks(page);
  await page.evaluate(() => {
    const h = (window as unknown as { __cpumapScope: Hooks }).__cpumapScope;
    h.setSpeed(1e9);
    h.send({ type: 'trace', on: true });
    h.send({ type: 'play' });
  });
  const pageCdp = await page.context().newCDPSession(page);
  const worker = await workerSession(browser);
  const t0 = Date.now();
  const samples: Sample[] = [await sample(page, pageCdp, worker, t0)];
  console.log(`Explorer in Chromium at real time, default scenario, ${opts.minutes} min (warm-up ${opts.warmupSeconds} s)`);
  console.log(row(samples[0], null));
  const marks = [opts.warmupSeconds];
  for (let m = 1; m * 60 <= opts.minutes * 60; m++) if (m * 60 > opts.warmupSeconds) marks.push(m * 60);
  for (const at of [...new Set(marks)].sort((a, b) => a - b)) {
    const wait = t0 + at * 1000 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    const s = await sample(page, pageCdp, worker, t0);
    console.log(row(s, samples[samples.length - 1]));
    samples.push(s);
  }
  const start = samples[1];
  const end = samples[samples.length - 1];
  const rates = samples.slice(2).map((s, i) => (s.messages - samples[i + 1].messages) / (s.wallS - samples[i + 1].wallS));
  console.log(growth('page memory after the warm-up', start.pageHeap, end.pageHeap));
  console.log(growth('worker memory after the warm-up', start.workerHeap, end.workerHeap));
  console.log(
    `  from the first sample: page ${(samples[0].pageHeap / MIB).toFixed(1)} MiB, worker ${(samples[0].workerHeap / MIB).toFixed(1)} MiB ` +
      '(the worker fills its 64 MiB time-travel budget in the warm-up)',
  );
  if (rates.length > 0) {
    console.log(`  messages from the worker: ${Math.min(...rates).toFixed(1)} to ${Math.max(...rates).toFixed(1)} per second per minute`);
  }
  console.log(
    `  trace lines held: at most ${Math.max(...samples.map((s) => s.traceLines))} (bound 2,000); statistics samples at most ` +
      `${Math.max(...samples.map((s) => s.statsSamples))} (bound 600); DOM nodes ${start.domNodes} -> ${end.domNodes}`,
  );
  console.log(
    `  simulated ${(end.simS - start.simS).toFixed(1)} s in ${(end.wallS - start.wallS).toFixed(0)} s of wall time after the warm-up ` +
      `(real-time factor ${((end.simS - start.simS) / (end.wallS - start.wallS)).toFixed(3)})`,
  );
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  buildApp();
  await withServedApp(PORT, (browser, base) => soak(browser, base, opts));
}

await main();
