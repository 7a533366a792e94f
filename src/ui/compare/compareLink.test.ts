import { describe, expect, it } from 'vitest';
import { NO_MODES } from '../url/linkState';
import { compareModes, defaultDifference } from './compareLink';
import { comparePair } from './compareQuery';

describe('the Compare button’s link', () => {
  it('sets run B on the kernel version before (5.4 against 5.2, 5.2 against 5.0; 5.0 against 5.2)', () => {
    expect(defaultDifference('5.2')).toBe('kernel=5.0');
    expect(defaultDifference('5.0')).toBe('kernel=5.2');
    expect(defaultDifference('5.4')).toBe('kernel=5.2');
    expect(defaultDifference('5.10')).toBe('kernel=5.4');
    expect(comparePair('kernel=5.0&rx=3', defaultDifference('5.0')).differences).toEqual(['kernel=5.2']);
  });

  it('leaves a lesson, a sweep and embedding behind, keeps presentation mode', () => {
    const modes = { ...NO_MODES, lesson: 'one-frame', step: 2, embed: true, present: true, sweep: 'qsize:32,64' };
    expect(compareModes(modes, 'kernel=5.0')).toEqual({
      lesson: null,
      step: null,
      embed: false,
      present: true,
      sweep: null,
      compare: 'kernel=5.0',
    });
  });
});
