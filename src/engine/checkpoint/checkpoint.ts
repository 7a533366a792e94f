/**
 * Engine checkpoints for time travel: a checkpoint is a frozen deep copy of the engine at one
 * simulated time; restoring copies it again, so one checkpoint can be restored any number of
 * times. Running a restored engine forward gives exactly what the original did (the engine is
 * deterministic and slicing a run changes nothing), which is what makes going back exact.
 *
 * The trace ring and the journey recorder are presentation buffers, not machine state: they are
 * left out (a restored engine has neither; the caller attaches fresh ones).
 */
import type { Engine } from '../engine';
import { cloneGraph, typedArrayBytes } from './cloneGraph';

export interface EngineCheckpoint {
  /** Simulated time of the copy (ns). */
  readonly at: number;
  /** Bytes of typed arrays in the copy (the bulk of its memory). */
  readonly bytes: number;
  readonly engine: Engine;
}

/** A copy of `engine` as it is now. */
export function takeCheckpoint(engine: Engine): EngineCheckpoint {
  const w = engine.world;
  const { traceRing, moves } = w;
  w.traceRing = null;
  w.moves = null;
  try {
    const copy = cloneGraph(engine);
    return { at: engine.now, bytes: typedArrayBytes(copy), engine: copy };
  } finally {
    w.traceRing = traceRing;
    w.moves = moves;
  }
}

/** A live engine at the checkpoint's time (the checkpoint itself stays untouched). */
export function restoreCheckpoint(checkpoint: EngineCheckpoint): Engine {
  return cloneGraph(checkpoint.engine);
}
