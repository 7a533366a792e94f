import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs a burst once, at the end of the window, and never more than once per window', () => {
    const fn = vi.fn();
    const t = throttle(fn, 250, () => Date.now());
    t.call();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 60; i++) {
      t.call();
      vi.advanceTimersByTime(16);
    }
    // 60 calls over ~1 s: about 4 runs.
    expect(fn.mock.calls.length).toBeLessThanOrEqual(6);
    vi.advanceTimersByTime(250);
    const n = fn.mock.calls.length;
    t.call();
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(n);
  });
});
