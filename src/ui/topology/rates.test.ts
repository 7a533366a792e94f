import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine';
import { offeredLoad } from '../../engine/offered';
import { takeSnapshot, type EngineSnapshot } from '../../engine/snapshot';
import { parseScenario } from '../../scenario/parse';
import {
  MIN_EXPECTED_FRAMES,
  MIN_WINDOW_NS,
  RateTracker,
  formatPps,
  formatSpan,
  neededSpanNs,
  ratesView,
  ruleReason,
  windowMeetsRule,
} from './rates';
import { RATE_FIELDS, RATE_GROUP, RATE_LABELS } from './rateFields';

const MS = 1e6;

interface SnapOpts {
  delivered?: number;
  /** Frames an entry's program redirected; also marks the kernel as one with entry programs (5.9+). */
  redirected?: number;
  busy?: number;
  nicDrops?: number;
  /** Offered load now (pps); expected frames are pps * simNs unless given. */
  pps?: number;
  expected?: number;
}

function snap(simNs: number, o: SnapOpts = {}): EngineSnapshot {
  const busy = o.busy ?? 0;
  const nicDrops = o.nicDrops ?? 0;
  const pps = o.pps ?? 1e6;
  return {
    simNs,
    cpus: [{ id: 0, activity: 'softirq', ksoftirqd: false, inPoll: true, holdsGp: false, flushNeeded: [], busyNs: [busy, 0, busy / 2, 0] }],
    nicQueues: [{ index: 0, cpu: 0, count: 0, size: 512, napiScheduled: false, nicDrops }],
    entries: [],
    map: null,
    progAttached: true,
    rcu: { completed: 0, inProgress: false, gpStartNs: 0, pendingCallbacks: 0 },
    frames: {
      offered: 0,
      nicDropped: nicDrops,
      xdpDropped: 0,
      redirectErr: 0,
      ringFull: 0,
      stackDropped: 0,
      delivered: o.delivered ?? 0,
      redirected: o.redirected ?? 0,
      inFlight: 7,
    },
    offered: { pps, expectedFrames: o.expected ?? (pps * simNs) / 1e9 },
    violations: [],
    ...(o.redirected === undefined ? {} : { entryProgs: true as const }),
  };
}

describe('the window rule', () => {
  it('needs 1 ms of simulated time and 1,000 frames expected at the offered load', () => {
    expect(MIN_WINDOW_NS).toBe(1e6);
    expect(MIN_EXPECTED_FRAMES).toBe(1000);
    expect(windowMeetsRule(1e6, 1000)).toBe(true);
    expect(windowMeetsRule(1e6 - 1, 14_880)).toBe(false);
    expect(windowMeetsRule(50e6, 999)).toBe(false);
    expect(windowMeetsRule(100e6, 1000)).toBe(true);
  });

  it('asks only for 1 ms when no load is offered over the window', () => {
    expect(windowMeetsRule(1e6, 0)).toBe(true);
    expect(windowMeetsRule(0.5e6, 0)).toBe(false);
  });

  it('needs 100 ms at 10 kpps, 1 ms at 1 Mpps and above', () => {
    expect(neededSpanNs(10e3)).toBe(100e6);
    expect(neededSpanNs(1e6)).toBe(1e6);
    expect(neededSpanNs(14.88e6)).toBe(1e6);
    expect(neededSpanNs(0)).toBe(1e6);
  });

  it('says why there is no rate', () => {
    expect(ruleReason(109_600, 1.1, 10e3)).toBe('too little simulated time for a rate (109.6 µs so far, 100.0 ms needed)');
    expect(ruleReason(4_600, 9.2, 2e6)).toBe('too little simulated time for a rate (4.6 µs so far, 1.0 ms needed)');
    // Enough time at today's load, but the load was lower before.
    expect(ruleReason(2e6, 420, 1e6)).toBe('too few frames offered for a rate (420 so far, 1000 needed)');
  });

  it('writes spans in ns, µs, ms and s', () => {
    expect(formatSpan(820)).toBe('820 ns');
    expect(formatSpan(109_600)).toBe('109.6 µs');
    expect(formatSpan(5e6)).toBe('5.0 ms');
    expect(formatSpan(1.25e9)).toBe('1.25 s');
  });
});

describe('the offered figure', () => {
  it("is the scenario's rate, then each rate op from its time on, and the frames it offers add up", () => {
    const { scenario, problems } = parseScenario('rate=1M&ops=2ms:rate:3M,4ms:rate:0');
    expect(problems).toEqual([]);
    const e = new Engine(scenario);
    e.runUntil(1 * MS);
    expect(offeredLoad(e)).toEqual({ pps: 1e6, expectedFrames: 1000 });
    e.runUntil(2 * MS);
    expect(offeredLoad(e).pps).toBe(3e6);
    e.runUntil(3 * MS);
    expect(offeredLoad(e)).toEqual({ pps: 3e6, expectedFrames: 5000 });
    e.runUntil(5 * MS);
    expect(offeredLoad(e)).toEqual({ pps: 0, expectedFrames: 8000 });
    // The snapshot carries it, and the row shows it as the offered figure, measured or not.
    const t = new RateTracker();
    t.push(takeSnapshot(e), 0);
    expect(t.rates.offeredPps).toBe(0);
    const e2 = new Engine(parseScenario('rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant').scenario);
    e2.runUntil(109_600);
    t.clear();
    t.push(takeSnapshot(e2), 0);
    const view = ratesView(t.rates);
    expect(view.cells[0]).toMatchObject({ field: 'offered', label: 'offered', text: '10.0 kpps', pps: 10e3 });
    expect(view.measured).toBe(false);
  });

  it('follows a rate op done by hand', () => {
    const e = new Engine(parseScenario('rate=2M').scenario);
    e.runUntil(1 * MS);
    e.applyHandOp({ at: 0, op: 'rate', rate: 500e3 });
    e.runUntil(3 * MS);
    expect(offeredLoad(e)).toEqual({ pps: 500e3, expectedFrames: 2000 + 1000 });
  });
});

describe('RateTracker', () => {
  it('shows "–" and the reason before enough simulated time has passed, the offered load all along', () => {
    const t = new RateTracker();
    t.push(snap(0, { pps: 10e3 }), 0);
    expect(t.rates.valid).toBe(false);
    t.push(snap(109_600, { pps: 10e3, delivered: 1 }), 16);
    expect(t.rates.valid).toBe(false);
    expect(t.rates.reason).toBe('too little simulated time for a rate (109.6 µs so far, 100.0 ms needed)');
    const v = ratesView(t.rates);
    expect(v.cells.map((c) => c.text)).toEqual(['10.0 kpps', '–', '–', '–', '–', '–', '–']);
    expect(v.fromNs).toBeNull();
  });

  it('measures from time 0 of the run when no kept snapshot is far enough back (slow speeds)', () => {
    const t = new RateTracker();
    // A lesson step: loaded at 5.001 ms, played to 5.0032 ms at 1 µs of simulated time a second.
    t.push(snap(5_001_000, { pps: 2e6, delivered: 9_990 }), 0);
    t.push(snap(5_003_200, { pps: 2e6, delivered: 9_996 }), 2200);
    expect(t.rates.valid).toBe(true);
    expect(t.rates.fromNs).toBe(0);
    expect(t.rates.toNs).toBe(5_003_200);
    expect(t.rates.frames.delivered).toBeCloseTo((9_996 / 5_003_200) * 1e9, 6);
    expect(ratesView(t.rates).window).toBe('over the last 5.0 ms of simulated time');
  });

  it('uses the latest snapshot that meets the rule and lies the wall-time window back', () => {
    const t = new RateTracker(500, 0);
    // 1 ms of simulated time per 100 ms of wall time, 1 Mpps offered, 1 frame delivered per µs.
    for (let i = 0; i <= 20; i++) t.push(snap(i * MS, { delivered: i * 1000 + (i === 20 ? 500 : 0) }), i * 100);
    expect(t.rates.valid).toBe(true);
    expect(t.rates.fromNs).toBe(15 * MS);
    expect(t.rates.spanNs).toBe(5 * MS);
    expect(t.rates.frames.delivered).toBeCloseTo(5500 / 5e-3, 6);
  });

  it('takes a shorter window that meets the rule over one that does not, whatever the wall time', () => {
    const t = new RateTracker(500, 0);
    t.push(snap(0.2 * MS, { delivered: 0 }), 0);
    t.push(snap(0.7 * MS, { delivered: 100 }), 400);
    t.push(snap(1.1 * MS, { delivered: 900 }), 450);
    // Time 0 is the only start 1 ms back: [0, 1.1 ms].
    expect(t.rates.fromNs).toBe(0);
    expect(t.rates.spanNs).toBeCloseTo(1.1 * MS);
  });

  it('keeps per-queue NIC drops on the same window', () => {
    const t = new RateTracker();
    t.push(snap(0), 0);
    t.push(snap(2 * MS, { nicDrops: 40 }), 16);
    expect(t.rates.valid).toBe(true);
    expect(t.rates.frames.nicDropped).toBeCloseTo(2e4);
    expect(t.rates.nicDrops[0]).toBeCloseTo(2e4);
  });

  it('keeps the busy split on its own short window', () => {
    const t = new RateTracker(500, 0);
    t.push(snap(0), 0);
    t.push(snap(10_000, { busy: 5000 }), 16);
    expect(t.rates.valid).toBe(false);
    expect(t.rates.busyValid).toBe(true);
    expect(t.rates.busy[0]).toBeCloseTo(0.5);
    expect(t.rates.busy[2]).toBeCloseTo(0.25);
  });

  it('starts over when time goes back (a reset) and when cleared (a new scenario)', () => {
    const t = new RateTracker();
    t.push(snap(0), 0);
    t.push(snap(3 * MS, { delivered: 3000 }), 16);
    expect(t.rates.valid).toBe(true);
    t.push(snap(0.5 * MS), 32);
    expect(t.rates.valid).toBe(false);
    t.clear();
    expect(t.rates.offeredPps).toBeNull();
    expect(t.rates.reason).toBe('no simulation yet');
  });

  it('tells its listeners about every change', () => {
    const t = new RateTracker();
    let heard = 0;
    const off = t.subscribe(() => heard++);
    t.push(snap(0), 0);
    t.clear();
    off();
    t.push(snap(0), 0);
    expect(heard).toBe(2);
  });
});

describe('the row', () => {
  it('has the configured load, then the losses, then the verdicts, labelled as on the canvas', () => {
    expect(RATE_FIELDS.map((f) => RATE_LABELS[f])).toEqual([
      'offered',
      'NIC drop',
      'redirect err',
      'ring full',
      'XDP_DROP',
      'stack drop',
      'delivered',
      'kthread redirect',
    ]);
    expect(RATE_FIELDS.map((f) => RATE_GROUP[f])).toEqual(['load', 'lost', 'lost', 'lost', 'verdict', 'verdict', 'verdict', 'verdict']);
  });

  it("shows the entry program's redirects only for a kernel with entry programs (5.9+), measured like the others", () => {
    const before = new RateTracker(0);
    before.push(snap(0), 0);
    before.push(snap(2 * MS, { delivered: 2000 }), 10);
    expect(ratesView(before.rates).cells.map((c) => c.field)).not.toContain('redirected');
    const after = new RateTracker(0);
    after.push(snap(0, { redirected: 0 }), 0);
    after.push(snap(2 * MS, { delivered: 1500, redirected: 500 }), 10);
    const cells = ratesView(after.rates).cells;
    expect(cells.map((c) => c.field)).toContain('redirected');
    expect(cells.find((c) => c.field === 'redirected')?.pps).toBeCloseTo(250_000, 6);
    expect(cells.find((c) => c.field === 'delivered')?.pps).toBeCloseTo(750_000, 6);
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

describe('withheld figures', () => {
  it('keep the measured figures back with the reason (offered stays), and come back at once when released', () => {
    const t = new RateTracker(0);
    t.withhold('kept back until you answer the question');
    t.push(snap(0), 0);
    t.push(snap(2 * MS, { delivered: 2000 }), 10);
    const held = ratesView(t.rates);
    expect(held.measured).toBe(false);
    expect(held.reason).toBe('kept back until you answer the question');
    expect(held.cells.find((c) => c.field === 'offered')?.pps).toBe(1e6);
    expect(held.cells.filter((c) => c.field !== 'offered').every((c) => c.text === '–')).toBe(true);
    // A new scenario keeps it back too; measuring goes on, and the figures show once released.
    t.clear();
    t.push(snap(0), 20);
    t.push(snap(2 * MS, { delivered: 2000 }), 30);
    expect(ratesView(t.rates).measured).toBe(false);
    t.withhold(null);
    const shown = ratesView(t.rates);
    expect(shown.measured).toBe(true);
    expect(shown.cells.find((c) => c.field === 'delivered')?.pps).toBeCloseTo(1e6, 6);
  });
});
