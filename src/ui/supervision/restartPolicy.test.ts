import { describe, expect, it } from 'vitest';
import { QUICK_DEATH_MS, RESTART_LIMIT, RestartPolicy } from './restartPolicy';

describe('RestartPolicy', () => {
  it('restarts automatically until the third worker in a row dies soon after its start', () => {
    const p = new RestartPolicy();
    expect(RESTART_LIMIT).toBe(3);
    expect(p.died(5_000, 0)).toEqual({ auto: true, inARow: 1 });
    expect(p.died(10_000, 5_000)).toEqual({ auto: true, inARow: 2 });
    expect(p.died(15_000, 10_000)).toEqual({ auto: false, inARow: 3 });
    // Restarted by hand and dying at once again: still not automatically.
    expect(p.died(20_000, 19_000)).toEqual({ auto: false, inARow: 4 });
  });

  it('stops a loop whose rounds are long (each restart first runs seconds of simulated time)', () => {
    const p = new RestartPolicy();
    // Each round: 20 s to reach the link's start time, then stuck; 60 s for three rounds.
    expect(p.died(20_000, 0).auto).toBe(true);
    expect(p.died(40_000, 20_000).auto).toBe(true);
    expect(p.died(60_000, 40_000).auto).toBe(false);
  });

  it('a worker that lived longer than QUICK_DEATH_MS clears the count: occasional failures are always restarted', () => {
    const p = new RestartPolicy();
    let start = 0;
    for (let i = 0; i < 20; i++) {
      const now = start + QUICK_DEATH_MS + 1;
      expect(p.died(now, start)).toEqual({ auto: true, inARow: 0 });
      start = now;
    }
    // Two quick ones after a long life are still restarted; the third is not.
    expect(p.died(start + 1000, start).auto).toBe(true);
    expect(p.died(start + 2000, start + 1000).auto).toBe(true);
    expect(p.died(start + 3000, start + 2000).auto).toBe(false);
  });
});
