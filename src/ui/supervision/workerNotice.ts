/** What the page says when its simulation worker died. */
import { formatSimTime } from '../format';

export type WorkerNotice =
  /** Replaced automatically, from the run's link, at simulated time `atNs`. */
  | { kind: 'restarted'; reason: string; atNs: number }
  /** Not replaced: it died `deaths` times within `windowMs`; the reader may restart it by hand. */
  | { kind: 'stopped'; reason: string; deaths: number; windowMs: number };

/** The notice's sentence (plain text: the reason may come from the worker). */
export function noticeText(n: WorkerNotice): string {
  if (n.kind === 'restarted') return `The simulation worker stopped (${n.reason}); restarted from the link at ${formatSimTime(n.atNs)}.`;
  const times = n.deaths > 1 ? `, ${n.deaths} times within ${n.windowMs / 1000} s, so it was not restarted automatically` : '';
  return `The simulation stopped. Its worker failed (${n.reason})${times}. The picture below is the last one it sent; your scenario and settings are kept.`;
}
