/**
 * 5.13's list receive: the kthread hands the batch's SKBs to netif_receive_skb_list, which costs
 * less per SKB (the fitted share of the stack's cost), and its tracepoint's drops no longer count
 * NET_RX_DROP (netif_receive_skb_list returns nothing). And 6.1, which the model runs as 5.15.
 */
import { describe, expect, it, vi } from 'vitest';
import { runSim } from '../../src/cli/run';
import { COST } from '../../src/engine/sim/costModel';
import { engineOf, exact, MS } from './helpers';

// A verdict for which netif_receive_skb_core returns NET_RX_DROP (none of the modelled ones does),
// so that the tests can see who counts it.
const netRxDrop = vi.hoisted(() => ({ on: false }));
vi.mock('../../src/engine/kernel/netstack', async (original) => {
  const real = await original<typeof import('../../src/engine/kernel/netstack')>();
  return { ...real, returnsNetRxDrop: () => netRxDrop.on };
});

/** The 2019 overload setup with UdpNoPorts: one kthread saturated, its ring full. */
const UDP_OVERLOAD = 'rx=3&entries=4:128&rate=19.4M&link=40&prog=rr&arrival=constant&stack=udp-noport';

/** Frames a saturated kthread handles per second between 5 and 20 ms. */
function kthreadPps(query: string): number {
  const e = engineOf(query);
  e.runUntil(5 * MS);
  const before = e.world.counters.kthProcessed[4];
  e.runUntil(20 * MS);
  exact(e);
  return ((e.world.counters.kthProcessed[4] - before) * 1e9) / (15 * MS);
}

describe('5.13: netif_receive_skb_list in the kthread', () => {
  it('5.15: a saturated kthread in the UdpNoPorts overload handles as many more frames as the published 2.35 to 2.72 Mpps', () => {
    const v510 = kthreadPps(`kernel=5.10&${UDP_OVERLOAD}`);
    const v515 = kthreadPps(`kernel=5.15&${UDP_OVERLOAD}`);
    expect(v515 / v510).toBeGreaterThan((2.72 / 2.35) * 0.99);
    expect(v515 / v510).toBeLessThan((2.72 / 2.35) * 1.01);
  });

  it('5.15: the list saves the same share of the stack for iptables-drop, a prediction', () => {
    const q = 'rx=3&entries=4:128&rate=19.4M&link=40&prog=rr&arrival=constant&stack=iptables-drop';
    const v510 = kthreadPps(`kernel=5.10&${q}`);
    const v515 = kthreadPps(`kernel=5.15&${q}`);
    // Per frame: the saving is (1 - share) of iptables' 90.81 ns.
    const saved = 1e9 / v510 - 1e9 / v515;
    expect(saved).toBeGreaterThan(COST.stackIptablesDrop * (1 - COST.listReceiveStackShare) * 0.97);
    expect(saved).toBeLessThan(COST.stackIptablesDrop * (1 - COST.listReceiveStackShare) * 1.03);
  });

  it('5.15: the kthread drops no longer count NET_RX_DROP, which 5.10 counted', () => {
    netRxDrop.on = true;
    try {
      const q = 'rx=0&entries=4:192&rate=200k&prog=rr&arrival=constant';
      const v510 = engineOf(`kernel=5.10&${q}`);
      v510.runUntil(3 * MS);
      expect(v510.world.counters.kthProcessed[4]).toBeGreaterThan(400);
      expect(v510.world.counters.kthDrops[4]).toBe(v510.world.counters.kthProcessed[4]);
      const v515 = engineOf(`kernel=5.15&${q}`);
      v515.runUntil(3 * MS);
      expect(v515.world.counters.kthProcessed[4]).toBe(v510.world.counters.kthProcessed[4]);
      expect(v515.world.counters.kthDrops[4]).toBe(0);
      exact(v515);
    } finally {
      netRxDrop.on = false;
    }
  });
});

describe('6.1: as 5.15 for the model', () => {
  it.each([
    ['a trickle', 'rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant'],
    ['an overload', UDP_OVERLOAD],
    ['generic XDP', 'rx=0&entries=4:256&rate=2M&prog=rr&mode=skb'],
    ['an entry deleted under load', 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=5ms:delete:4'],
  ])('6.1: %s runs exactly as on 5.15', (_name, query) => {
    const run = (kernel: string): string =>
      runSim([`kernel=${kernel}&${query}`, '--duration', '8ms', '--json']).stdout.replace(`"kernel=${kernel}&`, '"kernel=X&');
    expect(run('6.1')).toBe(run('5.15'));
  });
});
