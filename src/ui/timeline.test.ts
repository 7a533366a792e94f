import { describe, expect, it } from 'vitest';
import { keyTarget } from './Timeline';

describe('timeline slider keys', () => {
  it('move by a 500th of the timeline, ten of those with Page keys, to the ends with Home/End, clamped', () => {
    expect(keyTarget('ArrowLeft', 10e6, 20e6)).toBe(10e6 - 40_000);
    expect(keyTarget('ArrowUp', 10e6, 20e6)).toBe(10e6 + 40_000);
    expect(keyTarget('PageDown', 10e6, 20e6)).toBe(10e6 - 400_000);
    expect(keyTarget('PageUp', 19.9e6, 20e6)).toBe(20e6);
    expect(keyTarget('ArrowLeft', 10_000, 20e6)).toBe(0);
    expect(keyTarget('Home', 10e6, 20e6)).toBe(0);
    expect(keyTarget('End', 10e6, 20e6)).toBe(20e6);
    // A short timeline still moves by at least 1 ns; other keys are the page's.
    expect(keyTarget('ArrowRight', 3, 100)).toBe(4);
    expect(keyTarget('a', 3, 100)).toBeNull();
  });
});
