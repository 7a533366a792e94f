/**
 * cpu_map_kthread_run: the sleep with its lost-wake-up re-check, the batch of at most 8 frames
 * per loop iteration (v5.0 and v5.2), the sched column, and a kthread sharing its CPU with RX.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import type { CpuMapEntry } from '../../src/engine/kernel/entry';
import { TASK_INTERRUPTIBLE, TASK_RUNNING } from '../../src/engine/kernel/kthread';
import { BUSY_KSOFTIRQD, BUSY_KTHREAD, BUSY_SOFTIRQ } from '../../src/engine/kernel/cpu';
import { COST } from '../../src/engine/sim/costModel';
import type { ModelSwitches } from '../../src/engine/switches';
import { addHeartbeat, endOfPoll, engineOf, MS, redirectFrame } from './helpers';
import { deferClosure } from '../../src/engine/sim/deferred';

/** RX CPU `rxCpu` redirects one frame to `entry` and ends its poll (produce + wake_up_process). */
function redirectOneAndFlush(e: Engine, rxCpu: number, entry: CpuMapEntry): void {
  redirectFrame(e, rxCpu, entry);
  endOfPoll(e, rxCpu);
}

/** No traffic at all: the only frame is the one the test injects. */
const QUIET = 'kernel=5.2&cpus=8&rx=0&entries=4:64&rate=0&prog=rr';

interface RaceOutcome {
  e: Engine;
  entry: CpuMapEntry;
  phaseAtWake: string;
  taskStateAtWake: number;
}

/**
 * The kthread's first pass finds its ring empty at `readyAt`; the test's producer flushes a frame
 * and calls wake_up_process `offset` ns later.
 */
function race(offset: number, switches: Partial<ModelSwitches>): RaceOutcome {
  const e = engineOf(QUIET, { switches });
  const entry = e.entries[0];
  const k = entry.kthread;
  const at = k.readyAt + offset;
  const out: RaceOutcome = { e, entry, phaseAtWake: '', taskStateAtWake: -1 };
  e.world.control.push(
    at,
    'test producer',
    deferClosure(() => {
      out.phaseAtWake = k.phase;
      out.taskStateAtWake = k.taskState;
      redirectOneAndFlush(e, 0, entry);
    }),
  );
  e.runUntil(2 * MS);
  return out;
}

describe('the lost-wake-up re-check (set_current_state, re-test the ring, then schedule)', () => {
  // Between the kthread's empty test and set_current_state(TASK_INTERRUPTIBLE).
  const inWindow = COST.setStateGap / 2;

  it('a wake-up between the empty test and set_current_state is caught by the re-check: the frame is processed at once', () => {
    const { e, entry, phaseAtWake, taskStateAtWake } = race(inWindow, {});
    expect(phaseAtWake).toBe('setState');
    expect(taskStateAtWake).toBe(TASK_RUNNING);
    expect(e.world.counters.kthProcessed[4]).toBe(1);
    // The re-check path sets TASK_RUNNING without schedule(): sched = 0.
    expect(e.world.counters.kthSched[4]).toBe(0);
    expect(entry.ring.isEmpty()).toBe(true);
    expect(entry.kthread.state).toBe('sleeping');
    expect(e.check()).toEqual([]);
  });

  it('without the re-check the same wake-up is lost: the kthread sleeps with the frame in its ring', () => {
    const { e, entry, phaseAtWake } = race(inWindow, { lostWakeupRecheck: false });
    expect(phaseAtWake).toBe('setState');
    expect(entry.kthread.state).toBe('sleeping');
    expect(entry.kthread.taskState).toBe(TASK_INTERRUPTIBLE);
    expect(entry.ring.count).toBe(1);
    expect(e.world.counters.kthProcessed[4]).toBe(0);
    // Nothing is left that would wake it: the flush bit is clear, the bulk queue empty.
    expect(e.world.map!.flushNeeded[0 * e.world.map!.maxEntries + 4]).toBe(0);
    expect(entry.bqTotal).toBe(0);
    // Accounting still holds: the frame is in flight, stranded.
    expect(e.check()).toEqual([]);
    expect(e.inFlight()).toBe(1);
  });

  it('a wake-up after set_current_state is never lost, re-check or not: schedule() returns at once (sched = 1)', () => {
    const after = COST.setStateGap + COST.recheckGap / 2;
    for (const recheck of [true, false]) {
      const { e, phaseAtWake, taskStateAtWake } = race(after, { lostWakeupRecheck: recheck });
      expect(phaseAtWake).toBe('recheck');
      expect(taskStateAtWake).toBe(TASK_INTERRUPTIBLE);
      expect(e.world.counters.kthProcessed[4]).toBe(1);
      if (!recheck) expect(e.world.counters.kthSched[4]).toBe(1);
    }
  });

  /**
   * Samples the run every `step` ns; counts samples where an entry's kthread sleeps with frames in
   * its ring although no RX CPU has a flush pending for it (so nothing will wake it).
   */
  function strandedSamples(query: string, switches: Partial<ModelSwitches>, until: number, step = 1000): number {
    const e = engineOf(query, { switches });
    const w = e.world;
    let stranded = 0;
    for (let t = step; t <= until; t += step) {
      e.runUntil(t);
      const map = w.map!;
      for (let key = 0; key < map.maxEntries; key++) {
        const en = map.slots[key];
        if (en === null || en.kthread.state !== 'sleeping' || en.ring.isEmpty()) continue;
        let pending = false;
        for (let c = 0; c < w.cpus.length; c++) if (map.flushNeeded[c * map.maxEntries + key] === 1) pending = true;
        if (!pending) stranded++;
      }
    }
    expect(e.check()).toEqual([]);
    return stranded;
  }

  // Seven RX queues feeding one kthread at about a third of its capacity: it sleeps and is woken
  // thousands of times, and wake-ups often race with its empty test.
  const RACY = 'kernel=5.2&cpus=8&rx=0,1,2,3,5,6,7&entries=4:256&rate=2.5M&prog=rr&stack=iptables-drop&arrival=poisson';

  it('under real traffic, without the re-check the kthread sleeps with frames and no wake-up pending', () => {
    expect(strandedSamples(`${RACY}&seed=1`, { lostWakeupRecheck: false }, 20 * MS)).toBeGreaterThan(0);
  });

  it('under the same traffic with the re-check that never happens (3 seeds, 20 ms each)', () => {
    for (const seed of [1, 2, 3]) expect(strandedSamples(`${RACY}&seed=${seed}`, {}, 20 * MS)).toBe(0);
  });
});

describe('at most 8 frames per loop iteration', () => {
  for (const kernel of ['5.0', '5.2'] as const) {
    it(`v${kernel}: every xdp_cpumap_kthread event has processed <= 8, and at overload nearly all have exactly 8`, () => {
      const e = engineOf(`kernel=${kernel}&rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant&stack=iptables-drop`, {
        traceCapacity: 50_000,
      });
      e.runUntil(3 * MS);
      const ring = e.world.traceRing!;
      expect(ring.written).toBeLessThanOrEqual(ring.capacity);
      const kth = ring.read().filter((x) => x.kind === 'kthread');
      expect(kth.length).toBeGreaterThan(1000);
      expect(Math.max(...kth.map((x) => x.processed))).toBe(8);
      const sum = kth.reduce((a, x) => a + x.processed, 0);
      expect(sum).toBe(e.world.counters.kthProcessed[4]);
      const full = kth.filter((x) => x.processed === 8).length;
      expect(full / kth.length).toBeGreaterThan(0.99);
      // An iptables DROP makes netif_receive_skb_core return -EPERM, not NET_RX_DROP: the kthread
      // counts none of them as drops, although the stack frees every SKB.
      expect(kth.every((x) => x.drops === 0)).toBe(true);
      expect(e.world.acct.stackDropped).toBeGreaterThan(0);
      // On a CPU of its own, cond_resched never reschedules under load: sched = 0 after the first sleep.
      expect(kth.filter((x) => x.extra === 1).length).toBeLessThanOrEqual(2);
    });
  }
});

describe('sched = 1 after a sleep', () => {
  for (const kernel of ['5.0', '5.2'] as const) {
    it(`v${kernel}: with trickle traffic each frame is its own bulk, wakes the kthread and is processed in an iteration with sched = 1`, () => {
      const e = engineOf(`kernel=${kernel}&cpus=8&rx=0&entries=4:64&rate=20k&prog=rr&arrival=constant&stack=udp-noport`, {
        traceCapacity: 10_000,
      });
      e.runUntil(20 * MS);
      const c = e.world.counters;
      const frames = c.kthProcessed[4];
      expect(frames).toBeGreaterThan(350);
      expect(c.kthEvents[4]).toBe(frames);
      expect(c.kthSched[4]).toBe(frames);
      const kth = e.world.traceRing!.read().filter((x) => x.kind === 'kthread');
      expect(kth.every((x) => x.processed === 1 && x.extra === 1 && x.drops === 0)).toBe(true);
      const enq = e.world.traceRing!.read().filter((x) => x.kind === 'enqueue');
      expect(enq.every((x) => x.processed === 1 && x.cpu === 0 && x.extra === 4)).toBe(true);
      expect(e.world.acct.delivered).toBe(frames);
      expect(e.check()).toEqual([]);
    });
  }
});

describe('a kthread pinned to an RX CPU shares that CPU', () => {
  const base = 'kernel=5.2&cpus=8&entries=4:256&rate=14.7M&prog=rr&arrival=constant&stack=iptables-drop';

  function kthreadPps(rx: number): { pps: number; busy: Float64Array } {
    const e = engineOf(`${base}&rx=${rx}`);
    e.runUntil(10 * MS);
    const k0 = e.world.counters.kthProcessed[4];
    const b0 = Float64Array.from(e.world.cpus[4].busyNs);
    e.runUntil(40 * MS);
    const busy = Float64Array.from(e.world.cpus[4].busyNs, (v, i) => v - b0[i]);
    expect(e.check()).toEqual([]);
    return { pps: (e.world.counters.kthProcessed[4] - k0) / 0.03, busy };
  }

  it('rx=4 with entries=4 at 14.7 Mpps: the kthread gets far less than on a remote CPU, and CPU 4 spends time in both NET_RX and the kthread', () => {
    const remote = kthreadPps(3);
    const shared = kthreadPps(4);
    expect(remote.pps).toBeGreaterThan(7e6);
    expect(shared.pps).toBeLessThan(0.5 * remote.pps);
    expect(shared.pps).toBeGreaterThan(0);
    expect(shared.busy[BUSY_SOFTIRQ] + shared.busy[BUSY_KSOFTIRQD]).toBeGreaterThan(0);
    expect(shared.busy[BUSY_KTHREAD]).toBeGreaterThan(0);
    // The remote CPU runs nothing but the kthread.
    expect(remote.busy[BUSY_SOFTIRQ] + remote.busy[BUSY_KSOFTIRQD]).toBe(0);
  });
});

describe('the batch runs with bottom halves disabled (local_bh_disable .. local_bh_enable)', () => {
  // Regression test. At HEAD 34f7ab2, Cpu.act (src/engine/kernel/cpu.ts) started a pending NAPI
  // poll at any step boundary of the kthread, including between the v5.0 loop's 'v50more' steps,
  // i.e. in the middle of an iteration the kernel runs under local_bh_disable(): there the softirq
  // only runs at local_bh_enable(), after the iteration's tracepoint. Fixed in the working tree.
  it('v5.0 on a CPU shared with RX: no NAPI poll runs in the middle of a kthread loop iteration', () => {
    const e = engineOf('kernel=5.0&cpus=8&rx=4&entries=4:256&rate=2M&prog=rr&arrival=poisson&stack=udp-noport');
    const step = 50;
    const until = 1 * MS;
    // Control events every 50 ns make every CPU stop there, so the state can be sampled.
    addHeartbeat(e, until, step);
    const cpu = e.world.cpus[4];
    const k = e.entries[0].kthread;
    let midIteration = 0;
    let pollInside = 0;
    for (let t = step; t <= until; t += step) {
      e.runUntil(t);
      if (k.phase !== 'v50more') continue;
      midIteration++;
      if (cpu.pollQueue !== null) pollInside++;
    }
    expect(midIteration).toBeGreaterThan(0);
    expect(pollInside).toBe(0);
  });
});

describe('kthread task state', () => {
  // Regression test. At HEAD 34f7ab2, Kthread.state (src/engine/kernel/kthread.ts) documented
  // 'created' as "the thread function has not started yet", but kthreadLoop.ts left 'created' only
  // at the kthread's first sleep: a kthread busy from its first moment stayed 'created' while it
  // ran, and the UI and inspector showed it so. Fixed in the working tree.
  it('a kthread whose thread function has started is no longer "created"', () => {
    const e = engineOf('kernel=5.2&rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant&stack=iptables-drop&ops=1ms:update:4:256');
    e.runUntil(3 * MS);
    for (const en of e.entries) {
      expect(en.kthread.everRan).toBe(true);
      expect(en.kthread.state, `${en.kthread.comm} pid ${en.kthread.pid}`).not.toBe('created');
    }
  });
});

describe('Engine.runUntil', () => {
  // Regression tests. At HEAD 34f7ab2, Engine.runUntil (src/engine/engine.ts) did not bound Cpu.step
  // (src/engine/kernel/cpu.ts) by the requested time: a CPU ran inline until another agent's event
  // (World.horizon), so with one busy CPU and nothing else scheduled it simulated past t, and for
  // ever when that CPU never idled (rx=4 with entries=4 at 14.7 Mpps hung runUntil). Fixed in the
  // working tree by World.limit.
  it('stops at the requested time: world.now is t and no tracepoint fired after t (rx=4, entries=4 at 3 Mpps)', () => {
    const e = engineOf('kernel=5.2&cpus=8&rx=4&entries=4:256&rate=3M&prog=rr&arrival=constant&stack=iptables-drop', {
      traceCapacity: 100_000,
    });
    for (let t = 10_000; t <= 200_000; t += 10_000) {
      e.runUntil(t);
      expect(e.now, `after runUntil(${t})`).toBe(t);
      const last = e.world.traceRing!.read().at(-1);
      if (last !== undefined) expect(last.at, `last tracepoint after runUntil(${t})`).toBeLessThanOrEqual(t);
    }
  });

  it('returns when one CPU is continuously busy with RX and its kthread (rx=4, entries=4 at 14.7 Mpps, 1 ms)', () => {
    // A livelock would not hang here: runUntil stops with an error after LIVELOCK_STEPS steps
    // without simulated time moving.
    const e = engineOf('kernel=5.2&cpus=8&rx=4&entries=4:256&rate=14.7M&prog=rr&arrival=constant&stack=iptables-drop');
    e.runUntil(1 * MS);
    expect(e.now).toBe(1 * MS);
    expect(e.world.counters.kthProcessed[4]).toBeGreaterThan(0);
    expect(e.violations).toEqual([]);
  });
});
