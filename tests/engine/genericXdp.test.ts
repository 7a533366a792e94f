/**
 * Generic (SKB-mode) XDP redirecting into a cpumap, `mode=skb`: from 5.15 cpu_map_generic_redirect
 * puts each SKB into the ring itself (no bulk queue, a wake-up and an enqueue tracepoint per SKB);
 * before 5.15 xdp_do_generic_redirect_map fails every such redirect with -EBADRQC.
 */
import { describe, expect, it } from 'vitest';
import { runSim } from '../../src/cli/run';
import { formatTraceLine } from '../../src/engine/stats/tracePipe';
import { addHeartbeat, engineOf, exact, MS } from './helpers';

const ONE = 'rx=0&entries=4:256&rate=1M&prog=rr&arrival=constant&mode=skb';

describe('5.15: generic XDP into a cpumap', () => {
  it('5.15: each SKB goes into the ring on its own: no bulk queue, one xdp_cpumap_enqueue per SKB with processed=1', () => {
    const e = engineOf(`kernel=5.15&${ONE}`, { traceCapacity: 4096 });
    addHeartbeat(e, 3 * MS, 50_000);
    let bulkUsed = 0;
    for (let t = 50_000; t <= 3 * MS; t += 50_000) {
      e.runUntil(t);
      bulkUsed += e.entries[0].bqTotal + e.world.map!.flushLists[0].length;
    }
    expect(bulkUsed).toBe(0);
    const enqueues = e.world.traceRing!.read().filter((ev) => ev.kind === 'enqueue');
    expect(enqueues.length).toBeGreaterThan(1000);
    expect(enqueues.every((ev) => ev.processed === 1 && ev.drops === 0 && ev.extra === 4)).toBe(true);
    const c = e.world.counters;
    expect(c.enqEvents[4]).toBe(c.enqProcessed[4]);
    expect(c.kthProcessed[4]).toBeGreaterThan(2900);
    expect(c.kthDrops[4]).toBe(0);
    exact(e);
    const out = runSim([`kernel=5.15&${ONE}`, '--duration', '5ms', '--format', 'xdp-bench', '-e']).stdout;
    expect(out).toMatch(/^ {2}enqueue to cpu 4 +[\d,]+ pkt\/s +0 drop\/s +1\.00 bulk-avg$/m);
    expect(out).toMatch(/^ {2}kthread total +[\d,]+ pkt\/s +0 drop\/s +[\d,]+ sched$/m);
  });

  it('5.15: the enqueue tracepoint fires once per SKB as it enters the ring, spread over the poll, not at its end', () => {
    const q = 'rx=0&entries=4:2048&rate=4M&prog=rr&arrival=constant';
    const hits = (mode: string) => {
      const e = engineOf(`kernel=5.15&${q}&mode=${mode}`, { traceCapacity: 4096 });
      e.runUntil(2 * MS);
      return e.world.traceRing!.read().filter((ev) => ev.kind === 'enqueue');
    };
    const generic = hits('skb').map((ev) => ev.at);
    // One SKB at a time: every hit at its own time, at least one SKB's RX work apart.
    const gaps = generic.slice(1).map((t, i) => t - generic[i]);
    expect(Math.min(...gaps)).toBeGreaterThan(100);
    // Native: the bulk queues are flushed at the end of each poll, 8 frames to a hit.
    const native = hits('native');
    expect(native.reduce((n, ev) => n + ev.processed, 0) / native.length).toBeGreaterThan(6);
  });

  it('5.15: a full ring refuses the SKB: the enqueue tracepoint counts a drop with processed=0, and the redirect fails with -ENOSPC', () => {
    const q = 'kernel=5.15&rx=0,1,2&entries=4:64&rate=14M&prog=rr&arrival=constant&mode=skb&stack=udp-noport';
    const e = engineOf(q, { traceCapacity: 4096 });
    e.runUntil(4 * MS);
    const c = e.world.counters;
    const drops = c.enqDrops[4] + c.enqDrops[64 + 4] + c.enqDrops[128 + 4];
    const nospc = c.redirectErrNospc[0] + c.redirectErrNospc[1] + c.redirectErrNospc[2];
    expect(drops).toBeGreaterThan(1000);
    expect(nospc).toBe(drops);
    expect(e.world.acct.ringFull).toBe(drops);
    expect(e.world.acct.redirectErr).toBe(0);
    const events = e.world.traceRing!.read();
    const refused = events.filter((ev) => ev.kind === 'enqueue' && ev.drops === 1);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((ev) => ev.processed === 0)).toBe(true);
    const err = events.find((ev) => ev.kind === 'redirect_err')!;
    expect(formatTraceLine(err)).toMatch(/xdp_redirect_map_err: .* err=-28 map_id=7 map_index=4$/);
    exact(e);
    const out = runSim([q, '--duration', '4ms', '--format', 'xdp-bench']).stdout;
    expect(out).toMatch(/^ {4}ENOSPC +[\d,]+ error\/s$/m);
  });

  it('5.15: generic XDP costs the RX CPU an SKB per frame: one RX CPU at overload redirects fewer frames than native', () => {
    const q = 'kernel=5.15&rx=3&entries=4:2048&rate=19.4M&link=40&prog=rr&arrival=constant&stack=iptables-drop';
    const rx = (query: string): number => {
      const e = engineOf(query);
      e.runUntil(5 * MS);
      const before = e.world.counters.rxProcessed[3];
      e.runUntil(15 * MS);
      exact(e);
      return e.world.counters.rxProcessed[3] - before;
    };
    expect(rx(`${q}&mode=skb`) / rx(q)).toBeLessThan(0.6);
  });

  it('5.15: an entry program on generic SKBs stops at the first SKB it drops, and counts no XDP_PASS', () => {
    const e = engineOf('kernel=5.15&rx=0&entries=4:2048:prog=drop:0.5&rate=3M&prog=rr&arrival=constant&mode=skb&stack=deliver');
    e.runUntil(5 * MS);
    const c = e.world.counters;
    const processed = c.kthProcessed[4];
    expect(processed).toBeGreaterThan(10_000);
    // On xdp_frames the program would drop half; on SKBs it stops after the first drop of a batch.
    expect(c.kthXdpDrop[4]).toBeLessThan(processed / 4);
    expect(c.kthXdpDrop[4]).toBeGreaterThan(0);
    expect(c.kthXdpPass[4]).toBe(0);
    // The tracepoint of the batch in progress may not have fired yet.
    expect(e.world.acct.entryProgDropped - c.kthXdpDrop[4]).toBeLessThanOrEqual(1);
    exact(e);
  });

  it('6.15: with the SKB array, the entry program runs on every generic SKB and counts each XDP_PASS', () => {
    // The 6.15 change alone, on the 5.15 code (skbArray), so nothing else of 6.15 is involved.
    const q = 'kernel=5.15&rx=0&entries=4:2048:prog=drop:0.5&rate=3M&prog=rr&arrival=constant&mode=skb&stack=deliver';
    const e = engineOf(q, { switches: { skbArray: true } });
    e.runUntil(5 * MS);
    const c = e.world.counters;
    expect(c.kthProcessed[4]).toBeGreaterThan(10_000);
    expect(Math.abs(c.kthXdpDrop[4] - c.kthProcessed[4] / 2)).toBeLessThanOrEqual(1);
    expect(c.kthXdpPass[4] + c.kthXdpDrop[4]).toBe(c.kthProcessed[4]);
    exact(e);
  });

  it('v515-generic-xdp preset: bulk-avg 1.00, the RX CPU saturated near 5.3 Mpps with the NIC dropping the rest, the kthread keeping up', () => {
    const out = runSim([
      'kernel=5.15&rx=3&entries=4:2048&rate=10M&prog=rr&arrival=constant&mode=skb&stack=iptables-drop',
      '--duration',
      '20ms',
      '--warmup',
      '5ms',
      '--json',
    ]).stdout;
    const r = JSON.parse(out) as {
      rx: { pps: number; nicDropPps: number }[];
      enqueue: { pps: number; dropPps: number; bulkAvg: number }[];
    };
    expect(r.rx[0].pps).toBeGreaterThan(5.0e6);
    expect(r.rx[0].pps).toBeLessThan(5.6e6);
    expect(r.rx[0].nicDropPps).toBeGreaterThan(4e6);
    expect(r.enqueue[0].bulkAvg).toBe(1);
    expect(r.enqueue[0].dropPps).toBe(0);
  });
});

describe('before 5.15: generic XDP cannot redirect into a cpumap', () => {
  it.each(['5.0', '5.2', '5.4', '5.10'])(
    '%s: every generic redirect into the cpumap fails with -EBADRQC, a redirect error the tools call Unknown',
    (kernel) => {
      const e = engineOf(`kernel=${kernel}&${ONE}`, { traceCapacity: 256 });
      e.runUntil(3 * MS);
      const c = e.world.counters;
      expect(c.rxProcessed[0]).toBeGreaterThan(2900);
      expect(c.redirectErr[0]).toBe(c.rxProcessed[0]);
      expect(c.redirectErrBadrqc[0]).toBe(c.redirectErr[0]);
      expect(c.enqEvents[4] + c.kthProcessed[4]).toBe(0);
      expect(e.world.acct.redirectErr).toBe(c.rxProcessed[0]);
      const err = e.world.traceRing!.read().find((ev) => ev.kind === 'redirect_err')!;
      expect(formatTraceLine(err)).toMatch(/xdp_redirect_map_err: .* err=-56 map_id=7 map_index=4$/);
      exact(e);
      const out = runSim([`kernel=${kernel}&${ONE}`, '--duration', '3ms', '--format', 'xdp-bench']).stdout;
      expect(out).toMatch(/^ {2}redirect_err +[\d,]+ error\/s$/m);
      expect(out).toMatch(/^ {4}Unknown +[\d,]+ error\/s$/m);
    },
  );
});
