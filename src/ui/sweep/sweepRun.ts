/**
 * The Sweep panel's run: the points of its axes over the page's scenario, each point's scenario
 * checked here (a point the scenario refuses is that point's error at once) and the rest run on
 * the worker pool. Kept outside the panel, so closing and reopening it shows the same sweep. The
 * start and end are on the page hooks (`__cpumapScope.sweep`) for the browser bench.
 */
import { create } from 'zustand';
import { pointScenario } from '../../sweep/pointScenario';
import type { PointWindow } from '../../sweep/runPoint';
import { sweepPoints, type SweepAxis, type SweepVary } from '../../sweep/sweepSpec';
import type { SweepRow } from '../../sweep/sweepTable';
import type { SweepJob } from '../../worker/sweepProtocol';
import { poolSize, runPool, type PoolRun, type PoolWorker } from './sweepPool';

export type PointResult = SweepRow['result'];

export interface SweepRunState {
  axes: SweepAxis[];
  /** The scenario query the points are over. */
  base: string;
  window: PointWindow;
  points: SweepVary[];
  /** Each point's scenario query, or null for one the scenario refuses. */
  queries: (string | null)[];
  /** Each point's result by index; null while it is still to come. */
  results: (PointResult | null)[];
  status: 'idle' | 'running' | 'done' | 'cancelled';
  workers: number;
}

export const useSweepRun = create<SweepRunState>(() => ({
  axes: [],
  base: '',
  window: { warmupNs: 0, durationNs: 0 },
  points: [],
  queries: [],
  results: [],
  status: 'idle',
  workers: 0,
}));

let current: PoolRun | null = null;

function spawnSweepWorker(): PoolWorker {
  return new Worker(new URL('../../worker/sweepWorker.ts', import.meta.url), {
    type: 'module',
    name: 'cpumap-sweep',
  }) as unknown as PoolWorker;
}

/** Places point `index`'s result. */
function land(index: number, result: PointResult): void {
  useSweepRun.setState((s) => {
    const results = s.results.slice();
    results[index] = result;
    return { results };
  });
}

/** Starts the sweep of `axes` over `base` (replacing a running one). */
export function startSweep(
  axes: SweepAxis[],
  base: string,
  window: PointWindow,
  spawn: () => PoolWorker = spawnSweepWorker,
  cores: number | undefined = globalThis.navigator?.hardwareConcurrency,
): void {
  current?.cancel();
  const points = sweepPoints(axes);
  const scenarios = points.map((vary) => pointScenario(base, vary));
  const jobs: SweepJob[] = [];
  scenarios.forEach((p, index) => {
    if (p.ok) jobs.push({ index, query: p.query, window });
  });
  const workers = jobs.length === 0 ? 0 : poolSize(cores, jobs.length);
  useSweepRun.setState({
    axes,
    base,
    window,
    points,
    queries: scenarios.map((p) => (p.ok ? p.query : null)),
    results: scenarios.map((p) => (p.ok ? null : { ok: false, message: p.messages.join('; ') })),
    status: 'running',
    workers,
  });
  const hooks = globalThis.window?.__cpumapScope;
  const timing = { points: points.length, workers, startedAt: performance.now(), endedAt: null as number | null };
  if (hooks !== undefined) hooks.sweep = timing;
  const run = runPool(jobs, {
    size: workers,
    spawn,
    onReply: (r) => land(r.index, r.ok ? { ok: true, report: r.report } : { ok: false, message: r.message }),
    onDone: () => {
      if (current !== run) return;
      current = null;
      timing.endedAt = performance.now();
      useSweepRun.setState({ status: 'done' });
    },
  });
  current = run;
}

/** Stops the sweep: its workers are terminated, the points done stay. */
export function cancelSweep(): void {
  if (current === null) return;
  current.cancel();
  current = null;
  useSweepRun.setState({ status: 'cancelled' });
}

/** Points with a result. */
export function doneCount(results: readonly (PointResult | null)[]): number {
  return results.filter((r) => r !== null).length;
}
