/**
 * The sweep worker's messages: one point in (its scenario query and window), its report or why
 * it has none out. The index comes back with the answer, so results land in list order whichever
 * worker finishes first.
 */
import type { RunReport } from '../cli/report';
import type { PointWindow } from '../sweep/runPoint';

export interface SweepJob {
  /** The point's place among the sweep's points. */
  index: number;
  /** The point's scenario query (already checked by the page). */
  query: string;
  window: PointWindow;
}

export type SweepReply = { index: number; ok: true; report: RunReport } | { index: number; ok: false; message: string };
