import { describe, expect, it } from 'vitest';
import { MAX_WALL_STEP_MS, Pacer, REAL_TIME, TICK_BUDGET_MS, type PacedSim } from './pacer';

/**
 * A fake wall clock and a fake engine that costs `msPerNs` wall milliseconds per simulated
 * nanosecond: running it moves the clock, as a real engine's work would.
 */
function rig(msPerNs: number) {
  const state = { wall: 0, sim: 0, calls: 0 };
  const clock = () => state.wall;
  const sim: PacedSim = {
    now: () => state.sim,
    runUntil: (t: number) => {
      state.calls++;
      if (t > state.sim) {
        state.wall += (t - state.sim) * msPerNs;
        state.sim = t;
      }
    },
  };
  /** Ticks every `periodMs` of wall time (the work counts towards the period) for `forMs`. */
  const playFor = (pacer: Pacer, forMs: number, periodMs = 16) => {
    const end = state.wall + forMs;
    while (state.wall < end) {
      const started = state.wall;
      pacer.tick(state.wall, sim, clock);
      state.wall = Math.max(state.wall, started + periodMs);
    }
  };
  return { state, clock, sim, playFor };
}

describe('Pacer: the simulated target', () => {
  it('follows wall time times the speed', () => {
    const { state, clock, sim } = rig(0);
    const pacer = new Pacer(2000);
    pacer.start(0, 0);
    state.wall = 16;
    const out = pacer.tick(16, sim, clock);
    expect(out.target).toBeCloseTo(32, 9);
    expect(out.reached).toBe(true);
    expect(state.sim).toBeCloseTo(32, 9);
    state.wall = 32;
    pacer.tick(32, sim, clock);
    expect(state.sim).toBeCloseTo(64, 9);
  });

  it('counts from the current simulated time, so a short tick is not made up later', () => {
    const pacer = new Pacer(1000);
    pacer.start(0, 0);
    expect(pacer.target(100, 5)).toBeCloseTo(105, 9);
    expect(pacer.target(200, 105)).toBeCloseTo(205, 9);
  });

  it('converts at most MAX_WALL_STEP_MS of a wall gap (a stalled worker resumes, it does not leap)', () => {
    const pacer = new Pacer(1000);
    pacer.start(0, 0);
    expect(pacer.target(5000, 0)).toBeCloseTo(MAX_WALL_STEP_MS, 9);
  });

  it('aims at Infinity when the speed is "as fast as possible"', () => {
    const pacer = new Pacer(Infinity);
    pacer.start(0, 0);
    expect(pacer.target(16, 0)).toBe(Infinity);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => new Pacer(0)).toThrow(RangeError);
    expect(() => new Pacer(Number.NaN)).toThrow(RangeError);
  });
});

describe('Pacer: the wall budget of a tick', () => {
  it('stops the engine once the budget is spent, short of the target', () => {
    // 1 ms of wall time per 1000 simulated ns: real time would need a million times more.
    const { clock, sim, state } = rig(1 / 1000);
    const pacer = new Pacer(REAL_TIME);
    pacer.start(0, 0);
    state.wall = 16;
    const out = pacer.tick(16, sim, clock);
    expect(out.reached).toBe(false);
    expect(out.workMs).toBeGreaterThanOrEqual(TICK_BUDGET_MS);
    // The last call may start just before the deadline: at most one chunk (~1 ms) over.
    expect(out.workMs).toBeLessThan(TICK_BUDGET_MS + 2);
    expect(out.advancedNs).toBeGreaterThan(5_000);
  });

  it('runs for the whole budget at "as fast as possible"', () => {
    const { clock, sim, state } = rig(1e-6);
    const pacer = new Pacer(Infinity);
    pacer.start(0, 0);
    state.wall = 1;
    const out = pacer.tick(1, sim, clock);
    expect(out.reached).toBe(false);
    expect(out.workMs).toBeGreaterThanOrEqual(TICK_BUDGET_MS);
    expect(out.workMs).toBeLessThan(TICK_BUDGET_MS + 2);
  });

  it('sizes engine calls to about a millisecond each', () => {
    // 1 ms per 5000 simulated ns.
    const { playFor } = rig(1 / 5000);
    const pacer = new Pacer(REAL_TIME);
    pacer.start(0, 0);
    playFor(pacer, 200);
    expect(pacer.chunkNs).toBeGreaterThan(4000);
    expect(pacer.chunkNs).toBeLessThan(6000);
  });

  it('grows the chunks quickly when the engine has nothing to do', () => {
    const { clock, sim, state } = rig(0);
    const pacer = new Pacer(REAL_TIME);
    pacer.start(0, 0);
    state.wall = 16;
    const out = pacer.tick(16, sim, clock);
    expect(out.reached).toBe(true);
    // 16 ms of simulated time starting from 1 us chunks growing 4x: a dozen calls, not thousands.
    expect(out.chunks).toBeLessThan(20);
  });
});

describe('Pacer: the measured speed', () => {
  it('reports the speed achieved over the last second and is not behind when keeping up', () => {
    const { playFor } = rig(1e-9);
    const pacer = new Pacer(REAL_TIME);
    pacer.start(0, 0);
    playFor(pacer, 2000);
    expect(pacer.actualSpeed / REAL_TIME).toBeGreaterThan(0.98);
    expect(pacer.actualSpeed / REAL_TIME).toBeLessThan(1.02);
    expect(pacer.behind).toBe(false);
  });

  it('is behind only after more than half a second below 90% of the request', () => {
    // 1 ms per 100000 ns: 10 ms of work per 16 ms tick gives 1e6 ns, 62.5e6 ns per second.
    const { playFor } = rig(1 / 100_000);
    const pacer = new Pacer(REAL_TIME);
    pacer.start(0, 0);
    playFor(pacer, 300);
    expect(pacer.behind).toBe(false);
    playFor(pacer, 300);
    // Judged from 250 ms on, behind after 500 ms more: not yet at 600 ms.
    expect(pacer.behind).toBe(false);
    playFor(pacer, 600);
    expect(pacer.behind).toBe(true);
    expect(pacer.actualSpeed).toBeGreaterThan(55e6);
    expect(pacer.actualSpeed).toBeLessThan(70e6);
  });

  it('recovers once the request is achievable again, and a speed change restarts the measurement', () => {
    const { playFor, state } = rig(1 / 100_000);
    const pacer = new Pacer(REAL_TIME);
    pacer.start(0, 0);
    playFor(pacer, 1500);
    expect(pacer.behind).toBe(true);
    pacer.setSpeed(2000, state.wall, state.sim);
    expect(pacer.behind).toBe(false);
    expect(pacer.actualSpeed).toBe(2000);
    playFor(pacer, 1500);
    expect(pacer.behind).toBe(false);
    expect(pacer.actualSpeed).toBeGreaterThan(1900);
    expect(pacer.actualSpeed).toBeLessThan(2100);
  });

  it('is never behind at "as fast as possible", and measures what it achieves', () => {
    const { playFor } = rig(1 / 100_000);
    const pacer = new Pacer(Infinity);
    pacer.start(0, 0);
    playFor(pacer, 2000);
    expect(pacer.behind).toBe(false);
    // 10 ms of work in every 16 ms tick at 1e5 ns per ms.
    expect(pacer.actualSpeed).toBeGreaterThan(55e6);
    expect(pacer.actualSpeed).toBeLessThan(70e6);
  });

  it('shows a stalled worker as behind (the wall gap is not converted)', () => {
    const { playFor, state, sim, clock } = rig(0);
    const pacer = new Pacer(1000);
    pacer.start(0, 0);
    playFor(pacer, 500);
    // Ticks come only every 600 ms: each converts at most MAX_WALL_STEP_MS.
    for (let i = 0; i < 5; i++) {
      state.wall += 600;
      pacer.tick(state.wall, sim, clock);
    }
    expect(pacer.actualSpeed).toBeLessThan(0.9 * 1000);
    expect(pacer.behind).toBe(true);
  });

  it('reports nothing while stopped, and starts afresh', () => {
    const { playFor, state } = rig(1 / 100_000);
    const pacer = new Pacer(REAL_TIME);
    pacer.start(0, 0);
    playFor(pacer, 1500);
    pacer.stop();
    expect(pacer.started).toBe(false);
    expect(pacer.actualSpeed).toBe(0);
    expect(pacer.behind).toBe(false);
    state.wall += 10_000;
    pacer.start(state.wall, state.sim);
    expect(pacer.behind).toBe(false);
    // The pause is not counted as time that should have been simulated.
    expect(pacer.target(state.wall + 16, state.sim)).toBeCloseTo(state.sim + 16e6, 3);
  });
});
