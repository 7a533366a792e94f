/**
 * The explorer's keys: space play/pause, "." step, "," step back, "+" / "-" one speed notch up or
 * down, the left and right arrows between lesson steps, "?" help.
 * Keys typed into a field are the field's, and space on a button or checkbox activates that
 * control as usual, so neither is taken over here.
 */
import { useEffect } from 'react';
import { useUi } from './store';
import { stepSpeed } from './format';
import { resolveLesson } from './lessons/resolveLesson';
import { useLink } from './url/linkState';

/** The keys, for the help dialog (and so the two never disagree). */
export const KEYS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Space'], what: 'Play or pause' },
  { keys: ['.'], what: 'Step (by the unit chosen next to Step)' },
  { keys: [','], what: 'Step back: undo the last step, or go back one step after playing' },
  { keys: ['+'], what: 'Faster: one notch up the speed slider' },
  { keys: ['-'], what: 'Slower: one notch down' },
  { keys: ['←', '→'], what: 'Previous or next lesson step (while following a lesson)' },
  { keys: ['?'], what: 'Show or hide this help' },
  { keys: ['Esc'], what: 'Close this help' },
];

/** Elements whose own handling of keys comes first. */
export function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** Elements that space activates. */
export function activatedBySpace(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('button, a[href], summary, [role="button"], [role="switch"], [role="checkbox"]') !== null
  );
}

/** Installs the explorer's keyboard shortcuts on the window while mounted. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || ownsKeys(e.target)) return;
      const ui = useUi.getState();
      switch (e.key) {
        case ' ':
          if (activatedBySpace(e.target)) return;
          ui.togglePlay();
          break;
        case '.':
          ui.step();
          break;
        case ',':
          ui.stepBack();
          break;
        case '+':
        case '=':
          ui.setSpeed(stepSpeed(ui.speed, 1));
          break;
        case '-':
        case '_':
          ui.setSpeed(stepSpeed(ui.speed, -1));
          break;
        case '?':
          ui.set({ helpOpen: !ui.helpOpen });
          break;
        case 'ArrowLeft':
        case 'ArrowRight': {
          const r = resolveLesson(useLink.getState().modes);
          if (r === null || !('step' in r)) return;
          const next = r.index + (e.key === 'ArrowRight' ? 1 : -1);
          if (next < 0 || next >= r.lesson.steps.length) return;
          useLink.getState().setModes({ step: next + 1 });
          break;
        }
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
