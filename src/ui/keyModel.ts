/**
 * The one keyboard model of the explorer (the single view and the side-by-side page): which
 * command a key means, given what kind of element has the focus. Pure, so it can be tested
 * without a page; the hooks (useKeyboard, useCompareKeys) only carry the commands out.
 *
 * Space plays and pauses wherever the focus is, a focused button included (Enter presses a
 * button, and here also ticks a checkbox or radio button, since Space no longer does). Only text
 * fields keep all their keys; a drop-down list keeps Space and the arrows (they open and choose
 * in it); a slider, a radio group or another widget that moves with the arrows keeps the arrows.
 */

/** What the focus is on, as far as keys go. */
export type FocusKind = 'text' | 'list' | 'arrows' | 'radio' | 'checkbox' | 'other';

export type KeyCommand = 'togglePlay' | 'step' | 'stepBack' | 'faster' | 'slower' | 'previousStep' | 'nextStep' | 'help' | 'tick';

/** Input types that take typed text (every other input type is a button, box, slider or picker). */
const NOT_TEXT = new Set(['button', 'submit', 'reset', 'image', 'checkbox', 'radio', 'range', 'color', 'file', 'hidden']);

/** ARIA widgets whose arrow keys move them (a slider, or a choice within a group). */
const ARROW_ROLES = new Set([
  'slider',
  'spinbutton',
  'scrollbar',
  'radio',
  'tab',
  'menuitem',
  'menuitemradio',
  'menuitemcheckbox',
  'option',
  'treeitem',
  'gridcell',
]);

/** The kind of `target` (a keyboard event's target). */
export function focusKind(target: EventTarget | null): FocusKind {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return 'text';
  if (target instanceof HTMLSelectElement) return 'list';
  if (target instanceof HTMLInputElement) {
    const type = target.type.toLowerCase();
    if (!NOT_TEXT.has(type)) return 'text';
    if (type === 'range') return 'arrows';
    if (type === 'radio') return 'radio';
    if (type === 'checkbox') return 'checkbox';
    return 'other';
  }
  const role = target.getAttribute('role');
  if (role === 'textbox' || role === 'searchbox' || role === 'combobox') return 'text';
  if (role === 'listbox') return 'list';
  if (role !== null && ARROW_ROLES.has(role)) return 'arrows';
  return 'other';
}

/** The command `key` (a KeyboardEvent's `key`) means with the focus on a `kind`, or null: the key is left to the page. */
export function keyCommand(key: string, kind: FocusKind): KeyCommand | null {
  if (kind === 'text') return null;
  switch (key) {
    case ' ':
      return kind === 'list' ? null : 'togglePlay';
    case 'Enter':
      return kind === 'checkbox' || kind === 'radio' ? 'tick' : null;
    case '.':
      return 'step';
    case ',':
      return 'stepBack';
    case '+':
    case '=':
      return 'faster';
    case '-':
    case '_':
      return 'slower';
    case '?':
      return 'help';
    case 'ArrowLeft':
    case 'ArrowRight':
      if (kind === 'list' || kind === 'arrows' || kind === 'radio') return null;
      return key === 'ArrowLeft' ? 'previousStep' : 'nextStep';
    default:
      return null;
  }
}

/** The keys, for the help dialog (so the dialog and the model never disagree). */
export const KEYS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Space'], what: 'Play or pause, wherever the focus is; on a button, Space does not press it' },
  { keys: ['Enter'], what: 'Press the focused button or link; tick the focused checkbox or radio button' },
  { keys: ['.'], what: 'Step (by the unit chosen next to Step)' },
  { keys: [','], what: 'Step back (undo the last step, or one step back after playing)' },
  { keys: ['+'], what: 'Faster: one notch up the speed slider' },
  { keys: ['-'], what: 'Slower: one notch down' },
  { keys: ['←', '→'], what: "Previous or next lesson step; on a slider or a drop-down list, that control's own" },
  { keys: ['Tab'], what: 'Next control (Shift+Tab: the previous one)' },
  { keys: ['?'], what: 'Show or hide this help' },
  { keys: ['Esc'], what: 'Close this help' },
];
