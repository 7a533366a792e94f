/**
 * The side-by-side page's keys: Space play/pause, "." step, "+" / "-" one speed notch. Listened
 * for in the capture phase and marked handled, so the single view's key handler (still mounted
 * by App) leaves them alone. Fields and buttons keep their own keys, as on the single view.
 */
import { useEffect } from 'react';
import { stepSpeed } from '../format';
import { activatedBySpace, ownsKeys } from '../useKeyboard';
import type { PairRunner } from './pairRunner';

export function useCompareKeys(runner: PairRunner): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || ownsKeys(e.target)) return;
      switch (e.key) {
        case ' ':
          if (activatedBySpace(e.target)) return;
          runner.togglePlay();
          break;
        case '.':
          runner.step();
          break;
        case '+':
        case '=':
          runner.setSpeed(stepSpeed(runner.store.getState().speed, 1));
          break;
        case '-':
        case '_':
          runner.setSpeed(stepSpeed(runner.store.getState().speed, -1));
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [runner]);
}
