/**
 * The side-by-side page's keys, as the keyboard model (keyModel.ts) reads them: Space play/pause
 * (wherever the focus is, outside text fields), "." step, "+" / "-" one speed notch, Enter ticks
 * a focused checkbox. Listened for in the capture phase and marked handled, so the single view's
 * key handler (still mounted by App) leaves them alone.
 */
import { useEffect } from 'react';
import { stepSpeed } from '../format';
import { focusKind, keyCommand } from '../keyModel';
import type { PairRunner } from './pairRunner';

export function useCompareKeys(runner: PairRunner): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      switch (keyCommand(e.key, focusKind(e.target))) {
        case 'togglePlay':
          // A held Space toggles once; cancelling its keydown keeps a focused button from being pressed.
          if (!e.repeat) runner.togglePlay();
          break;
        case 'step':
          runner.step();
          break;
        case 'faster':
          runner.setSpeed(stepSpeed(runner.store.getState().speed, 1));
          break;
        case 'slower':
          runner.setSpeed(stepSpeed(runner.store.getState().speed, -1));
          break;
        case 'tick':
          (e.target as HTMLElement).click();
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
