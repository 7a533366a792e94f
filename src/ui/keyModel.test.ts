import { describe, expect, it } from 'vitest';
import { keyCommand, KEYS, type FocusKind } from './keyModel';

const ALL: FocusKind[] = ['text', 'list', 'arrows', 'radio', 'checkbox', 'other'];

describe('keyCommand', () => {
  it('leaves every key to a text field', () => {
    for (const key of [' ', 'Enter', '.', ',', '+', '-', '?', 'ArrowLeft', 'ArrowRight']) expect(keyCommand(key, 'text')).toBeNull();
  });

  it('plays and pauses with Space on anything but a text field or a drop-down list', () => {
    for (const kind of ALL) expect(keyCommand(' ', kind)).toBe(kind === 'text' || kind === 'list' ? null : 'togglePlay');
  });

  it('keeps step, step back, speed and help on every control outside text fields', () => {
    for (const kind of ALL.filter((k) => k !== 'text')) {
      expect(keyCommand('.', kind)).toBe('step');
      expect(keyCommand(',', kind)).toBe('stepBack');
      expect(keyCommand('+', kind)).toBe('faster');
      expect(keyCommand('-', kind)).toBe('slower');
      expect(keyCommand('?', kind)).toBe('help');
    }
  });

  it('leaves the arrows to sliders, drop-down lists and radio groups', () => {
    expect(keyCommand('ArrowRight', 'other')).toBe('nextStep');
    expect(keyCommand('ArrowLeft', 'checkbox')).toBe('previousStep');
    for (const kind of ['arrows', 'list', 'radio'] as const) {
      expect(keyCommand('ArrowLeft', kind)).toBeNull();
      expect(keyCommand('ArrowRight', kind)).toBeNull();
    }
  });

  it('ticks a checkbox or radio button with Enter, and leaves Enter on a button to the button', () => {
    expect(keyCommand('Enter', 'checkbox')).toBe('tick');
    expect(keyCommand('Enter', 'radio')).toBe('tick');
    expect(keyCommand('Enter', 'other')).toBeNull();
  });

  it('lists every key it acts on in the help', () => {
    const listed = KEYS.flatMap((k) => k.keys);
    for (const key of ['Space', 'Enter', '.', ',', '+', '-', '←', '→', '?', 'Esc']) expect(listed).toContain(key);
  });
});
