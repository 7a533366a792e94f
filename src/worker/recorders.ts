/**
 * What the engine records for the page besides its state, each only while the page wants it:
 * tracepoint hits (the trace log listens), events (the event list listens) and frames' journeys
 * (at speeds where single frames can be seen moving). Drained into each frame message.
 */
import type { World } from '../engine/world';
import { MoveRecorder, type MoveBatch } from '../engine/moves';
import type { EngineEvent } from '../engine/eventLog';
import type { TraceEvent } from '../engine/kernel/tracepoints';
import { TraceFeed } from './traceFeed';
import { EventFeed } from './eventFeed';
import { MOVES_MAX_SPEED } from './settings';

export interface Recorded {
  moves: MoveBatch | null;
  trace: TraceEvent[];
  traceSkipped: number;
  events: EngineEvent[];
  /** The journeys' fresh arrays: handed over with the message instead of cloned. */
  transfer: Transferable[];
}

export class Recorders {
  readonly trace = new TraceFeed();
  readonly events = new EventFeed();

  /** Sets up a newly live engine's world to record all three. */
  configure(w: World, speed: number): void {
    this.configureMoves(w, speed);
    this.trace.configure(w);
    this.events.configure(w);
  }

  /** Records journeys only at speeds where single frames can be seen moving. */
  configureMoves(w: World, speed: number): void {
    const want = speed <= MOVES_MAX_SPEED;
    if (want && w.moves === null) w.moves = new MoveRecorder();
    else if (!want) w.moves = null;
  }

  /** Everything recorded since the last drain. */
  drain(w: World): Recorded {
    const moves = w.moves === null ? null : w.moves.drain();
    const { trace, skipped } = this.trace.drain(w);
    const transfer: Transferable[] =
      moves === null ? [] : [moves.frame.buffer, moves.place.buffer, moves.at.buffer, moves.flow.buffer].map((b) => b as ArrayBuffer);
    return { moves, trace, traceSkipped: skipped, events: this.events.drain(w), transfer };
  }
}
