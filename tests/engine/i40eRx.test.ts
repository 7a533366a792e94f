/**
 * The i40e driver's side of the RX CPU: adaptive interrupt moderation (i40e_update_itr) and page
 * recycling (i40e_can_reuse_rx_page).
 */
import { describe, expect, it } from 'vitest';
import { RxItr, i40eUpdateEnableItr, i40eUpdateItr } from '../../src/engine/kernel/i40eItr';
import { i40eRxPageNeedsAlloc } from '../../src/engine/kernel/i40ePageReuse';
import { FramePool } from '../../src/engine/sim/framePool';
import { engineOf, MS } from './helpers';

/** An ITR whose last update was at `now`, so the next one counts (no jiffy has passed). */
function itrAt(linkGbps: number, current: number): RxItr {
  const rc = new RxItr(linkGbps);
  rc.current = current;
  rc.target = current;
  rc.nextUpdate = 1;
  return rc;
}

describe('i40e_update_itr', () => {
  it('1 to 3 packets an interrupt: low-latency mode, 2 us', () => {
    const rc = itrAt(40, 50);
    rc.count(1, 60);
    i40eUpdateEnableItr(rc, 0.5 * MS);
    expect(rc.current).toBe(2);
  });

  it('4 to 55 packets: the delay grows 2 us per interrupt, up to 126 us', () => {
    const rc = itrAt(40, 10);
    rc.count(20, 60);
    i40eUpdateItr(rc, 0.5 * MS);
    expect(rc.target).toBe(12);
    rc.target = 126;
    rc.count(20, 60);
    i40eUpdateItr(rc, 0.5 * MS);
    expect(rc.target).toBe(126);
  });

  it('56 to 112 packets keep the delay; 113 to 256 halve it', () => {
    const keep = itrAt(40, 40);
    keep.count(100, 60);
    i40eUpdateItr(keep, 0.5 * MS);
    expect(keep.target).toBe(40);
    const halve = itrAt(40, 40);
    halve.count(200, 60);
    i40eUpdateItr(halve, 0.5 * MS);
    expect(halve.target).toBe(20);
  });

  it('more than 256 packets: bulk mode from the frame size and link speed (64-byte frames, 60 bytes without the FCS: 4 us at 40G, 16 us at 10G)', () => {
    for (const [link, usecs] of [
      [40, 4],
      [10, 16],
    ] as const) {
      const rc = itrAt(link, 50);
      rc.count(1000, 60);
      i40eUpdateItr(rc, 0.5 * MS);
      expect(rc.target).toBe(usecs);
    }
    const big = itrAt(10, 50);
    big.count(1000, 1514);
    i40eUpdateItr(big, 0.5 * MS);
    expect(big.target).toBe(118);
  });

  it('an interrupt cycle longer than a jiffy starts over at the low-latency default', () => {
    const rc = itrAt(40, 50);
    rc.count(1000, 60);
    i40eUpdateItr(rc, 5 * MS);
    expect(rc.target & 0x1ffe).toBe(2);
  });

  it('after a new ITR is written, the next three interrupts keep it whatever they count', () => {
    const rc = itrAt(40, 50);
    rc.count(1, 60);
    i40eUpdateEnableItr(rc, 0.2 * MS);
    expect(rc.current).toBe(2);
    for (let i = 0; i < 3; i++) {
      rc.count(1000, 60);
      i40eUpdateEnableItr(rc, 0.3 * MS);
      expect(rc.current).toBe(2);
    }
    rc.count(1000, 60);
    i40eUpdateEnableItr(rc, 0.4 * MS);
    expect(rc.current).toBe(4);
  });

  it('in a run, a trickle keeps the queue at 2 us and line rate moves it to bulk mode', () => {
    const trickle = engineOf('rx=0&entries=4:192&rate=25476&link=40&arrival=constant');
    trickle.runUntil(20 * MS);
    expect(trickle.world.nicQueues[0].itr.current).toBe(2);
    const busy = engineOf('rx=0&entries=4:2048,5:2048&rate=8M&link=40&prog=hash&arrival=constant&stack=iptables-drop');
    busy.runUntil(20 * MS);
    expect(busy.world.nicQueues[0].itr.current).toBeGreaterThan(2);
  });
});

describe('i40e_can_reuse_rx_page', () => {
  it('a descriptor reuses its page while the frame of its last lap has been freed, and needs a new one while it is held', () => {
    const pool = new FramePool(16);
    pool.reserveDescriptors(4);
    const a = pool.alloc(0, 0, 0);
    expect(i40eRxPageNeedsAlloc(pool.halfHolder, pool.heldHalf, 2, a)).toBe(false);
    const b = pool.alloc(0, 0, 0);
    // `a` still holds the other half: the next lap of descriptor 2 needs a fresh page.
    expect(i40eRxPageNeedsAlloc(pool.halfHolder, pool.heldHalf, 2, b)).toBe(true);
    // The fresh page's other half was never used: the lap after reuses it.
    const c = pool.alloc(0, 0, 0);
    expect(i40eRxPageNeedsAlloc(pool.halfHolder, pool.heldHalf, 2, c)).toBe(false);
    pool.release(c);
    const d = pool.alloc(0, 0, 0);
    expect(i40eRxPageNeedsAlloc(pool.halfHolder, pool.heldHalf, 2, d)).toBe(false);
    // Freeing `a`, whose page the descriptor gave up, touches nothing of descriptor 2's new page.
    pool.release(a);
    const e = pool.alloc(0, 0, 0);
    expect(i40eRxPageNeedsAlloc(pool.halfHolder, pool.heldHalf, 2, e)).toBe(true);
  });

  it('a kthread slower than one lap of the RX ring costs the RX CPU a page allocation (121 ns) for most delivered frames (UdpNoPorts, qsize 192); a faster one costs none (iptables DROP)', () => {
    const rxTime = (stack: string) => {
      const e = engineOf(`kernel=5.0&rx=3&entries=4:192&rate=13M&link=40&prog=rr&arrival=constant&stack=${stack}`);
      e.runUntil(50 * MS);
      const busy = e.world.cpus[3].busyNs;
      return { busy: busy[0] + busy[1], delivered: e.world.counters.kthProcessed[4], polled: e.world.counters.rxProcessed[3] };
    };
    const udp = rxTime('udp-noport');
    const ipt = rxTime('iptables-drop');
    // Per frame the RX CPU polls, UdpNoPorts costs more by about a page allocation for each frame
    // its kthread delivered (its few extra ring-full returns cost 4.3 ns each).
    const extraPerDelivered = ((udp.busy / udp.polled - ipt.busy / ipt.polled) * udp.polled) / udp.delivered;
    expect(extraPerDelivered).toBeGreaterThan(60);
  });
});
