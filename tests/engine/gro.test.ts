/**
 * 6.15's GRO in the kthread (switch kthreadGro), modelled in src/engine/kernel/gro.ts and
 * kthreadGro.ts: what merges, what GRO's limits send up, when the flushes come, and what the
 * stack's work per merged SKB does to the kthread's rate.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { cpuMapGroFlush, GroNode, groReceiveSkb, GRO_HASH_BUCKETS, MAX_GRO_SKBS, type SendUp } from '../../src/engine/kernel/gro';
import { hash32 } from '../../src/engine/sim/rng';
import { releaseOf } from '../../src/engine/switches';
import { engineOf, exact, MS } from './helpers';

/** A sendUp that records each SKB's segment count and takes no time. */
function recorder(): { up: SendUp; sizes: number[] } {
  const sizes: number[] = [];
  return { sizes, up: (frames, at) => (sizes.push(frames.length), at) };
}

/** Flows that land in one GRO bucket (the model's bucket is the flow hash masked to 8 lists). */
function flowsInOneBucket(count: number): number[] {
  const out: number[] = [];
  const want = hash32(0 ^ 0x27d4eb2d) & (GRO_HASH_BUCKETS - 1);
  for (let f = 0; out.length < count; f++) if ((hash32(f ^ 0x27d4eb2d) & (GRO_HASH_BUCKETS - 1)) === want) out.push(f);
  return out;
}

describe('6.15: gro_receive_skb and cpu_map_gro_flush', () => {
  it('6.15: GRO came with the cpumap GRO series, the NAPI-cache heads with it', () => {
    expect(releaseOf('kthreadGro')).toBe('6.15');
    expect(releaseOf('napiSkbCacheBulk')).toBe('6.15');
  });

  it('6.15: segments of one flow merge into one SKB until it would reach 64 KB; that one goes up and the segment starts the next', () => {
    const gro = new GroNode();
    const { up, sizes } = recorder();
    // 1464-byte payloads (1518-byte frames): 40 + 44 * 1464 = 64,456 < 65,536; a 45th would pass it.
    for (let i = 0; i < 100; i++) groReceiveSkb(gro, i, 7, 1464, 0, up);
    expect(sizes).toEqual([44, 44]);
    expect(gro.frames).toBe(12);
    cpuMapGroFlush(gro, true, 0, up);
    expect(sizes).toEqual([44, 44, 12]);
    expect(gro.frames).toBe(0);
    expect(gro.merged).toBe(97);
  });

  it('6.15: a bucket holds at most 8 SKBs: a ninth flow sends the oldest up', () => {
    const gro = new GroNode();
    const { up, sizes } = recorder();
    const flows = flowsInOneBucket(MAX_GRO_SKBS + 1);
    for (const f of flows.slice(0, MAX_GRO_SKBS)) for (let i = 0; i < 3; i++) groReceiveSkb(gro, f * 10 + i, f, 100, 0, up);
    expect(sizes).toEqual([]);
    groReceiveSkb(gro, 999, flows[MAX_GRO_SKBS], 100, 0, up);
    expect(sizes).toEqual([3]);
    expect(gro.frames).toBe(MAX_GRO_SKBS * 3 - 3 + 1);
  });

  it('6.15: UDP datagrams are never merged: each goes up at once', () => {
    const gro = new GroNode();
    const { up, sizes } = recorder();
    for (let i = 0; i < 10; i++) groReceiveSkb(gro, i, 3, 0, 0, up);
    expect(sizes).toEqual(Array(10).fill(1));
    expect(gro.frames).toBe(0);
    expect(gro.merged).toBe(0);
  });

  it('6.15: with frames left in the ring the flush sends up only SKBs held since an earlier jiffy; with the ring empty, all', () => {
    const gro = new GroNode();
    const { up, sizes } = recorder();
    groReceiveSkb(gro, 1, 1, 100, 0.5 * MS, up);
    groReceiveSkb(gro, 2, 2, 100, 1.2 * MS, up);
    cpuMapGroFlush(gro, false, 1.5 * MS, up);
    expect(sizes).toEqual([1]);
    cpuMapGroFlush(gro, false, 1.9 * MS, up);
    expect(sizes).toEqual([1]);
    cpuMapGroFlush(gro, true, 1.9 * MS, up);
    expect(sizes).toEqual([1, 1]);
  });
});

/**
 * 10 Mpps into one kthread whose stack delivers to a socket, with a ring large enough that the
 * kthread never waits for the RX CPU's polls: its rate is its own cost.
 */
const OVERLOAD = 'rx=3&entries=4:2048&rate=10M&link=40&prog=rr&arrival=constant&stack=deliver';

function kthreadPps(e: Engine, from: number, to: number): number {
  e.runUntil(from);
  const before = e.world.counters.kthProcessed[4];
  e.runUntil(to);
  return ((e.world.counters.kthProcessed[4] - before) * 1e9) / (to - from);
}

describe('6.18: GRO in the kthread under load', () => {
  it('6.18: TCP-like segments merge, the stack runs once per merged SKB, and the kthread handles more than on 6.12', () => {
    const tcp = engineOf(`kernel=6.18&traffic=tcp&${OVERLOAD}`);
    const pps = kthreadPps(tcp, 3 * MS, 10 * MS);
    const gro = tcp.entries[0].gro!;
    expect(gro.segmentsUp / gro.skbsUp).toBeGreaterThan(8);
    exact(tcp);
    const old = kthreadPps(engineOf(`kernel=6.12&traffic=tcp&${OVERLOAD}`), 3 * MS, 10 * MS);
    expect(pps / old).toBeGreaterThan(1.5);
  });

  it('6.18: UDP-like traffic gains nothing from GRO: nothing merges, and the GRO path makes the kthread about 11% slower than on 6.12', () => {
    const udp = engineOf(`kernel=6.18&${OVERLOAD}`);
    const pps = kthreadPps(udp, 3 * MS, 10 * MS);
    const gro = udp.entries[0].gro!;
    expect(gro.merged).toBe(0);
    expect(gro.segmentsUp).toBe(gro.skbsUp);
    exact(udp);
    const old = kthreadPps(engineOf(`kernel=6.12&${OVERLOAD}`), 3 * MS, 10 * MS);
    // The series' cover letter: 2.7 Mpps before, 2.4 Mpps with GRO off after it (0.889).
    expect(pps / old).toBeCloseTo(2.4 / 2.7, 2);
  });

  it('6.18: a trickle is never held: the empty ring flushes GRO fully after every batch', () => {
    const e = engineOf('kernel=6.18&traffic=tcp&rx=0&entries=4:192&rate=20k&flows=1&arrival=constant');
    e.runUntil(20 * MS);
    const gro = e.entries[0].gro!;
    expect(gro.frames).toBe(0);
    expect(gro.skbsUp).toBe(gro.segmentsUp);
    expect(e.world.acct.delivered).toBeGreaterThan(300);
    exact(e);
  });

  it('6.18: frames held in GRO are in flight, and a map freed under TCP-like load loses none of them', () => {
    const e = engineOf(`kernel=6.18&traffic=tcp&${OVERLOAD}&ops=5ms:free`);
    e.runUntil(4.5 * MS);
    expect(e.entries[0].gro!.frames).toBeGreaterThan(0);
    exact(e);
    e.runUntil(30 * MS);
    expect(e.entries[0].gro!.frames).toBe(0);
    exact(e);
  });

  it('before 6.15 the kthread has no GRO: TCP-like traffic is received SKB by SKB', () => {
    const e = engineOf(`kernel=6.12&traffic=tcp&${OVERLOAD}`);
    e.runUntil(5 * MS);
    expect(e.entries[0].gro).toBe(null);
    exact(e);
  });
});
