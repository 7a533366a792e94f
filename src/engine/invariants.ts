/**
 * The engine's invariants, checked on demand (after a run, or after every step in tests):
 * every offered frame is in exactly one bucket or in flight, frame ids do not leak, refcounts
 * are never negative, a freed entry holds no frames.
 */
import type { Engine } from './engine';

export function checkInvariants(engine: Engine): void {
  const w = engine.world;
  const a = w.acct;
  const inFlight = engine.inFlight();
  if (a.offered !== a.terminal() + inFlight) {
    w.violation(`frame accounting: offered ${a.offered} != terminal ${a.terminal()} + in flight ${inFlight}`);
  }
  if (w.pool.live !== inFlight) {
    w.violation(`frame ids: ${w.pool.live} allocated but ${inFlight} in flight`);
  }
  for (const e of engine.entries) {
    if (e.refcnt < 0) w.violation(`refcnt of ${e.lifecycle.label} is ${e.refcnt}`);
    if (e.lifecycle.refcnt !== Math.max(e.refcnt, 0) && e.lifecycle.state !== 'allocFailed') {
      w.violation(`refcnt of ${e.lifecycle.label} is ${e.refcnt} but its lifecycle says ${e.lifecycle.refcnt}`);
    }
    if (e.freed && e.inFlight() > 0) w.violation(`freed ${e.lifecycle.label} still holds ${e.inFlight()} frames`);
  }
  const map = w.map;
  if (map === null) return;
  for (let key = 0; key < map.maxEntries; key++) {
    const e = map.slots[key];
    if (e !== null && (e.detached || e.bulkqFreed)) w.violation(`slot ${key} holds a detached entry`);
  }
}
