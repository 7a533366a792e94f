/**
 * The offered load as the scenario configures it, read from the engine without changing it: the
 * scenario's `rate` until the first `rate` item of `ops` (scheduled or done by hand) changes it,
 * and so on. This is the traffic generator's setting, not a count: the engine counts arrivals
 * lazily, when a NAPI poll receives them, so a count over a short window sees bursts.
 */
import type { Engine } from './engine';

/** The configured load at the engine's current time. */
export interface OfferedLoad {
  /** Frames per second offered now (the latest `rate` in effect; at most the line rate). */
  pps: number;
  /**
   * Frames the configured load offers from time 0 to now: the integral of the rate over time.
   * The difference of two of them is the expected number of arrivals between the two times.
   */
  expectedFrames: number;
}

/** The offered load of `engine` at its current simulated time. */
export function offeredLoad(engine: Engine): OfferedLoad {
  const now = engine.now;
  let pps = engine.scenario.rate;
  let since = 0;
  let expected = 0;
  for (const r of engine.ops) {
    // Records are in time order; a `rate` record's value is the rate it set (capped at the line rate).
    if (r.op !== 'rate' || r.result !== '0' || r.value === null || r.at > now) continue;
    expected += (pps * (r.at - since)) / 1e9;
    pps = r.value;
    since = r.at;
  }
  expected += (pps * Math.max(0, now - since)) / 1e9;
  return { pps, expectedFrames: expected };
}
