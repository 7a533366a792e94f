/**
 * Timed control-plane events: map operations, RCU grace-period ends, workqueue items.
 * They are rare (a handful per simulated millisecond at most), so plain objects are fine here.
 * Events at the same time run by tier, then in the order they were scheduled. Map operations are
 * tier 0: at their time they run before the kernel's own events (they were scheduled when the run
 * started, or done by hand before anything else happened at that time). Each event's call is data
 * (a Deferred), so a checkpoint can copy the queue.
 */
import type { Deferred } from './deferred';

export interface ControlEvent {
  readonly at: number;
  /** 0: map operations; 1: everything else. */
  readonly tier: number;
  readonly seq: number;
  readonly label: string;
  readonly call: Deferred;
}

export class ControlQueue {
  private items: ControlEvent[] = [];
  private seq = 0;
  /** Bumped by every push and removal: a cached horizon is valid while it stays the same. */
  changes = 0;

  get length(): number {
    return this.items.length;
  }

  /** Time of the earliest event (Infinity when empty). */
  nextTime(): number {
    return this.items.length > 0 ? this.items[0].at : Infinity;
  }

  /** Adds an event; `label` names it for debugging and traces. */
  push(at: number, label: string, call: Deferred, tier = 1): void {
    this.changes++;
    const ev: ControlEvent = { at, tier, seq: this.seq++, label, call };
    const items = this.items;
    items.push(ev);
    this.siftUp(items.length - 1);
  }

  /** Removes every event `drop` selects (rare: a fork of the timeline). */
  removeWhere(drop: (ev: ControlEvent) => boolean): number {
    const kept = this.items.filter((ev) => !drop(ev));
    const removed = this.items.length - kept.length;
    this.changes++;
    this.items = [];
    for (const ev of kept) {
      this.items.push(ev);
      this.siftUp(this.items.length - 1);
    }
    return removed;
  }

  private siftUp(from: number): void {
    const items = this.items;
    const ev = items[from];
    let i = from;
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
    this.changes++;
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
  if (x.at !== y.at) return x.at < y.at;
  return x.tier !== y.tier ? x.tier < y.tier : x.seq < y.seq;
}
