/**
 * Lost worker messages, found by their sequence numbers (WorkerMessage.seq, from 0 per worker):
 * a number skipped means the page missed something it mirrors (a map operation's result, a
 * frame, a load), and it asks the worker for a state report, which covers everything before it.
 * One request at a time; one that got no report within RETRY_MS (lost too) may be repeated.
 */

export const RETRY_MS = 2000;

export class GapWatch {
  private expected = 0;
  /** The newest lost message not covered by a state report yet, or -1. */
  private lostUpTo = -1;
  /** Wall time of the request still unanswered, or null. */
  private askedAt: number | null = null;
  /** Messages lost so far. */
  lost = 0;

  /** Message `seq` arrived at wall time `now`; true: ask for a state report now. */
  arrived(seq: number, now: number): boolean {
    if (seq > this.expected) {
      this.lost += seq - this.expected;
      this.lostUpTo = seq - 1;
    }
    this.expected = Math.max(this.expected, seq + 1);
    return this.shouldAsk(now);
  }

  /** A state report numbered `seq` arrived (after `arrived`); true: ask again, more were lost after it. */
  reported(seq: number, now: number): boolean {
    this.askedAt = null;
    if (this.lostUpTo < seq) this.lostUpTo = -1;
    return this.shouldAsk(now);
  }

  private shouldAsk(now: number): boolean {
    if (this.lostUpTo < 0 || (this.askedAt !== null && now - this.askedAt < RETRY_MS)) return false;
    this.askedAt = now;
    return true;
  }
}
