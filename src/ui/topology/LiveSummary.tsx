/**
 * In reduced-motion mode, a visually hidden polite live region that says in words what changed
 * (kthreads sleeping and waking, entries moving through their teardown, rings filling, drops),
 * comparing the snapshot last described with the latest, at most once a second.
 */
import { useEffect, useState, type CSSProperties } from 'react';
import type { EngineSnapshot } from '../../engine/snapshot';
import { frameBus, type FrameBus } from '../frameBus';
import { useUi } from '../store';
import { describeChanges, joinChanges } from './summary';

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
    const flush = (): void => {
      timer = null;
      const next = bus.snapshot;
      if (next === null || next === last) return;
      const lines = describeChanges(last, next);
      last = next;
      lastAt = performance.now();
      if (lines.length > 0) setText(joinChanges(lines));
    };
    const off = bus.subscribe(() => {
      if (timer !== null) return;
      timer = setTimeout(flush, Math.max(0, MIN_GAP_MS - (performance.now() - lastAt)));
    });
    return () => {
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
