/**
 * In reduced-motion mode, a visually hidden polite live region that says in words what changed
 * (kthreads sleeping and waking, entries moving through their teardown, rings filling, drops),
 * comparing the snapshot last described with the latest, at most once a second. The words
 * (./summary) are fetched when reduced motion is on, not with the first frame.
 */
import { useEffect, useState, type CSSProperties } from 'react';
import type { EngineSnapshot } from '../../engine/snapshot';
import { frameBus, type FrameBus } from '../frameBus';
import { useUi } from '../store';

type Summary = typeof import('./summary');

/** Hidden from sight, not from assistive technology. */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  border: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

const MIN_GAP_MS = 1000;

/** The polite live region with the reduced-motion summary of changes (of the page's run, or `bus`'s). */
export function LiveSummary({ bus = frameBus }: { bus?: FrameBus }) {
  const reduced = useUi((s) => s.reducedMotion);
  const [text, setText] = useState('');
  useEffect(() => {
    if (!reduced) return undefined;
    let last: EngineSnapshot | null = bus.snapshot;
    let lastAt = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let words: Summary | null = null;
    const flush = (): void => {
      timer = null;
      const next = bus.snapshot;
      if (next === null || next === last) return;
      // Not fetched yet: the import's arrival flushes.
      if (words === null) return;
      const { describeChanges, joinChanges } = words;
      const lines = describeChanges(last, next);
      last = next;
      lastAt = performance.now();
      if (lines.length > 0) setText(joinChanges(lines));
    };
    const schedule = (): void => {
      if (timer !== null) return;
      timer = setTimeout(flush, Math.max(0, MIN_GAP_MS - (performance.now() - lastAt)));
    };
    let live = true;
    void import('./summary').then((m) => {
      words = m;
      if (live) schedule();
    });
    const off = bus.subscribe(schedule);
    return () => {
      live = false;
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [reduced, bus]);
  return (
    <p aria-live="polite" style={visuallyHidden} data-testid="topology-live-summary">
      {reduced ? text : ''}
    </p>
  );
}
