/**
 * The latest state from the worker, outside React: the canvas renderer reads it in its
 * requestAnimationFrame loop, so high-frequency data never goes through React renders.
 */
import type { EngineSnapshot } from '../engine/snapshot';
import { isTerminal, PLACE_NIC, placeKind, type MoveBatch } from '../engine/moves';
import type { Topology } from '../worker/protocol';
import { Versioned } from './versioned';

/** One frame's journey: places and the simulated times it reached them (oldest first). */
export interface Journey {
  flow: number;
  places: number[];
  at: number[];
}

/** Most journeys kept; the oldest finished ones are dropped first. */
const MAX_JOURNEYS = 4000;

/** The latest state of one run (the page has one; a side-by-side pair has one per run). */
export class FrameBus extends Versioned {
  topology: Topology | null = null;
  snapshot: EngineSnapshot | null = null;
  /** Simulated time of the latest snapshot. */
  simNs = 0;
  running = false;
  /** The worker is sending per-frame journeys (slow enough to see single frames). */
  recording = false;
  /** Frames with recorded journeys, by frame id (a frame id is reused after the frame ends). */
  readonly journeys = new Map<number, Journey>();
  /** NIC drops (frames without an id), as [place, at] pairs. */
  nicDrops: { place: number; at: number }[] = [];
  /** Bumped on every update, so a paused renderer can tell nothing changed. */
  /**
   * Bumped when the run's past is no longer the one seen so far (a scenario loaded, going back, a
   * resync): rates measured between snapshots must not span it.
   */
  epoch = 0;
  /** The epoch `snapshot` arrived in (older: it belongs to the past before the last bump). */
  snapshotEpoch = 0;

  setTopology(t: Topology): void {
    this.topology = t;
    this.epoch++;
    this.journeys.clear();
    this.nicDrops = [];
    this.bump();
  }

  /** The run went back in time: journeys seen so far belong to a future that is not shown now. */
  rewind(): void {
    this.epoch++;
    this.journeys.clear();
    this.nicDrops = [];
    this.bump();
  }

  update(snapshot: EngineSnapshot, running: boolean, moves: MoveBatch | null): void {
    this.snapshot = snapshot;
    this.snapshotEpoch = this.epoch;
    this.simNs = snapshot.simNs;
    this.running = running;
    this.recording = moves !== null;
    if (moves === null) this.journeys.clear();
    else this.addMoves(moves);
    this.bump();
  }

  /** Calls `fn` after every update; returns the unsubscribe function. */
  private addMoves(m: MoveBatch): void {
    for (let i = 0; i < m.count; i++) {
      const f = m.frame[i];
      if (f < 0) {
        this.nicDrops.push({ place: m.place[i], at: m.at[i] });
        continue;
      }
      let j = this.journeys.get(f);
      // A new journey starts at the NIC; a reused id replaces the finished journey.
      if (j === undefined || (placeKind(m.place[i]) === PLACE_NIC && j.places.length > 0)) {
        j = { flow: m.flow[i], places: [], at: [] };
        this.journeys.delete(f);
        this.journeys.set(f, j);
      }
      j.places.push(m.place[i]);
      j.at.push(m.at[i]);
    }
    if (this.nicDrops.length > 1000) this.nicDrops.splice(0, this.nicDrops.length - 1000);
    if (this.journeys.size > MAX_JOURNEYS) this.trim();
  }

  /** Drops finished journeys first, oldest first; then, if still too many, the oldest of all. */
  private trim(): void {
    let excess = this.journeys.size - MAX_JOURNEYS;
    for (const [key, j] of this.journeys) {
      if (excess <= 0) return;
      if (isTerminal(placeKind(j.places[j.places.length - 1]))) {
        this.journeys.delete(key);
        excess--;
      }
    }
    for (const key of this.journeys.keys()) {
      if (excess-- <= 0) return;
      this.journeys.delete(key);
    }
  }
}

export const frameBus = new FrameBus();
