/**
 * The welcome card and a followed frame's journey, fetched after the first frame: the welcome
 * appears a moment after the topology (nothing stands in its place meanwhile), the journey only
 * once a frame is followed.
 */
import { deferred } from '../deferred';

export const Welcome = deferred(() => import('./Welcome').then((m) => m.Welcome), null);
export const FrameJourney = deferred(() => import('./FrameJourney').then((m) => m.FrameJourney), null);
