/**
 * Calibration against FACTS.md (Brouer's 2019 cpumap measurements): one NIC RX queue on CPU 3 at
 * 14.7 Mpps, every frame redirected to CPU 4's kthread (qsize 128), measured over 100..600 ms of
 * simulated time, as xdp_redirect_cpu would over a steady interval.
 */
import { describe, expect, it } from 'vitest';
import { engineOf, enqIndex, MS } from './helpers';

const SETUP = 'rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant';
const FROM = 100 * MS;
const TO = 600 * MS;

interface Rates {
  rxPps: number;
  kthreadPps: number;
  enqueuePps: number;
  dropPps: number;
  bulkAverage: number;
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
    const r = measure('kernel=5.0&stack=iptables-drop');
    within(r.kthreadPps, 6_193_534, 0.03);
    expect(r.violations).toEqual([]);
  });

  it('+ ptr_ring_consume_batched: 6,321,540 pps', () => {
    within(measure('kernel=5.0&opt=consume-batched&stack=iptables-drop').kthreadPps, 6_321_540, 0.03);
  });

  it('+ build_skb_around: 6,320,066 pps', () => {
    within(measure('kernel=5.0&opt=consume-batched,build-skb-around&stack=iptables-drop').kthreadPps, 6_320_066, 0.03);
  });

  it('+ kmem_cache_alloc_bulk: 6,650,112 pps', () => {
    within(measure('kernel=5.0&opt=consume-batched,build-skb-around,alloc-bulk&stack=iptables-drop').kthreadPps, 6_650_112, 0.03);
  });

  it('v5.2 (+ prefetchw), iptables-raw drop: 7,649,604 pps', () => {
    const r = measure('kernel=5.2&stack=iptables-drop');
    within(r.kthreadPps, 7_649_604, 0.03);
    expect(r.violations).toEqual([]);
  });

  it('v5.0 baseline, UdpNoPorts: 3,180,074 pps', () => {
    const r = measure('kernel=5.0&stack=udp-noport');
    within(r.kthreadPps, 3_180_074, 0.03);
    expect(r.violations).toEqual([]);
  });
});

describe('the overload rows of xdp_redirect_cpu (v5.0, UdpNoPorts)', () => {
  it('the RX CPU keeps up with the generator: XDP-RX about 14.7 Mpps, all of it enqueued', () => {
    const r = measure('kernel=5.0&stack=udp-noport');
    within(r.rxPps, 14_700_000, 0.01);
    within(r.enqueuePps, r.rxPps, 0.001);
  });

  it('drop-pps = enqueue pps - kthread pps (within 0.5%)', () => {
    const r = measure('kernel=5.0&stack=udp-noport');
    within(r.dropPps, r.enqueuePps - r.kthreadPps, 0.005);
    // FACTS.md's verbatim row: 14,732,686 enqueued, 11,552,609 dropped, 3,180,074 processed.
    within(r.dropPps, 11_552_609, 0.03);
  });

  it('bulk-average 8.00', () => {
    expect(measure('kernel=5.0&stack=udp-noport').bulkAverage.toFixed(2)).toBe('8.00');
    expect(measure('kernel=5.2&stack=iptables-drop').bulkAverage.toFixed(2)).toBe('8.00');
  });
});
