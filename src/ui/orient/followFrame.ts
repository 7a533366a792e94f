/**
 * Clicking a frame to follow it: a click on the canvas itself picks the dot nearest to the
 * pointer (within a few px); in "Follow a frame" mode any click on the topology does, so a frame
 * sitting over a CPU, a queue or an entry can be picked too (those clicks otherwise inspect the
 * element).
 */
import type { MouseEvent } from 'react';
import { frameBus } from '../frameBus';
import { useUi } from '../store';
import type { TopologyPainter } from '../topology/painter';
import { useOrient } from './orientStore';

/** How near the pointer a dot must be, in CSS px: on the bare canvas, and in follow mode. */
const REACH_PX = 6;
const FOLLOW_REACH_PX = 16;

/** The single view's painter, while its topology is shown (the page hooks aim at its dots). */
export const pagePainter: { current: TopologyPainter | null } = { current: null };

/** Selects frame `frame` for the inspector, tied to its arrival so a later frame with its id is not taken for it. */
export function followFrame(frame: number): void {
  const journey = frameBus.journeys.get(frame);
  const bornAt = journey?.at[0];
  useOrient.setState({ followed: journey === undefined ? null : { frame, journey } });
  useUi.getState().select(bornAt === undefined ? { kind: 'frame', frame } : { kind: 'frame', frame, bornAt });
}

/** The topology stage's click (capture phase): picks a frame when the click is for one. */
export function pickFrameOnClick(e: MouseEvent<HTMLElement>, painter: TopologyPainter | null): void {
  const following = useOrient.getState().following;
  if (painter === null || (!following && !(e.target instanceof HTMLCanvasElement))) return;
  if (following) {
    // The click is the pick, not a click on the element under it.
    e.preventDefault();
    e.stopPropagation();
  }
  const r = e.currentTarget.getBoundingClientRect();
  const frame = painter.frameAt(e.clientX - r.left, e.clientY - r.top, following ? FOLLOW_REACH_PX : REACH_PX);
  if (frame === null) return;
  useOrient.setState({ following: false });
  followFrame(frame);
}
