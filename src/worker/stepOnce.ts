/** Stepping the engine by the explorer's units. */
import type { Engine } from '../engine/engine';
import type { StepUnit } from './protocol';

/** A step gives up after this much simulated time (a poll or batch that never comes). */
export const STEP_LIMIT_NS = 1e9;

/**
 * Steps `engine` by one unit: the next event, the next NAPI poll, or the next kthread loop
 * iteration; false when none came within STEP_LIMIT_NS. `onEvent` runs after every event on the
 * way (a step may take many: the worker tells the page it is alive meanwhile).
 */
export function stepOnce(engine: Engine, unit: StepUnit, onEvent: () => void = () => {}): boolean {
  const limit = engine.now + STEP_LIMIT_NS;
  const w = engine.world;
  switch (unit) {
    case 'event':
      return engine.stepUntil(() => {
        onEvent();
        return true;
      }, limit);
    case 'poll': {
      const polls = w.polls;
      return engine.stepUntil(() => {
        onEvent();
        return w.polls > polls;
      }, limit);
    }
    case 'batch': {
      const batches = engine.kthreadIterations();
      return engine.stepUntil(() => {
        onEvent();
        return engine.kthreadIterations() > batches;
      }, limit);
    }
  }
}
