/** `npm run sim --json`'s latency and CPU headroom, from light load to overload. */
import { describe, expect, it } from 'vitest';
import { runSim } from '../../src/cli/run';
import { measureReport, type RunReport } from '../../src/cli/report';
import { Engine } from '../../src/engine/engine';
import { parseScenario } from '../../src/scenario/parse';

function report(query: string, duration = '20ms', warmup = '5ms'): RunReport {
  const r = runSim([query, '--duration', duration, '--warmup', warmup, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as RunReport;
}

/** One kthread on CPU 4 fed from RX CPU 3, at `rate`; CPU 6 has an entry the program never picks. */
const oneKthread = (rate: string) => `rx=3&entries=4:2048,6:256&rate=${rate}&prog=cpu:4&arrival=constant&stack=iptables-drop`;

describe('latency in the JSON', () => {
  const light = report(oneKthread('1M'));
  const overload = report(oneKthread('14.88M'));

  it('rises from a light load to overload, end to end and from flush to dequeue', () => {
    const at = (r: RunReport) => r.latency.find((l) => l.cpu === 4);
    const [l, o] = [at(light), at(overload)];
    // Overloaded, a frame waits behind a full ring of 2048 at the kthread's ~7.65 Mpps (about
    // 270 µs); at 1 Mpps it waits mostly for the NIC's interrupt moderation (tens of µs).
    expect(o?.p50).toBeGreaterThan(3 * (l?.p50 ?? Infinity));
    expect(o?.p99).toBeGreaterThan(l?.p99 ?? Infinity);
    expect(o?.enqueueToDequeue.p50).toBeGreaterThan(5 * (l?.enqueueToDequeue.p50 ?? Infinity));
  });

  it('has p50 <= p99 <= max on every target CPU, flush-to-dequeue within end to end', () => {
    for (const r of [light, overload]) {
      expect(r.latency.map((l) => l.cpu)).toEqual([4, 6]);
      const l = r.latency[0];
      const e = l.enqueueToDequeue;
      for (const s of [l, e]) {
        expect(s.p50).toBeGreaterThan(0);
        expect(s.p50).toBeLessThanOrEqual(s.p99 as number);
        expect(s.p99).toBeLessThanOrEqual(s.max as number);
      }
      expect(e.p50).toBeLessThanOrEqual(l.p50 as number);
      expect(e.p99).toBeLessThanOrEqual(l.p99 as number);
      expect(e.max).toBeLessThanOrEqual(l.max as number);
    }
  });

  it('gives nulls, not 0, for a target CPU whose kthread had no frame', () => {
    const none = { p50: null, p99: null, max: null };
    expect(light.latency[1]).toEqual({ cpu: 6, ...none, enqueueToDequeue: none });
  });
});

describe('headroom in the JSON', () => {
  const overload = report(oneKthread('14.88M'));

  it('has every CPU, each summing to 1', () => {
    expect(overload.headroom.map((h) => h.cpu)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const h of overload.headroom) {
      expect(h.softirq + h.ksoftirqd + h.kthread + h.switch + h.idle).toBeCloseTo(1, 9);
      for (const v of [h.softirq, h.ksoftirqd, h.kthread, h.switch, h.idle]) expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it('shows the overloaded kthread CPU with no idle time, the RX CPU busy, and unused CPUs idle', () => {
    const cpu = (n: number) => overload.headroom[n];
    expect(cpu(4).kthread).toBeGreaterThan(0.99);
    expect(cpu(4).idle).toBeLessThan(0.01);
    expect(cpu(3).softirq + cpu(3).ksoftirqd).toBeGreaterThan(0.3);
    for (const n of [0, 1, 2, 5, 6, 7]) expect(cpu(n)).toEqual({ cpu: n, softirq: 0, ksoftirqd: 0, kthread: 0, switch: 0, idle: 1 });
  });
});

describe('recording latency', () => {
  it('changes nothing else: a run without it (as --text and --trace run) reports the same figures', () => {
    const scenario = parseScenario(oneKthread('14.88M')).scenario;
    const withLatency = measureReport(new Engine(scenario), 5e6, 20e6);
    const without = measureReport(new Engine(scenario, { latency: false }), 5e6, 20e6);
    expect(withLatency.latency.length).toBeGreaterThan(0);
    expect(without.latency).toEqual([]);
    expect({ ...without, latency: withLatency.latency }).toEqual(withLatency);
  });
});
