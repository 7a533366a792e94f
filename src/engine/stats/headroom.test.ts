import { describe, expect, it } from 'vitest';
import { BUSY_KINDS, BUSY_KSOFTIRQD, BUSY_KTHREAD, BUSY_SOFTIRQ, BUSY_SWITCH } from '../kernel/busyKinds';
import { busySnapshot, headroomShares } from './headroom';

/** Two CPUs' busyNs as Cpu keeps them. */
function busy(...perCpu: number[][]): Float64Array {
  return busySnapshot(perCpu.map((b) => ({ busyNs: Float64Array.from(b) })));
}

describe('headroomShares', () => {
  it("gives each CPU's shares of the window, idle the rest, summing to 1", () => {
    const then = busy([100, 0, 0, 0], [0, 0, 50, 0]);
    const now = busy([400, 100, 0, 0], [0, 0, 950, 50]);
    const [a, b] = headroomShares(then, now, 1000);
    expect(a).toEqual({ cpu: 0, softirq: 0.3, ksoftirqd: 0.1, kthread: 0, switch: 0, idle: 0.6 });
    expect(b).toEqual({ cpu: 1, softirq: 0, ksoftirqd: 0, kthread: 0.9, switch: 0.05, idle: expect.closeTo(0.05, 12) as number });
    for (const h of [a, b]) expect(h.softirq + h.ksoftirqd + h.kthread + h.switch + h.idle).toBeCloseTo(1, 12);
  });

  it('scales an action charged past the window end down to the window (idle 0), and an empty window to idle 1', () => {
    const then = busy([0, 0, 0, 0]);
    const now = busy([0, 0, 1200, 0]);
    expect(headroomShares(then, now, 1000)[0]).toEqual({ cpu: 0, softirq: 0, ksoftirqd: 0, kthread: 1, switch: 0, idle: 0 });
    expect(headroomShares(then, now, 0)[0].idle).toBe(1);
  });

  it('reads busyNs by the BUSY_* indexes', () => {
    const b = new Array<number>(BUSY_KINDS).fill(0);
    b[BUSY_SOFTIRQ] = 1;
    b[BUSY_KSOFTIRQD] = 2;
    b[BUSY_KTHREAD] = 3;
    b[BUSY_SWITCH] = 4;
    const [h] = headroomShares(busy([0, 0, 0, 0]), busy(b), 10);
    expect([h.softirq, h.ksoftirqd, h.kthread, h.switch, h.idle].map((x) => Math.round(x * 10))).toEqual([1, 2, 3, 4, 0]);
  });
});
