/**
 * The event list's feed: the engine's EventLog while the page listens, and the newest records
 * since the last frame message (at most EVENTS_PER_FRAME: the list shows the last few dozen).
 */
import type { World } from '../engine/world';
import { EventLog, type EngineEvent } from '../engine/eventLog';

/** Most records a frame message carries. */
export const EVENTS_PER_FRAME = 64;

export class EventFeed {
  on = true;
  private seq = 0;

  /** Gives `w` a log while the page listens (none otherwise), and starts sending from now. */
  configure(w: World): void {
    if (this.on && w.events === null) w.events = new EventLog(EVENTS_PER_FRAME * 4);
    else if (!this.on) w.events = null;
    this.seq = w.events?.written ?? 0;
  }

  /** The newest records since the last drain. */
  drain(w: World): EngineEvent[] {
    const log = w.events;
    if (log === null) return [];
    const from = Math.max(this.seq, log.written - EVENTS_PER_FRAME);
    this.seq = log.written;
    return log.read(from);
  }
}
