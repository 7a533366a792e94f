/**
 * The Sweep button and the Sweep panel's place in the panels, with the link's `sweep` read once:
 * a good one opens the panel, which runs it; a bad one is named in the link notice and left out
 * of the address, the rest of the link used. This code arrives after the first frame, so its
 * problem comes after the link's view and scenario problems. The panel's code is fetched when it
 * first opens.
 */
import { lazy, Suspense, useEffect } from 'react';
import { create } from 'zustand';
import { useLink } from '../url/linkState';
import { useUi } from '../store';
import { PanelPlaceholder } from '../deferred';
import type { SweepAxis } from '../../sweep/sweepSpec';
import { readLinkSweep } from './linkSweep';

interface SweepOpen {
  open: boolean;
  /** The link's sweep, for the panel to run when it opens (it takes it). */
  fromLink: LinkSweep | null;
}

/** A sweep as a link gives it: the axes and each point's measured span. */
export interface LinkSweep {
  axes: SweepAxis[];
  measuredNs: number;
}

export const useSweepOpen = create<SweepOpen>(() => ({ open: false, fromLink: null }));

let linkRead = false;

function readLink(): void {
  if (linkRead) return;
  linkRead = true;
  const value = useLink.getState().modes.sweep;
  if (value === null) return;
  const read = readLinkSweep(value);
  if ('axes' in read) {
    useSweepOpen.setState({ open: true, fromLink: read });
    return;
  }
  useLink.setState((s) => ({ problems: [...s.problems, ...read.problems] }));
  useLink.getState().setModes({ sweep: null });
}

/**
 * The header's button: opens the panel, or closes it (and its sweep leaves the address). Like
 * Share link, it waits for the run to load: a sweep is of the page's scenario.
 */
export function SweepButton() {
  const open = useSweepOpen((s) => s.open);
  const loaded = useUi((s) => s.topology !== null);
  const toggle = () => {
    if (open) useLink.getState().setModes({ sweep: null });
    useSweepOpen.setState({ open: !open });
  };
  return (
    <button type="button" aria-expanded={open} aria-controls={open ? 'sweep-panel' : undefined} disabled={!loaded} onClick={toggle}>
      Sweep
    </button>
  );
}

const SweepPanel = lazy(() => import('./SweepPanel').then((m) => ({ default: m.SweepPanel })));

export function SweepSlot() {
  useEffect(readLink, []);
  const open = useSweepOpen((s) => s.open);
  if (!open) return null;
  return (
    <Suspense fallback={<PanelPlaceholder name="Sweep" />}>
      <SweepPanel />
    </Suspense>
  );
}
