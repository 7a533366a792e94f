/**
 * Whether the simulation worker is still there, judged from the page: it pings the worker every
 * CHECK_EVERY_MS and takes any message as a sign of life (the worker answers pings, and says it
 * is alive every ALIVE_EVERY_MS during long synchronous work). Silence for SILENT_LIMIT_MS while
 * the page is visible means the worker is gone: closed, killed, or stuck in a loop.
 *
 * No false alarms: nothing is judged while the page is hidden (its timers are throttled), a
 * check that comes late (the page itself was stalled, and the worker's messages may still be
 * queued behind it) starts a fresh window instead of judging, and a worker not heard from yet
 * gets STARTUP_LIMIT_MS (its script may come over a slow network; one that fails to load is
 * reported by the browser as an error anyway).
 */

export const CHECK_EVERY_MS = 500;
/** Several times the worker's longest silence while alive (ALIVE_EVERY_MS, plus one slice of work). */
export const SILENT_LIMIT_MS = 3500;
export const STARTUP_LIMIT_MS = 20_000;

/** What a check asks of the page: send a ping, declare the worker dead, or nothing (hidden). */
export type HeartbeatVerdict = 'ping' | 'dead' | 'idle';

export class Heartbeat {
  private lastHeard: number;
  private lastCheck: number;
  private everHeard = false;

  constructor(
    now: number,
    private visible = true,
    private readonly checkEveryMs = CHECK_EVERY_MS,
    private readonly silentLimitMs = SILENT_LIMIT_MS,
  ) {
    this.lastHeard = now;
    this.lastCheck = now;
  }

  /** A message from the worker arrived. */
  heard(now: number): void {
    this.everHeard = true;
    this.lastHeard = Math.max(this.lastHeard, now);
  }

  /** The page was hidden or shown; shown again, the worker gets a fresh window. */
  setVisible(visible: boolean, now: number): void {
    if (visible && !this.visible) {
      this.lastHeard = now;
      this.lastCheck = now;
    }
    this.visible = visible;
  }

  /** Called every CHECK_EVERY_MS. */
  check(now: number): HeartbeatVerdict {
    const late = now - this.lastCheck > 2 * this.checkEveryMs;
    this.lastCheck = now;
    if (!this.visible) return 'idle';
    if (late) this.lastHeard = Math.max(this.lastHeard, now);
    const limit = this.everHeard ? this.silentLimitMs : Math.max(this.silentLimitMs, STARTUP_LIMIT_MS);
    return now - this.lastHeard > limit ? 'dead' : 'ping';
  }

  /** How long the worker has been silent. */
  silentFor(now: number): number {
    return now - this.lastHeard;
  }
}
