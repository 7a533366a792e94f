/**
 * When a dead worker is replaced automatically: unless it is the RESTART_LIMIT-th in a row to die
 * within QUICK_DEATH_MS of its own start. A fault that comes back at once (at a given simulated
 * time, or while reaching the link's start time) would only loop, however long each round takes
 * (a restart may first run seconds of simulated time): the reader is told and offered a restart
 * by hand. A worker that lived longer clears the count: occasional failures are always restarted.
 */

export const RESTART_LIMIT = 3;
export const QUICK_DEATH_MS = 30_000;

export interface RestartDecision {
  auto: boolean;
  /** Quick deaths in a row, this one included (0: this one was not quick). */
  inARow: number;
}

export class RestartPolicy {
  private quick = 0;

  constructor(
    private readonly limit = RESTART_LIMIT,
    private readonly quickMs = QUICK_DEATH_MS,
  ) {}

  /** A worker started at wall time `startedAt` died at `now`. */
  died(now: number, startedAt: number): RestartDecision {
    this.quick = now - startedAt < this.quickMs ? this.quick + 1 : 0;
    return { auto: this.quick < this.limit, inARow: this.quick };
  }
}
