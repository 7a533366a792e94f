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
    expect(c.pending).toBe(2);
    c.doneOne();
    expect(calls).toEqual(['now']);
    c.doneOne();
    expect(calls).toEqual(['now', 'second']);
    expect(c.pending).toBe(0);
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
