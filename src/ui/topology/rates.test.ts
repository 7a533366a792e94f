import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '../../engine/snapshot';
import { RateTracker, formatPps } from './rates';

function snap(simNs: number, offered: number, busy: number, nicDrops = 0): EngineSnapshot {
  return {
    simNs,
    cpus: [{ id: 0, activity: 'softirq', ksoftirqd: false, inPoll: true, holdsGp: false, flushNeeded: [], busyNs: [busy, 0, busy / 2, 0] }],
    nicQueues: [{ index: 0, cpu: 0, count: 0, size: 512, napiScheduled: false, nicDrops }],
    entries: [],
    map: null,
    progAttached: true,
    rcu: { completed: 0, inProgress: false, gpStartNs: 0, pendingCallbacks: 0 },
    frames: { offered, nicDropped: nicDrops, xdpDropped: 0, redirectErr: 0, ringFull: 0, stackDropped: 0, delivered: offered, inFlight: 0 },
    violations: [],
  };
}

describe('RateTracker', () => {
  it('is not valid before two snapshots at different times', () => {
    const t = new RateTracker();
    t.push(snap(0, 0, 0), 0);
    expect(t.rates.valid).toBe(false);
    t.push(snap(0, 0, 0), 16);
    expect(t.rates.valid).toBe(false);
  });

  it('turns counter differences into per-second rates over simulated time', () => {
    const t = new RateTracker(500, 0);
    t.push(snap(0, 0, 0), 0);
    t.push(snap(1e6, 1000, 5e5, 10), 16); // 1 ms: 1000 frames, half the time in softirq
    expect(t.rates.valid).toBe(true);
    expect(t.rates.frames.offered).toBeCloseTo(1e6);
    expect(t.rates.frames.nicDropped).toBeCloseTo(1e4);
    expect(t.rates.nicDrops[0]).toBeCloseTo(1e4);
    expect(t.rates.busy[0]).toBeCloseTo(0.5);
    expect(t.rates.busy[2]).toBeCloseTo(0.25);
  });

  it('looks back over the recent wall-time window only', () => {
    const t = new RateTracker(500, 0);
    t.push(snap(0, 0, 0), 0);
    t.push(snap(1e6, 5000, 0), 100); // a burst long ago
    t.push(snap(2e6, 5000, 0), 1000);
    t.push(snap(3e6, 5100, 0), 1400);
    expect(t.rates.frames.offered).toBeCloseTo(1e5); // 100 frames in the last 1 ms
  });

  it('reaches further back while the window covers too little simulated time', () => {
    const t = new RateTracker(500, 1e6);
    t.push(snap(0, 0, 0), 0);
    t.push(snap(5e5, 400, 0), 1000);
    t.push(snap(6e5, 500, 0), 1400);
    expect(t.rates.spanNs).toBe(6e5);
    expect(t.rates.frames.offered).toBeCloseTo((500 / 6e5) * 1e9);
  });

  it('starts over when time goes back (a reset)', () => {
    const t = new RateTracker();
    t.push(snap(0, 0, 0), 0);
    t.push(snap(1e6, 1000, 0), 16);
    t.push(snap(0, 0, 0), 32);
    expect(t.rates.valid).toBe(false);
  });
});

describe('formatPps', () => {
  it('uses Mpps, kpps and pps', () => {
    expect(formatPps(14.7e6)).toBe('14.70 Mpps');
    expect(formatPps(512e3)).toBe('512 kpps');
    expect(formatPps(1500)).toBe('1.5 kpps');
    expect(formatPps(30)).toBe('30 pps');
  });
});
