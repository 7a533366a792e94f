/**
 * The Sweep button and the Sweep panel's place, fetched after the first frame (SweepEntry.tsx);
 * the panel's own code (charts, table, the worker pool) is fetched only when it opens. A disabled
 * button holds the button's place meanwhile.
 */
import { deferred } from '../deferred';

const entry = () => import('./SweepEntry');

export const SweepButton = deferred(
  () => entry().then((m) => m.SweepButton),
  <button type="button" disabled>
    Sweep
  </button>,
);

export const SweepSlot = deferred(() => entry().then((m) => m.SweepSlot), null);
