/** Running a long stretch of simulated time at once, in slices. */
import type { RunState } from './timeline';
import { FAST_FORWARD_SLICE_NS } from './settings';

/**
 * Runs `state` to simulated time `t` in slices of FAST_FORWARD_SLICE_NS, calling `afterSlice`
 * with each slice's wall time (read from `clock`): the caller takes checkpoints and tells the page
 * it is alive between slices. Slicing changes nothing (the engine is deterministic).
 */
export function runInSlices(state: RunState, t: number, clock: () => number, afterSlice: (wallMs: number) => void): void {
  const { engine, sampler } = state;
  while (engine.now < t) {
    const start = clock();
    sampler.runUntil(engine, Math.min(t, engine.now + FAST_FORWARD_SLICE_NS));
    afterSlice(clock() - start);
  }
}
