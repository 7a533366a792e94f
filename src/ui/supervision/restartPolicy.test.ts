import { describe, expect, it } from 'vitest';
import { RESTART_LIMIT, RESTART_WINDOW_MS, RestartPolicy } from './restartPolicy';

describe('RestartPolicy', () => {
  it('restarts automatically until the worker dies RESTART_LIMIT times within the window', () => {
    const p = new RestartPolicy();
    expect(RESTART_LIMIT).toBe(3);
    expect(p.died(0)).toEqual({ auto: true, recent: 1 });
    expect(p.died(5_000)).toEqual({ auto: true, recent: 2 });
    expect(p.died(10_000)).toEqual({ auto: false, recent: 3 });
    // Still in a loop: no automatic restart.
    expect(p.died(12_000)).toEqual({ auto: false, recent: 4 });
  });

  it('forgets deaths older than the window: occasional failures are always restarted', () => {
    const p = new RestartPolicy();
    for (let i = 0; i < 20; i++) expect(p.died(i * (RESTART_WINDOW_MS / 2 + 1)).auto).toBe(true);
  });

  it('restarts again once the burst of deaths is older than the window', () => {
    const p = new RestartPolicy();
    p.died(0);
    p.died(1000);
    expect(p.died(2000).auto).toBe(false);
    expect(p.died(2000 + RESTART_WINDOW_MS).auto).toBe(true);
  });
});
