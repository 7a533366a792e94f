/**
 * An RX queue's interrupt moved to another CPU (`irq` in `ops`, a write to smp_affinity): NAPI
 * stays on the CPU whose poll list it is on until napi_complete_done; the interrupt after that is
 * raised on the new CPU, whose polls then take the queue.
 */
import { describe, expect, it } from 'vitest';
import { engineOf, MS } from './helpers';

describe('moving an RX queue interrupt (smp_affinity)', () => {
  it('with NAPI idle, the next interrupt and every poll after it are on the new CPU', () => {
    const e = engineOf('rx=0&entries=4:256&rate=10k&arrival=constant&ops=5ms:irq:0:2');
    e.runUntil(5 * MS);
    const onCpu0 = e.world.counters.rxProcessed[0];
    expect(onCpu0).toBeGreaterThan(40);
    expect(e.ops.at(-1)?.reason).toBe("RX queue 0's interrupt goes to CPU 2 from now");
    e.runUntil(10 * MS);
    const q = e.world.nicQueues[0];
    expect([q.cpu, q.affinity]).toEqual([2, 2]);
    expect(e.world.cpus[2].nicQueues).toEqual([q]);
    expect(e.world.cpus[0].nicQueues).toEqual([]);
    expect(e.world.counters.rxProcessed[0]).toBe(onCpu0);
    expect(e.world.counters.rxProcessed[2]).toBeGreaterThanOrEqual(49);
    expect(e.check()).toEqual([]);
  });

  it('a NAPI poll scheduled on the old CPU finishes there; the interrupt after napi_complete_done goes to the new CPU', () => {
    const e = engineOf('rx=0&entries=4:256&rate=1M&prog=rr');
    // Stop while the queue's NAPI is scheduled on CPU 0.
    const q = e.world.nicQueues[0];
    expect(e.stepUntil(() => q.napiScheduled, 2 * MS)).toBe(true);
    const rec = e.applyHandOp({ at: e.now, op: 'irq', queue: 0, cpu: 3 });
    expect(rec.reason).toMatch(
      /^NAPI of RX queue 0 is scheduled on CPU 0: it is polled there until napi_complete_done, then its interrupt goes to CPU 3$/,
    );
    expect([q.cpu, q.affinity]).toEqual([0, 3]);
    const polledOn0 = e.world.counters.rxProcessed[0];
    expect(e.stepUntil(() => !q.napiScheduled, 3 * MS)).toBe(true);
    // The poll that was scheduled ran on CPU 0, then NAPI completed and the queue moved.
    expect(e.world.counters.rxProcessed[0]).toBeGreaterThan(polledOn0);
    expect(q.cpu).toBe(3);
    const done0 = e.world.counters.rxProcessed[0];
    e.runUntil(5 * MS);
    expect(e.world.counters.rxProcessed[0]).toBe(done0);
    expect(e.world.counters.rxProcessed[3]).toBeGreaterThan(1000);
    expect(e.check()).toEqual([]);
  });

  it('at line rate NAPI never completes, so the queue stays on the old CPU until the load drops', () => {
    const e = engineOf('rx=0&entries=4:2048&rate=14.88M&prog=rr&stack=iptables-drop&ops=2ms:irq:0:2,6ms:rate:1M');
    e.runUntil(6 * MS);
    const q = e.world.nicQueues[0];
    expect([q.cpu, q.affinity]).toEqual([0, 2]);
    expect(e.world.counters.rxProcessed[2]).toBe(0);
    e.runUntil(10 * MS);
    expect(q.cpu).toBe(2);
    expect(e.world.counters.rxProcessed[2]).toBeGreaterThan(1000);
    expect(e.check()).toEqual([]);
  });

  it('moved back before NAPI completes, the queue never leaves its CPU', () => {
    const e = engineOf('rx=0&entries=4:2048&rate=14.88M&prog=rr&stack=iptables-drop&ops=2ms:irq:0:2,3ms:irq:0:0,6ms:rate:1M');
    e.runUntil(10 * MS);
    expect(e.ops.at(-2)?.reason).toBe("RX queue 0's NAPI is on CPU 0 already");
    expect(e.world.nicQueues[0].cpu).toBe(0);
    expect(e.world.counters.rxProcessed[2]).toBe(0);
  });

  it('refuses a queue the NIC does not have (-ENOENT) and a CPU that is not possible (-EINVAL)', () => {
    const e = engineOf('cpus=4&rx=0,1');
    expect(e.apply({ at: 0, op: 'irq', queue: 2, cpu: 1 })).toMatchObject({ result: '-ENOENT', key: 2 });
    expect(e.apply({ at: 0, op: 'irq', queue: 1, cpu: 4 })).toMatchObject({ result: '-EINVAL', key: 1 });
    expect(e.world.nicQueues.map((q) => q.affinity)).toEqual([0, 1]);
  });

  it('the snapshot shows the queue on the CPU that polls it', async () => {
    const { takeSnapshot } = await import('../../src/engine/snapshot');
    const e = engineOf('rx=0,1&rate=10k&ops=1ms:irq:1:5');
    e.runUntil(2 * MS);
    expect(takeSnapshot(e).nicQueues.map((q) => q.cpu)).toEqual([0, 5]);
  });
});
