/**
 * 5.9+ entry programs (struct bpf_cpumap_val's bpf_prog, run by cpu_map_bpf_prog_run_xdp in the
 * kthread before the SKBs are built): what the stack gets, what the tracepoint and xdp-bench count,
 * what the program costs, and the refusal on kernels before 5.9.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { runSim } from '../../src/cli/run';
import type { RunReport } from '../../src/cli/report';
import { parseScenario } from '../../src/scenario/parse';
import { engineOf, MS } from './helpers';

function exact(e: Engine): void {
  const a = e.world.acct;
  expect(e.check()).toEqual([]);
  expect(a.offered).toBe(a.terminal() + e.inFlight());
}

const ONE = 'kernel=5.10&rx=0&rate=1M&prog=rr&arrival=constant&stack=deliver';

describe('5.10: an entry program in the kthread', () => {
  it('5.10: an entry program that drops every frame: the stack gets nothing and xdp_stats counts the drops', () => {
    const e = engineOf(`${ONE}&entries=4:2048:prog=drop`);
    e.runUntil(5 * MS);
    const c = e.world.counters;
    expect(c.kthProcessed[4]).toBeGreaterThan(4000);
    expect(c.kthXdpDrop[4]).toBe(c.kthProcessed[4]);
    expect(c.kthXdpPass[4] + c.kthXdpRedirect[4]).toBe(0);
    // XDP_DROP in the kthread is not a kthread drop (that counts failed SKBs and NET_RX_DROP).
    expect(c.kthDrops[4]).toBe(0);
    expect(e.world.acct.delivered + e.world.acct.stackDropped).toBe(0);
    exact(e);
    const out = runSim([`${ONE}&entries=4:2048:prog=drop`, '--duration', '5ms', '--format', 'xdp-bench', '-e']).stdout;
    expect(out).toMatch(/^ {4}xdp_stats +0 pass\/s +[\d,]+ drop\/s +0 redir\/s$/m);
    expect(out).toMatch(/^ {6}cpu:4 +0 pass\/s +[\d,]+ drop\/s +0 redir\/s$/m);
  });

  it('5.10: prog=drop:0.25 drops every fourth frame and passes the rest to the stack', () => {
    const e = engineOf(`${ONE}&entries=4:2048:prog=drop:0.25`);
    e.runUntil(5 * MS);
    const c = e.world.counters;
    const seen = c.kthXdpPass[4] + c.kthXdpDrop[4];
    expect(seen).toBe(c.kthProcessed[4]);
    expect(Math.abs(c.kthXdpDrop[4] - seen / 4)).toBeLessThanOrEqual(1);
    // The tracepoint counts a batch when its iteration ends; the stack has it at once.
    expect(e.world.acct.delivered - c.kthXdpPass[4]).toBeGreaterThanOrEqual(0);
    expect(e.world.acct.delivered - c.kthXdpPass[4]).toBeLessThanOrEqual(8);
    exact(e);
  });

  it('5.10: XDP_REDIRECT sends the frame out of the cpumap path: counted as xdp_redirect, no SKB is built for it', () => {
    const e = engineOf(`${ONE}&entries=4:2048:prog=redirect:0.5`, { traceCapacity: 100_000 });
    e.runUntil(5 * MS);
    const c = e.world.counters;
    expect(c.kthXdpRedirect[4]).toBeGreaterThan(2000);
    // The tracepoint counts a batch when its iteration ends: at most one batch behind.
    expect(e.world.acct.entryProgRedirected - c.kthXdpRedirect[4]).toBeLessThanOrEqual(8);
    expect(e.world.acct.delivered - c.kthXdpPass[4]).toBeLessThanOrEqual(8);
    expect(e.world.acct.entryProgRedirected).toBeGreaterThanOrEqual(c.kthXdpRedirect[4]);
    // The tracepoint's fields add up to the batch for every hit.
    for (const ev of e.world.traceRing!.read().filter((x) => x.kind === 'kthread')) {
      expect(ev.xdpStats!.pass + ev.xdpStats!.drop + ev.xdpStats!.redirect).toBe(ev.processed);
    }
    exact(e);
  });

  it('5.10: a frame the program redirects ends "redirected", not "delivered", in the frame totals and the JSON', () => {
    const e = engineOf(`${ONE}&entries=4:2048:prog=redirect:0.5`);
    e.runUntil(5 * MS);
    const t = e.frameTotals();
    expect(t.redirected).toBe(e.world.acct.entryProgRedirected);
    expect(t.redirected).toBeGreaterThan(2000);
    // Only the frames the program passed reached the stack (every other one, so about as many).
    expect(t.delivered).toBe(e.world.acct.delivered);
    expect(Math.abs(t.delivered - t.redirected)).toBeLessThanOrEqual(8);
    expect(t.offered).toBe(
      t.nicDropped + t.xdpDropped + t.redirectErr + t.ringFull + t.stackDropped + t.delivered + t.redirected + t.inFlight,
    );
    const json = JSON.parse(runSim([`${ONE}&entries=4:2048:prog=redirect:0.5`, '--duration', '5ms', '--json']).stdout) as RunReport;
    expect(json.frames.redirected).toBe(t.redirected);
    expect(json.frames.delivered).toBe(t.delivered);
    // Without a program nothing is redirected.
    expect(engineOf(`${ONE}&entries=4:2048`).frameTotals().redirected).toBe(0);
  });

  it('5.10: the program costs the kthread time per frame: saturated, it handles fewer frames with a pass-all program than without', () => {
    const handled = (entries: string): number => {
      const e = engineOf(`kernel=5.10&rx=3&entries=${entries}&rate=19.4M&link=40&prog=rr&arrival=constant&stack=iptables-drop`);
      e.runUntil(10 * MS);
      return e.world.counters.kthProcessed[4];
    };
    const none = handled('4:128');
    const pass = handled('4:128:prog=pass');
    const drop = handled('4:128:prog=drop');
    expect(pass).toBeLessThan(none);
    // Dropping skips the SKB and the stack, so a drop-all program is far faster than both.
    expect(drop).toBeGreaterThan(none);
  });

  it("5.10: the JSON's kthread rows carry xdpPassPps, xdpDropPps and xdpRedirectPps; 5.4's rows do not", () => {
    const report = (q: string): RunReport => JSON.parse(runSim([q, '--duration', '3ms', '--warmup', '1ms', '--json']).stdout) as RunReport;
    const v510 = report(`${ONE}&entries=4:2048:prog=drop:0.25`).kthread[0];
    expect(v510.xdpDropPps! / (v510.xdpPassPps! + v510.xdpDropPps!)).toBeCloseTo(0.25, 2);
    expect(v510.xdpRedirectPps).toBe(0);
    const v54 = report('kernel=5.4&rx=0&entries=4:2048&rate=1M&prog=rr').kthread[0];
    expect(Object.keys(v54)).toEqual(['cpu', 'pps', 'dropPps', 'schedPps']);
  });
});

describe('entry programs in the scenario', () => {
  it('5.4: an entry with a program is refused with a clear message', () => {
    const { scenario, problems } = parseScenario('kernel=5.4&entries=4:2048:prog=drop');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('entry programs need kernel 5.9 or later (kernel=5.10 or newer)');
    // The rest of the scenario is kept; the entries fall back to the default.
    expect(scenario.kernel).toBe('5.4');
  });
});

describe('5.10: a program given by an update in ops', () => {
  it('5.10: an update with prog=drop replaces the entry with one whose kthread drops every frame', () => {
    const e = engineOf(`${ONE}&entries=4:2048&ops=2ms:update:4:2048:prog=drop`);
    e.runUntil(2 * MS - 1);
    expect(e.world.map!.lookup(4)!.prog).toBeNull();
    e.runUntil(6 * MS);
    const entry = e.world.map!.lookup(4)!;
    expect(entry.prog).toEqual({ action: 'drop', fraction: 1 });
    expect(e.world.counters.kthXdpDrop[4]).toBeGreaterThan(2000);
    exact(e);
    const fraction = engineOf(`${ONE}&entries=4:2048&ops=2ms:update:4:2048:prog=drop:0.25`);
    fraction.runUntil(3 * MS);
    expect(fraction.ops.at(-1)).toMatchObject({
      op: 'update',
      result: '0',
      reason: 'new entry with qsize 2048 and an XDP program (drop 25%)',
    });
  });

  it('5.10: an update whose entry allocation fails returns -ENOMEM and leaves the old entry and its program', () => {
    const e = engineOf(`${ONE}&entries=4:2048:prog=pass&ops=1ms:failslab,1ms:update:4:64:prog=drop`);
    e.runUntil(3 * MS);
    expect(e.ops.at(-1)).toMatchObject({ op: 'update', result: '-ENOMEM' });
    expect(e.world.map!.lookup(4)!.prog).toEqual({ action: 'pass', fraction: 1 });
    exact(e);
  });
});

describe('5.4: an update with a program sent past the parser', () => {
  it('5.4: the entry gets no program (the value has no program fd before 5.9)', () => {
    const e = engineOf('kernel=5.4&rx=0&rate=1M&prog=rr&entries=4:2048');
    e.runUntil(MS);
    const rec = e.apply({ at: 0, op: 'update', key: 4, qsize: 64, flags: 0, prog: { action: 'drop', fraction: 1 } });
    expect(rec).toMatchObject({ result: '0', reason: 'new entry with qsize 64' });
    expect(e.world.map!.lookup(4)!.prog).toBeNull();
  });
});
