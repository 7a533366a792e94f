/**
 * The preemption model and the kthread's `sched` (scenario `preempt`). The 2019 calibration kernel
 * was built CONFIG_PREEMPT (`preempt=full`, the default): `_cond_resched()` is an inline returning
 * 0, so `sched` counts only the iterations that went through schedule(). With CONFIG_PREEMPT_NONE
 * (`preempt=none`), `_cond_resched()` does a due reschedule and returns 1. Either way the pending
 * reschedule is consumed by the next cond_resched() or schedule(), never reported later.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import type { World } from '../../src/engine/world';
import type { Kthread } from '../../src/engine/kernel/kthread';
import type { TraceEvent } from '../../src/engine/kernel/tracepoints';
import { condResched, scheduleClearsResched } from '../../src/engine/kernel/preempt';
import { deferClosure } from '../../src/engine/sim/deferred';
import { endOfPoll, engineOf, MS, redirectFrame } from './helpers';

const worldWith = (preempt: 'full' | 'none'): World => ({ scenario: { preempt } }) as unknown as World;
const kthreadWith = (preempted: boolean): Kthread => ({ preempted }) as Kthread;

describe('_cond_resched()', () => {
  it('CONFIG_PREEMPT (preempt=full): returns 0 even when a reschedule was due, and consumes it', () => {
    const k = kthreadWith(true);
    expect(condResched(worldWith('full'), k)).toBe(0);
    expect(k.preempted).toBe(false);
  });

  it('CONFIG_PREEMPT_NONE (preempt=none): returns 1 when a reschedule was due, 0 otherwise, and consumes it', () => {
    const k = kthreadWith(true);
    expect(condResched(worldWith('none'), k)).toBe(1);
    expect(k.preempted).toBe(false);
    expect(condResched(worldWith('none'), k)).toBe(0);
  });

  it('__schedule() clears the due reschedule', () => {
    const k = kthreadWith(true);
    scheduleClearsResched(k);
    expect(k.preempted).toBe(false);
  });
});

/** The xdp_cpumap_kthread hits of a run, by kthread pid. */
function kthreadHits(e: Engine): TraceEvent[] {
  return e.world.traceRing!.read().filter((x) => x.kind === 'kthread');
}

describe('sched when CFS switches a kthread away (two kthreads on CPU 4 while an update replaces the entry)', () => {
  // One RX CPU at 8 Mpps into a v5.0 udp-noport kthread: at the replace the old kthread drains a
  // full ring while the new one fills, so CFS switches one away while it is still runnable.
  const REPLACE = 'kernel=5.0&cpus=8&rx=0&entries=4:256&rate=8M&prog=rr&arrival=constant&stack=udp-noport&ops=5ms:update:4:512';

  function run(preempt: 'full' | 'none'): Engine {
    const e = engineOf(`${REPLACE}&preempt=${preempt}`, { traceCapacity: 200_000 });
    e.runUntil(20 * MS);
    expect(e.check()).toEqual([]);
    return e;
  }

  it('the same run under both models: only sched differs, 1 under PREEMPT_NONE where CONFIG_PREEMPT reports 0', () => {
    const full = kthreadHits(run('full'));
    const none = kthreadHits(run('none'));
    // The scheduling does not depend on the model: the same iterations at the same times.
    const withoutSched = (x: TraceEvent) => `${x.at} ${x.pid} ${x.processed} ${x.drops}`;
    expect(none.map(withoutSched)).toEqual(full.map(withoutSched));
    const differ = none.map((x, i) => [x.extra, full[i].extra, x.at]).filter(([a, b]) => a !== b);
    expect(differ.length).toBeGreaterThan(0);
    for (const [n, f, at] of differ) {
      expect([n, f]).toEqual([1, 0]);
      // Only while the old and the new kthread share CPU 4.
      expect(at).toBeGreaterThanOrEqual(5 * MS);
    }
  });

  it('under CONFIG_PREEMPT (the default) an iteration after CFS switched the kthread away reports sched=0; only sleeps report 1', () => {
    // After the replace the old kthread shares CPU 4 with the new one while it drains its ring.
    const oldHits = (e: Engine) => kthreadHits(e).filter((x) => x.pid === e.entries[0].kthread.pid && x.at > 5 * MS && x.processed > 0);
    const full = oldHits(run('full'));
    const none = oldHits(run('none'));
    expect(full.length).toBeGreaterThan(5);
    expect(full.length).toBe(none.length);
    // A sleep reports sched=1 under both; being switched away reports it only under PREEMPT_NONE.
    full.forEach((x, i) => {
      if (x.extra === 1) expect(none[i].extra).toBe(1);
    });
    // (That being switched away does report 1 under PREEMPT_NONE is the test above.)
  });
});

describe('a reschedule due before a sleep is not reported after it', () => {
  /** No traffic: the only frames are the ones the test injects. */
  const QUIET = 'kernel=5.2&cpus=8&rx=0&entries=4:64&rate=0&prog=rr';

  it.each(['full', 'none'] as const)(
    'preempt=%s: __schedule() clears it, so the iteration after the wake-up batch reports sched=0',
    (preempt) => {
      const e = engineOf(`${QUIET}&preempt=${preempt}`, { traceCapacity: 100 });
      const entry = e.entries[0];
      const k = entry.kthread;
      // CFS has made a reschedule due (cpu.ts marks a runnable kthread it switches away); the
      // kthread then finds its ring empty and sleeps in schedule().
      k.preempted = true;
      e.runUntil(1 * MS);
      expect(k.state).toBe('sleeping');
      expect(k.preempted).toBe(false);
      // Nine frames and one wake-up: an iteration of 8 after the sleep (sched=1), then one of 1
      // through cond_resched(), which has no reschedule left to report.
      e.world.control.push(
        1 * MS,
        'test producer',
        deferClosure(() => {
          for (let i = 0; i < 9; i++) redirectFrame(e, 0, entry);
          endOfPoll(e, 0);
        }),
      );
      e.runUntil(2 * MS);
      expect(kthreadHits(e).map((x) => [x.processed, x.extra])).toEqual([
        [8, 1],
        [1, 0],
      ]);
      expect(e.check()).toEqual([]);
    },
  );
});
