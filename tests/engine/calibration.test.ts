/**
 * Calibration against FACTS.md (Brouer's 2019 cpumap measurements): one NIC RX queue on CPU 3,
 * every frame redirected to CPU 4's kthread (qsize 128), measured over 100..600 ms of simulated
 * time, as xdp_redirect_cpu would over a steady interval. The kthread steps run at 14.7 Mpps (the
 * kthread is saturated either way); the published runs each at their own rate and link.
 */
import { describe, expect, it } from 'vitest';
import { engineOf, enqIndex, MS } from './helpers';
import { CALIBRATION_SETUP, LOW_RATE, PUBLISHED_RUNS as PUBLISHED } from '../../bench/scenarios';

const SETUP = CALIBRATION_SETUP;
const KTHREAD_STEPS = 'rate=14.7M';
const FROM = 100 * MS;
const TO = 600 * MS;

interface Rates {
  rxPps: number;
  kthreadPps: number;
  enqueuePps: number;
  dropPps: number;
  bulkAverage: number;
  kthreadDropPps: number;
  schedPps: number;
  violations: string[];
}

const cache = new Map<string, Rates>();

/** xdp_redirect_cpu's view of one run: per-second rates over the window. */
function measure(query: string): Rates {
  const hit = cache.get(query);
  if (hit !== undefined) return hit;
  const e = engineOf(`${query}&${SETUP}`);
  e.runUntil(FROM);
  const c0 = e.world.counters.clone();
  e.runUntil(TO);
  const c = e.world.counters;
  const seconds = (TO - FROM) / 1e9;
  const i = enqIndex(3, 4);
  const enq = c.enqProcessed[i] - c0.enqProcessed[i];
  const r: Rates = {
    rxPps: (c.rxProcessed[3] - c0.rxProcessed[3]) / seconds,
    kthreadPps: (c.kthProcessed[4] - c0.kthProcessed[4]) / seconds,
    enqueuePps: enq / seconds,
    dropPps: (c.enqDrops[i] - c0.enqDrops[i]) / seconds,
    bulkAverage: enq / (c.enqEvents[i] - c0.enqEvents[i]),
    kthreadDropPps: (c.kthDrops[4] - c0.kthDrops[4]) / seconds,
    schedPps: (c.kthSched[4] - c0.kthSched[4]) / seconds,
    violations: [...e.check()],
  };
  cache.set(query, r);
  return r;
}

function within(actual: number, expected: number, fraction: number): void {
  expect(Math.abs(actual - expected) / expected, `${actual.toFixed(0)} vs ${expected}`).toBeLessThanOrEqual(fraction);
}

describe('kthread pps against the 2019 measurements (within 3%)', () => {
  it('v5.0 baseline, iptables-raw drop: 6,193,534 pps', () => {
    const r = measure(`kernel=5.0&stack=iptables-drop&${KTHREAD_STEPS}`);
    within(r.kthreadPps, 6_193_534, 0.03);
    expect(r.violations).toEqual([]);
  });

  it('+ ptr_ring_consume_batched: 6,321,540 pps', () => {
    within(measure(`kernel=5.0&opt=consume-batched&stack=iptables-drop&${KTHREAD_STEPS}`).kthreadPps, 6_321_540, 0.03);
  });

  it('+ build_skb_around: 6,320,066 pps', () => {
    within(measure(`kernel=5.0&opt=consume-batched,build-skb-around&stack=iptables-drop&${KTHREAD_STEPS}`).kthreadPps, 6_320_066, 0.03);
  });

  it('+ kmem_cache_alloc_bulk: 6,650,112 pps', () => {
    within(
      measure(`kernel=5.0&opt=consume-batched,build-skb-around,alloc-bulk&stack=iptables-drop&${KTHREAD_STEPS}`).kthreadPps,
      6_650_112,
      0.03,
    );
  });

  it('v5.2 (+ prefetchw), iptables-raw drop: 7,649,604 pps', () => {
    const r = measure(`kernel=5.2&stack=iptables-drop&${KTHREAD_STEPS}`);
    within(r.kthreadPps, 7_649_604, 0.03);
    expect(r.violations).toEqual([]);
  });

  it('v5.0 baseline, UdpNoPorts: 3,180,074 pps', () => {
    const r = measure(`kernel=5.0&stack=udp-noport&${KTHREAD_STEPS}`);
    within(r.kthreadPps, 3_180_074, 0.03);
    expect(r.violations).toEqual([]);
  });
});

describe('the published xdp_redirect_cpu runs, row by row (within 3%)', () => {
  for (const run of PUBLISHED) {
    it(`${run.name}: XDP-RX ${run.rx.toLocaleString('en')}, enqueue drop-pps ${run.drop.toLocaleString('en')}, kthread ${run.kthread.toLocaleString('en')}, bulk-average 8.00, kthread drop-pps 0`, () => {
      const r = measure(run.query);
      within(r.rxPps, run.rx, 0.03);
      within(r.enqueuePps, r.rxPps, 0.001);
      within(r.dropPps, run.drop, 0.03);
      within(r.kthreadPps, run.kthread, 0.03);
      expect(r.bulkAverage.toFixed(2)).toBe('8.00');
      expect(r.kthreadDropPps).toBe(0);
      expect(r.violations).toEqual([]);
    });
  }

  it('an iptables DROP frees every SKB in the stack, yet the kthread counts no drops (it returns -EPERM, not NET_RX_DROP)', () => {
    const e = engineOf(`${PUBLISHED[1].query}&${SETUP}`);
    e.runUntil(20 * MS);
    expect(e.world.acct.stackDropped).toBeGreaterThan(100_000);
    expect(e.world.counters.kthDrops[4]).toBe(0);
  });

  it('the RX CPU keeps up at 19.4 Mpps (the NIC drops next to nothing) but not far beyond: at 25 Mpps it redirects under 20 Mpps', () => {
    const e = engineOf(`${PUBLISHED[1].query}&${SETUP}`);
    e.runUntil(TO);
    expect(e.world.acct.nicDropped / e.world.acct.offered).toBeLessThan(0.001);
    const faster = measure('kernel=5.2&stack=iptables-drop&rate=25M&link=40');
    expect(faster.rxPps).toBeLessThan(20_000_000);
    expect(faster.rxPps).toBeGreaterThan(19_000_000);
  });
});

describe('the low-rate point (XDP paper): 25,476 pps of constant arrivals', () => {
  it('each poll carries one frame: bulk-average 1.00 and one sched per frame', () => {
    const r = measure(LOW_RATE);
    expect(r.bulkAverage.toFixed(2)).toBe('1.00');
    within(r.kthreadPps, 25_476, 0.001);
    expect((r.schedPps / r.kthreadPps).toFixed(2)).toBe('1.00');
    expect(r.violations).toEqual([]);
  });
});
