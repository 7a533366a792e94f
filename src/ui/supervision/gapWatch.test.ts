import { describe, expect, it } from 'vitest';
import { GapWatch, RETRY_MS } from './gapWatch';

describe('GapWatch', () => {
  it('asks nothing while the numbers follow each other', () => {
    const g = new GapWatch();
    for (let i = 0; i < 100; i++) expect(g.arrived(i, i)).toBe(false);
    expect(g.lost).toBe(0);
  });

  it('asks for a state report at the first message after a gap, and counts the lost ones', () => {
    const g = new GapWatch();
    g.arrived(0, 0);
    g.arrived(1, 0);
    expect(g.arrived(4, 10)).toBe(true);
    expect(g.lost).toBe(2);
  });

  it('a lost first message is a gap too', () => {
    const g = new GapWatch();
    expect(g.arrived(1, 0)).toBe(true);
  });

  it('asks once per request: further gaps wait for the report, which covers what was lost before it', () => {
    const g = new GapWatch();
    g.arrived(0, 0);
    expect(g.arrived(2, 0)).toBe(true);
    expect(g.arrived(4, 1)).toBe(false);
    // The report (numbered 6, after both gaps) covers both.
    g.arrived(6, 2);
    expect(g.reported(6, 2)).toBe(false);
    expect(g.arrived(7, 3)).toBe(false);
    expect(g.lost).toBe(3);
  });

  it('asks again when messages were lost after the report', () => {
    const g = new GapWatch();
    g.arrived(0, 0);
    expect(g.arrived(2, 0)).toBe(true);
    g.arrived(3, 1);
    // 4 lost, then 5 is the report: nothing after it lost yet.
    g.arrived(5, 2);
    expect(g.reported(5, 2)).toBe(false);
    g.arrived(6, 2);
    expect(g.arrived(8, 3)).toBe(true);
  });

  it('a report asked for and not come (lost itself) is asked for again after RETRY_MS', () => {
    const g = new GapWatch();
    g.arrived(0, 0);
    expect(g.arrived(2, 0)).toBe(true);
    expect(g.arrived(3, RETRY_MS - 1)).toBe(false);
    expect(g.arrived(4, RETRY_MS)).toBe(true);
  });
});
