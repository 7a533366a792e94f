/**
 * The single view's keys, as the keyboard model (keyModel.ts) reads them: Space play/pause, "."
 * step, "," step back, "+" / "-" one speed notch up or down, the left and right arrows between
 * lesson steps, "?" help, Enter ticks a focused checkbox.
 */
import { useEffect } from 'react';
import { useUi } from './store';
import { stepSpeed } from './format';
import { resolveLesson } from './lessons/resolveLesson';
import { useLink } from './url/linkState';
import { focusKind, keyCommand, type KeyCommand } from './keyModel';

/** Carries out `command`; false when it has nothing to do here (the key is then left to the page). */
function run(command: KeyCommand, target: EventTarget | null): boolean {
  const ui = useUi.getState();
  switch (command) {
    case 'togglePlay':
      ui.togglePlay();
      return true;
    case 'step':
      ui.step();
      return true;
    case 'stepBack':
      ui.stepBack();
      return true;
    case 'faster':
      ui.setSpeed(stepSpeed(ui.speed, 1));
      return true;
    case 'slower':
      ui.setSpeed(stepSpeed(ui.speed, -1));
      return true;
    case 'help':
      ui.set({ helpOpen: !ui.helpOpen });
      return true;
    case 'tick':
      (target as HTMLElement).click();
      return true;
    case 'previousStep':
    case 'nextStep': {
      const r = resolveLesson(useLink.getState().modes);
      if (r === null || !('step' in r)) return false;
      const next = r.index + (command === 'nextStep' ? 1 : -1);
      if (next < 0 || next >= r.lesson.steps.length) return false;
      useLink.getState().setModes({ step: next + 1 });
      return true;
    }
  }
}

/** Installs the explorer's keyboard shortcuts on the window while mounted. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const command = keyCommand(e.key, focusKind(e.target));
      if (command === null) return;
      // Space's own action on a focused button or checkbox comes on its keyup, and only if its
      // keydown was not cancelled: cancelling it here leaves Space to play and pause alone.
      if (command === 'togglePlay' && e.repeat) {
        e.preventDefault();
        return;
      }
      if (run(command, e.target)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
