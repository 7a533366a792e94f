/**
 * One sweep point run headless, as `npm run sim -- '<query>' --warmup W --duration D --json` runs
 * it: the same engine, the same window, the same report. Free of Node and the DOM, so the CLI's
 * worker threads and the page's Web Workers both run points with it.
 */
// The later kernels' code (6.15+ GRO): a sweep may vary the kernel up to 6.18.
import '../engine/kernel/lateKernelInstall';
import { Engine } from '../engine/engine';
import { measureReport, type RunReport } from '../cli/report';
import type { Scenario } from '../scenario/types';

export interface PointWindow {
  warmupNs: number;
  durationNs: number;
}

/** The report of `scenario` measured over [warmupNs, durationNs], or why the map create failed. */
export function runPoint(scenario: Scenario, window: PointWindow): { ok: true; report: RunReport } | { ok: false; message: string } {
  const engine = new Engine(scenario, { traceCapacity: 0 });
  if (engine.createResult.result !== '0') {
    return { ok: false, message: `BPF_MAP_CREATE failed: ${engine.createResult.result} (${engine.createResult.reason})` };
  }
  return { ok: true, report: measureReport(engine, window.warmupNs, window.durationNs) };
}
