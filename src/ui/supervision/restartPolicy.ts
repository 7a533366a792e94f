/**
 * When a dead worker is replaced automatically: unless it died RESTART_LIMIT times within
 * RESTART_WINDOW_MS (a fault that comes back at once, e.g. at a given simulated time). Then
 * restarting again would only loop: the reader is told and offered a restart by hand.
 */

export const RESTART_LIMIT = 3;
export const RESTART_WINDOW_MS = 30_000;

export interface RestartDecision {
  auto: boolean;
  /** Deaths within the window, this one included. */
  recent: number;
}

export class RestartPolicy {
  private deaths: number[] = [];

  constructor(
    private readonly limit = RESTART_LIMIT,
    private readonly windowMs = RESTART_WINDOW_MS,
  ) {}

  /** A worker died at wall time `now`. */
  died(now: number): RestartDecision {
    this.deaths = [...this.deaths.filter((t) => now - t < this.windowMs), now];
    return { auto: this.deaths.length < this.limit, recent: this.deaths.length };
  }
}
