/**
 * Timed control-plane events: map operations, RCU grace-period ends, workqueue items.
 * They are rare (a handful per simulated millisecond at most), so plain objects are fine here.
 * Events at the same time run in the order they were scheduled. Each event's call is data (a
 * Deferred), so a checkpoint can copy the queue.
 */
import type { Deferred } from './deferred';

export interface ControlEvent {
  readonly at: number;
  readonly seq: number;
  readonly label: string;
  readonly call: Deferred;
}

export class ControlQueue {
  private items: ControlEvent[] = [];
  private seq = 0;

  get length(): number {
    return this.items.length;
  }

  /** Time of the earliest event (Infinity when empty). */
  nextTime(): number {
    return this.items.length > 0 ? this.items[0].at : Infinity;
  }

  /** Adds an event; `label` names it for debugging and traces. */
  push(at: number, label: string, call: Deferred): void {
    const ev: ControlEvent = { at, seq: this.seq++, label, call };
    const items = this.items;
    items.push(ev);
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(ev, items[p])) break;
      items[i] = items[p];
      i = p;
    }
    items[i] = ev;
  }

  /** The earliest event, left in the queue. */
  peek(): ControlEvent | undefined {
    return this.items[0];
  }

  /** Removes and returns the earliest event. */
  pop(): ControlEvent | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop() as ControlEvent;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= items.length) break;
        const r = l + 1;
        const c = r < items.length && before(items[r], items[l]) ? r : l;
        if (!before(items[c], last)) break;
        items[i] = items[c];
        i = c;
      }
      items[i] = last;
    }
    return top;
  }
}

function before(x: ControlEvent, y: ControlEvent): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}
