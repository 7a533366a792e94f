import { describe, expect, it } from 'vitest';
import type { EngineSnapshot, EntrySnapshot } from '../../engine/snapshot';
import { noFrameTotals } from '../../engine/frameTotals';
import { describeChanges, joinChanges } from './summary';

function entry(over: Partial<EntrySnapshot> = {}): EntrySnapshot {
  return {
    uid: 1,
    cpu: 4,
    mapId: 1,
    qsize: 192,
    refcnt: 2,
    state: 'live',
    inSlot: true,
    kthread: { pid: 100, comm: 'cpumap/4/map:1', state: 'runnable', phase: 'top', running: true, shouldStop: false },
    ring: { size: 256, producer: 0, consumerHead: 0, consumerTail: 0, count: 0, batch: 16 },
    bulkq: [],
    bulkqFreed: false,
    history: [],
    ...over,
  };
}

function snap(over: Partial<EngineSnapshot> = {}): EngineSnapshot {
  return {
    simNs: 1000,
    cpus: [],
    nicQueues: [{ index: 0, cpu: 0, count: 0, size: 512, napiScheduled: false, nicDrops: 0 }],
    entries: [entry()],
    map: { id: 1, maxEntries: 8, fdClosed: false, slots: [] },
    progAttached: true,
    rcu: { completed: 0, inProgress: false, gpStartNs: 0, pendingCallbacks: 0 },
    frames: noFrameTotals(),
    offered: { pps: 0, expectedFrames: 0 },
    violations: [],
    ...over,
  };
}

const sleeping = entry({
  kthread: { pid: 100, comm: 'cpumap/4/map:1', state: 'sleeping', phase: 'afterSleep', running: false, shouldStop: false },
});

describe('describeChanges', () => {
  it('says nothing without a previous snapshot or when nothing changed', () => {
    expect(describeChanges(null, snap())).toEqual([]);
    expect(describeChanges(snap(), snap({ simNs: 2000 }))).toEqual([]);
  });

  it('tells a kthread going to sleep and waking', () => {
    expect(describeChanges(snap(), snap({ simNs: 2000, entries: [sleeping] }))).toEqual(['kthread on CPU 4 went to sleep']);
    const woken = entry({ kthread: { pid: 100, comm: 'c', state: 'runnable', phase: 'afterSleep', running: false, shouldStop: false } });
    expect(describeChanges(snap({ entries: [sleeping] }), snap({ simNs: 2000, entries: [woken] }))).toEqual([
      'kthread on CPU 4 was woken (runnable)',
    ]);
  });

  it('follows an entry through its teardown', () => {
    const detached = entry({ state: 'detached', inSlot: false });
    expect(describeChanges(snap(), snap({ simNs: 2000, entries: [detached] }))).toContain(
      'entry cpu 4 is now detached (waiting for an RCU grace period)',
    );
    const stopping = entry({
      state: 'kthreadStopping',
      inSlot: false,
      kthread: { pid: 100, comm: 'c', state: 'runnable', phase: 'top', running: true, shouldStop: true },
    });
    expect(describeChanges(snap({ entries: [detached] }), snap({ simNs: 3000, entries: [stopping] }))).toEqual([
      'entry cpu 4 is now stopping its kthread',
      'kthread on CPU 4 was told to stop',
    ]);
    expect(describeChanges(snap({ entries: [stopping] }), snap({ simNs: 4000, entries: [] }))).toEqual(['entry cpu 4 is gone from view']);
  });

  it('tells the old and the new entry for one CPU apart', () => {
    const old = entry({ state: 'detached', inSlot: false });
    const fresh = entry({ uid: 2, qsize: 64 });
    expect(describeChanges(snap(), snap({ simNs: 2000, entries: [old, fresh] }))).toEqual([
      'entry cpu 4 (old, uid 1) is now detached (waiting for an RCU grace period)',
      'entry cpu 4 (new, uid 2) was created with qsize 64',
    ]);
  });

  it('tells a ring filling (stored plus not-yet-NULLed slots) and drops', () => {
    const full = entry({ ring: { size: 256, producer: 10, consumerHead: 10, consumerTail: 0, count: 246, batch: 16 } });
    const next = snap({ simNs: 2000, entries: [full], frames: { ...snap().frames, ringFull: 3 } });
    expect(describeChanges(snap(), next)).toEqual(['ring of entry cpu 4 is full', '3 frames refused by a full ring']);
  });

  it('tells RCU grace periods, the program detaching, the map freed and NIC drops', () => {
    const next = snap({
      simNs: 2000,
      rcu: { completed: 1, inProgress: true, gpStartNs: 1500, pendingCallbacks: 1 },
      progAttached: false,
      map: null,
      nicQueues: [{ index: 0, cpu: 0, count: 512, size: 512, napiScheduled: true, nicDrops: 1 }],
    });
    expect(describeChanges(snap(), next)).toEqual([
      'RX queue 0 on CPU 0 dropped 1 frame (descriptor ring full)',
      'an RCU grace period started',
      'an RCU grace period completed',
      'the XDP program was detached',
      'the map was freed',
    ]);
  });

  it('tells a re-created map, the program attached again and an RX queue moved to another CPU', () => {
    const before = snap({ progAttached: false, map: null });
    const map = { id: 8, maxEntries: 8, fdClosed: false, slots: new Array<number | null>(8).fill(null) };
    const next = snap({
      simNs: 2000,
      map,
      nicQueues: [{ index: 0, cpu: 3, count: 0, size: 512, napiScheduled: false, nicDrops: 0 }],
    });
    expect(describeChanges({ ...before, nicQueues: [{ ...next.nicQueues[0], cpu: 0 }] }, next)).toEqual([
      'RX queue 0 is now polled on CPU 3 (its interrupt moved)',
      'map 8 was created',
      'the XDP program was attached',
    ]);
  });

  it('says nothing across a reset (time going back)', () => {
    expect(describeChanges(snap({ simNs: 5000 }), snap({ simNs: 0, entries: [] }))).toEqual([]);
  });
});

describe('joinChanges', () => {
  it('joins sentences and counts the rest', () => {
    expect(joinChanges([])).toBe('');
    expect(joinChanges(['a b', 'c'])).toBe('A b. C.');
    expect(joinChanges(['a', 'b', 'c'], 2)).toBe('A. B. And 1 more change.');
  });
});
