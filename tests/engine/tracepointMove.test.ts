/**
 * 6.12 ("bpf: cpumap: Move xdp:xdp_cpumap_kthread tracepoint before rcv", switch
 * tracepointBeforeReceive): the kthread's hit fires once the batch's SKBs are built, before the
 * stack's work on them, so the time from a frame's xdp_cpumap_enqueue hit to its kthread's hit is
 * the ring's queueing and the kthread's own work, without the stack's.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import type { TraceEvent } from '../../src/engine/kernel/tracepoints';
import { COST } from '../../src/engine/sim/costModel';
import { releaseOf } from '../../src/engine/switches';
import { engineOf, exact, MS } from './helpers';

/** One frame every 50 µs into one kthread: every iteration takes one frame. */
const TRICKLE = 'rx=0&entries=4:192&rate=20k&arrival=constant&stack=udp-noport';

function hits(e: Engine, until: number): TraceEvent[] {
  e.runUntil(until);
  return e.world.traceRing!.read();
}

describe('6.12: the kthread tracepoint before the receive', () => {
  it('6.12: the move is a 6.12 change', () => {
    expect(releaseOf('tracepointBeforeReceive')).toBe('6.12');
  });

  it("6.12: each xdp_cpumap_kthread hit fires before the stack's work on its batch, earlier by that work; nothing else moves", () => {
    const moved = engineOf(`kernel=6.12&${TRICKLE}`, { traceCapacity: 4096 });
    const atEnd = engineOf(`kernel=6.12&${TRICKLE}`, { traceCapacity: 4096, switches: { tracepointBeforeReceive: false } });
    const a = hits(moved, 10 * MS);
    const b = hits(atEnd, 10 * MS);
    expect(a.length).toBe(b.length);
    const kthread = a.filter((h) => h.kind === 'kthread' && h.processed > 0);
    expect(kthread.length).toBeGreaterThan(150);
    for (let i = 0; i < a.length; i++) {
      // The stack's work per SKB: UdpNoPorts, at 5.13's list-receive share.
      const shift = a[i].kind === 'kthread' ? a[i].processed * moved.world.stackNs : 0;
      expect({ ...a[i], at: a[i].at + shift }).toEqual({ ...b[i], at: expect.closeTo(b[i].at, 6) });
    }
    expect(moved.world.acct).toEqual(atEnd.world.acct);
    exact(moved);
  });

  it('6.12: from enqueue hit to kthread hit is now the queueing and the SKB build, not the stack', () => {
    const gap = (e: Engine): number => {
      const a = hits(e, 10 * MS);
      const gaps: number[] = [];
      for (let i = 1; i < a.length; i++) if (a[i].kind === 'kthread' && a[i - 1].kind === 'enqueue') gaps.push(a[i].at - a[i - 1].at);
      return gaps.reduce((x, y) => x + y, 0) / gaps.length;
    };
    const e612 = engineOf(`kernel=6.12&${TRICKLE}`, { traceCapacity: 4096 });
    const v612 = gap(e612);
    const v66 = gap(engineOf(`kernel=6.6&${TRICKLE}`, { traceCapacity: 4096 }));
    expect(e612.world.stackNs).toBeCloseTo(COST.stackUdpNoPort * COST.listReceiveStackShare, 6);
    expect(v66 - v612).toBeCloseTo(e612.world.stackNs, 3);
    // Left: the wake-up of the sleeping kthread and its one-frame batch up to the SKB's build.
    expect(v612).toBeLessThan(COST.wakeupLatency + 200);
  });

  it('6.18: with GRO the hit fires before gro_receive_skb, so a merged SKB held for later is already counted', () => {
    const e = engineOf('kernel=6.18&traffic=tcp&rx=3&entries=4:2048&rate=10M&link=40&arrival=constant&prog=rr&stack=deliver', {
      traceCapacity: 64,
    });
    e.runUntil(4.5 * MS);
    const held = e.entries[0].gro!.frames;
    expect(held).toBeGreaterThan(0);
    // Every frame the kthread consumed is in a hit (fired or due), held in GRO or not.
    const k = e.entries[0].kthread;
    const counted = e.world.counters.kthProcessed[4] + (k.tracePending ? k.traceProcessed : 0);
    const a = e.world.acct;
    expect(counted).toBe(a.delivered + held);
  });
});
