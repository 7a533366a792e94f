import { describe, expect, it } from 'vitest';
import { LoadCounter } from './loadCounter';

describe('LoadCounter', () => {
  it('runs a callback once the last load sent is answered', () => {
    const c = new LoadCounter();
    const calls: string[] = [];
    c.afterLast(() => calls.push('now'));
    c.sentOne();
    c.sentOne();
    c.afterLast(() => calls.push('second'));
    c.doneOne();
    expect(calls).toEqual(['now']);
    c.doneOne();
    expect(calls).toEqual(['now', 'second']);
  });

  it('a load is starting until its first frame: answered is not enough (its start time may be far)', () => {
    const c = new LoadCounter();
    expect(c.starting).toBe(false);
    c.sentOne();
    expect(c.starting).toBe(true);
    // A frame of the previous scenario, still on its way, does not count.
    c.frame();
    expect(c.starting).toBe(true);
    c.doneOne();
    expect(c.starting).toBe(true);
    c.frame();
    expect(c.starting).toBe(false);
    c.sentOne();
    c.sentOne();
    c.doneOne();
    c.frame();
    expect(c.starting).toBe(true);
    c.doneOne();
    c.frame();
    expect(c.starting).toBe(false);
  });

  it('takes a state report’s count (a lost “loaded”)', () => {
    const c = new LoadCounter();
    const calls: number[] = [];
    c.sentOne();
    c.afterLast(() => calls.push(1));
    c.sentOne();
    c.afterLast(() => calls.push(2));
    c.doneUpTo(2);
    expect(calls).toEqual([1, 2]);
    expect(c.answered).toBe(2);
  });

  it('on a new worker, carries waiting callbacks to its first load, or drops them', () => {
    const c = new LoadCounter();
    const calls: string[] = [];
    c.sentOne();
    c.afterLast(() => calls.push('carried'));
    c.reset(true);
    c.sentOne();
    c.doneOne();
    expect(calls).toEqual(['carried']);
    c.sentOne();
    c.afterLast(() => calls.push('dropped'));
    c.reset(false);
    c.sentOne();
    c.doneOne();
    expect(calls).toEqual(['carried']);
  });
});
