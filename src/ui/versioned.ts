/**
 * Page-side data that changes outside React (frames, statistics, events): a version that grows
 * with every change, and listeners told of it. Components read it through
 * useSyncExternalStore or a throttled version (panels/stats/throttle.ts).
 */
export class Versioned {
  version = 0;
  private readonly listeners = new Set<() => void>();

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Marks a change and tells every listener. */
  protected bump(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}
