/**
 * Engine checkpoints for time travel. A checkpoint holds a deep copy of the engine (and of
 * whatever else the caller moves through time with it, such as a statistics sampler) at one
 * simulated time; restoring writes the copy back into the very objects it was taken from (see
 * writeBack.ts), so the live engine is rewound in place and the checkpoint can be restored any
 * number of times. Running on from there gives exactly what the first pass did: the engine is
 * deterministic and slicing a run changes nothing.
 *
 * The trace ring and the journey recorder are presentation buffers, not machine state: they are
 * left out (a restored engine has neither; the caller attaches fresh ones).
 */
import type { Engine } from '../engine';
import { copyGraphWithPairs, typedArrayBytes } from './cloneGraph';
import { writeBack } from './writeBack';

export interface Checkpoint<T extends { engine: Engine }> {
  /** Simulated time of the copy (ns). */
  readonly at: number;
  /** Bytes of typed arrays in the copy (the bulk of its memory). */
  readonly bytes: number;
  /** The copy: read, never run. */
  readonly copy: T;
  readonly originals: readonly object[];
  readonly copies: readonly object[];
}

/** A checkpoint of `root` (its engine and whatever travels with it) as it is now. */
export function takeCheckpoint<T extends { engine: Engine }>(root: T): Checkpoint<T> {
  const w = root.engine.world;
  const { traceRing, moves, events } = w;
  w.traceRing = null;
  w.moves = null;
  w.events = null;
  try {
    const { copy, originals, copies } = copyGraphWithPairs(root);
    return { at: root.engine.now, bytes: typedArrayBytes(copy), copy, originals, copies };
  } finally {
    w.traceRing = traceRing;
    w.moves = moves;
    w.events = events;
  }
}

/** Rewinds the checkpoint's own objects to it; returns its root (the same objects, as they were). */
export function restoreCheckpoint<T extends { engine: Engine }>(checkpoint: Checkpoint<T>): T {
  writeBack(checkpoint.originals, checkpoint.copies);
  return checkpoint.originals[0] as T;
}
