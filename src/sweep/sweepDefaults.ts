/**
 * How long each sweep point runs by default. A window is as `npm run sim` takes it: the run ends
 * at `durationNs` of simulated time and rates are measured after `warmupNs`.
 */
import type { PointWindow } from './runPoint';

/** The page's Sweep panel: 100 ms measured after a 20 ms warm-up, so a few points take seconds. */
export const PAGE_SWEEP_WINDOW: PointWindow = { warmupNs: 20e6, durationNs: 120e6 };

/** `npm run sweep`: as `--duration 1s --warmup 100ms`, 900 ms measured. */
export const CLI_SWEEP_WINDOW: PointWindow = { warmupNs: 100e6, durationNs: 1e9 };

/** Longest measured span a page sweep point may ask for (each point runs it whole in a worker). */
export const MOST_PAGE_MEASURED_NS = 10e9;
