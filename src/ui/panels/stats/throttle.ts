/**
 * Throttled subscription to a non-React feed: the worker posts up to 60 frames a second, but a
 * table or a 500-line log needs re-rendering only a few times a second.
 */
import { useEffect, useState } from 'react';

/** A source that bumps `version` and calls subscribers on each change (feeds, frameBus). */
export interface Versioned {
  readonly version: number;
  subscribe(fn: () => void): () => void;
}

/**
 * Wraps `fn` so it runs at most once per `ms`, trailing: a burst of calls runs it once at the end
 * of the window, so the last change is never lost. `cancel` drops a pending call.
 */
export function throttle(fn: () => void, ms: number, now: () => number = Date.now): { call: () => void; cancel: () => void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = now();
    fn();
  };
  return {
    call: () => {
      if (timer !== null) return;
      timer = setTimeout(run, Math.max(0, last + ms - now()));
    },
    cancel: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

/** Default re-render period of the panels: about 4 times a second. */
export const PANEL_REFRESH_MS = 250;

/**
 * The source's version, updated at most once per `ms` and only while `active` (e.g. on screen);
 * a component re-renders when it changes.
 */
export function useThrottledVersion(source: Versioned, ms = PANEL_REFRESH_MS, active = true): number {
  const [version, setVersion] = useState(source.version);
  useEffect(() => {
    if (!active) return;
    const t = throttle(() => setVersion(source.version), ms);
    const unsubscribe = source.subscribe(t.call);
    // A change between the first render and the subscription would otherwise wait for the next one.
    t.call();
    return () => {
      unsubscribe();
      t.cancel();
    };
  }, [source, ms, active]);
  return version;
}
