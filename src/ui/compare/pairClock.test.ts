import { describe, expect, it } from 'vitest';
import { FIRST_CHUNK_NS, MAX_FRAME_S, MAX_LEAD_S, PairClock, ROUND_TRIP_MS } from './pairClock';

/** A clock on two fake runs: what it sent to each, and a fake wall clock (ms) to tick it with. */
function setup(speed: number) {
  const sent: [number[], number[]] = [[], []];
  const clock = new PairClock(2, (run, msg) => sent[run].push(msg.t), speed);
  let wall = 0;
  return {
    clock,
    sent,
    /** Advances the wall clock by `ms` and ticks. */
    tick(ms = 16) {
      wall += ms;
      clock.tick(wall);
    },
    /** Both runs answer the last runTo (or their first frame, at 0). */
    answerAll(ms = 0) {
      wall += ms;
      const t = Math.max(0, sent[0].at(-1) ?? 0);
      clock.answer(0, t, wall);
      clock.answer(1, t, wall);
    },
    answer(run: number, simNs: number) {
      clock.answer(run, simNs, wall);
    },
  };
}

describe('the shared clock', () => {
  it('sends nothing until both runs have posted their first frame', () => {
    const c = setup(1e6);
    c.clock.play();
    c.tick(0);
    c.tick(100);
    expect(c.sent).toEqual([[], []]);
    c.answer(0, 0);
    c.tick();
    expect(c.sent).toEqual([[], []]);
    c.answer(1, 0);
    c.tick();
    expect(c.sent[0]).toHaveLength(1);
    expect(c.sent[1]).toEqual(c.sent[0]);
  });

  it('advances by speed × wall time, and sends the next runTo only when both runs answered', () => {
    const c = setup(1e6); // 1 ms of simulated time per wall second
    c.answerAll();
    c.clock.play();
    c.tick(0);
    c.tick(16);
    expect(c.sent[0]).toEqual([16_000]);
    // Run A answers at once, run B takes 3 frames: nothing more is sent meanwhile.
    c.answer(0, 16_000);
    c.tick();
    c.tick();
    c.tick();
    expect(c.sent).toEqual([[16_000], [16_000]]);
    expect(c.clock.reached).toBe(0);
    c.answer(1, 16_000);
    expect(c.clock.reached).toBe(16_000);
    // The time waited is not lost: the next runTo covers it.
    expect(c.sent[0]).toEqual([16_000, 64_000]);
    expect(c.sent[1]).toEqual(c.sent[0]);
  });

  it('takes a frame that is older than the runTo in flight for no answer', () => {
    const c = setup(1e6);
    c.answerAll();
    c.clock.step(1e6, 0);
    c.answer(0, 0);
    c.answer(1, 500_000);
    expect(c.clock.busy).toBe(true);
    c.answer(0, 1e6);
    c.answer(1, 1e6);
    expect(c.clock.busy).toBe(false);
    expect(c.clock.reached).toBe(1e6);
  });

  it('does not run ahead of slow runs: the target stays within MAX_LEAD_S, and says it is behind', () => {
    const c = setup(1e6);
    c.answerAll();
    c.clock.play();
    c.tick(0);
    c.tick(16);
    for (let i = 0; i < 100; i++) c.tick(16); // no answers for 1.6 s
    expect(c.clock.target).toBe(1e6 * MAX_LEAD_S);
    expect(c.clock.behind).toBe(true);
    c.answerAll();
    expect(c.sent[0].at(-1)).toBe(1e6 * MAX_LEAD_S);
  });

  it('counts a long gap between frames (a hidden tab) as MAX_FRAME_S', () => {
    const c = setup(1e6);
    c.answerAll();
    c.clock.play();
    c.tick(0);
    c.tick(60_000);
    expect(c.sent[0]).toEqual([1e6 * MAX_FRAME_S]);
  });

  it('steps by a fixed span, paused; steps in a row add up', () => {
    const c = setup(1e6);
    c.answerAll();
    c.clock.step(1e6, 0);
    c.clock.step(1e6, 0);
    expect(c.sent[0]).toEqual([1e6]);
    expect(c.clock.playing).toBe(false);
    c.answerAll();
    expect(c.sent[0]).toEqual([1e6, 2e6]);
    c.answerAll();
    c.tick(1000);
    expect(c.sent[0]).toEqual([1e6, 2e6]);
    expect(c.clock.reached).toBe(2e6);
  });

  it('pausing stops where the runTo in flight ends', () => {
    const c = setup(1e6);
    c.answerAll();
    c.clock.play();
    c.tick(0);
    c.tick(100);
    c.tick(16);
    c.clock.pause();
    c.answerAll();
    c.tick(100);
    expect(c.sent[0]).toEqual([100_000]);
    expect(c.clock.reached).toBe(100_000);
  });

  it('as fast as possible, sizes each runTo so a round trip takes about ROUND_TRIP_MS', () => {
    const c = setup(Infinity);
    c.answerAll();
    c.clock.play();
    c.tick(0);
    expect(c.sent[0]).toEqual([FIRST_CHUNK_NS]);
    // The runs took 4 × ROUND_TRIP_MS: the next span is a quarter.
    c.answerAll(4 * ROUND_TRIP_MS);
    expect(c.sent[0][1] - c.sent[0][0]).toBe(FIRST_CHUNK_NS / 4);
    // Then fast ones (ROUND_TRIP_MS / 2): double.
    c.answerAll(ROUND_TRIP_MS / 2);
    expect(c.sent[0][2] - c.sent[0][1]).toBe(FIRST_CHUNK_NS / 2);
  });

  it('after a restart (reset), waits for both runs from time 0 again, still playing', () => {
    const c = setup(1e6);
    c.answerAll();
    c.clock.step(1e6, 0);
    c.answerAll();
    c.clock.play();
    c.clock.restart();
    expect(c.clock.reached).toBe(0);
    expect(c.clock.playing).toBe(true);
    c.tick(16);
    expect(c.sent[0]).toEqual([1e6]);
    // The reloaded runs' first frames (the run worker drops frames from before the reset).
    c.answer(0, 0);
    c.answer(1, 0);
    c.tick(16);
    expect(c.sent[0]).toEqual([1e6, 16_000]);
  });

  it("heads for a link's start time once the runs are up", () => {
    const c = setup(1e6);
    c.clock.seekForward(20e6, 0);
    expect(c.sent[0]).toEqual([]);
    c.answerAll();
    expect(c.sent[0]).toEqual([20e6]);
    expect(c.sent[1]).toEqual([20e6]);
  });
});
