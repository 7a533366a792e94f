/** What the page says when its simulation worker died. */
import { formatSimTime } from '../format';

export type WorkerNotice =
  /** Replaced automatically, from the run's link, at simulated time `atNs`. */
  | { kind: 'restarted'; reason: string; atNs: number }
  /** Not replaced: the `inARow`-th worker in a row to die within `quickMs` of its start; the reader may restart it by hand. */
  | { kind: 'stopped'; reason: string; inARow: number; quickMs: number };

/** The notice's sentence (plain text: the reason may come from the worker). */
export function noticeText(n: WorkerNotice): string {
  if (n.kind === 'restarted') return `The simulation worker stopped (${n.reason}); restarted from the link at ${formatSimTime(n.atNs)}.`;
  const times =
    n.inARow > 1
      ? `, ${n.inARow} times in a row, each within ${n.quickMs / 1000} s of its start, so it was not restarted automatically`
      : '';
  return `The simulation stopped. Its worker failed (${n.reason})${times}. The picture below is the last one it sent; your scenario and settings are kept.`;
}
