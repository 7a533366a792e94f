/**
 * Whether the window is narrow enough for the one-column layout (app.css's `max-width: 1000px`
 * media query: keep the two in step), where the side pane comes under the topology.
 */
import { useSyncExternalStore } from 'react';

const NARROW = '(max-width: 1000px)';

function subscribe(fn: () => void): () => void {
  const mq = matchMedia(NARROW);
  mq.addEventListener('change', fn);
  return () => mq.removeEventListener('change', fn);
}

const narrowNow = (): boolean => matchMedia(NARROW).matches;

export function useNarrowWindow(): boolean {
  return useSyncExternalStore(subscribe, narrowNow, () => false);
}
