/**
 * The event list's records on the page: the worker's polls, flushes, wake-ups, kthread
 * iterations and grace periods, and the map operations' results, newest last, bounded.
 */
import type { EngineEvent } from '../../engine/eventLog';
import { Versioned } from '../versioned';

/** One line of the event list. */
export type EventLine =
  | { seq: number; kind: EngineEvent['kind']; event: EngineEvent }
  | { seq: number; kind: 'op'; at: number; key: number | null; text: string };

/** Records kept (the list shows the last MAX_EVENTS_SHOWN that pass the filter). */
export const MAX_EVENTS = 400;
export const MAX_EVENTS_SHOWN = 50;

export function lineAt(line: EventLine): number {
  return line.kind === 'op' ? line.at : line.event.at;
}

class EventFeed extends Versioned {
  lines: EventLine[] = [];
  private seq = 0;

  add(events: readonly EngineEvent[]): void {
    if (events.length === 0) return;
    const fresh: EventLine[] = events.map((event) => ({ seq: this.seq++, kind: event.kind, event }));
    this.lines = [...this.lines, ...fresh].slice(-MAX_EVENTS);
    this.bump();
  }

  addOp(at: number, key: number | null, text: string): void {
    this.lines = [...this.lines, { seq: this.seq++, kind: 'op' as const, at, key, text }].slice(-MAX_EVENTS);
    this.bump();
  }

  /** The run went back to `t`: what came after it has not happened. */
  rewind(t: number): void {
    this.lines = this.lines.filter((l) => lineAt(l) <= t);
    this.bump();
  }

  clear(): void {
    this.lines = [];
    this.bump();
  }
}

export const eventFeed = new EventFeed();
