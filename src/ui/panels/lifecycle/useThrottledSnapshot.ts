/**
 * The latest engine snapshot from frameBus, re-rendered at most once per `intervalMs`: panels
 * that are read rather than watched need no 60 Hz React renders.
 */
import { useEffect, useState } from 'react';
import type { EngineSnapshot } from '../../../engine/snapshot';
import { frameBus } from '../../frameBus';

/**
 * Returns frameBus's latest snapshot, updated at most every `intervalMs` (leading and trailing),
 * and only while `active` (e.g. on screen).
 */
export function useThrottledSnapshot(intervalMs: number, active = true): EngineSnapshot | null {
  const [snapshot, setSnapshot] = useState<EngineSnapshot | null>(() => frameBus.snapshot);
  useEffect(() => {
    if (!active) return;
    let last = -Infinity;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = (): void => {
      timer = null;
      last = performance.now();
      setSnapshot(frameBus.snapshot);
    };
    const unsubscribe = frameBus.subscribe(() => {
      // A trailing update is already due: it will read the newest snapshot then.
      if (timer !== null) return;
      const wait = last + intervalMs - performance.now();
      if (wait <= 0) publish();
      else timer = setTimeout(publish, wait);
    });
    // Catch up with anything posted between the first render and this subscription.
    timer = setTimeout(publish, 0);
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [intervalMs, active]);
  return snapshot;
}
