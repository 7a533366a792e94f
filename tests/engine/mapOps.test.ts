/**
 * The cpumap's map operations and their error codes (v5.0 and v5.2 identical), driven through
 * Engine.apply like the bpf() syscall, and BPF_MAP_CREATE through cpu_map_alloc.
 */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { World } from '../../src/engine/world';
import { switchesFor } from '../../src/engine/switches';
import { BPF_F_NUMA_NODE, cpuMapAlloc, type MapCreateAttr } from '../../src/engine/kernel/cpumap';
import { BPF_ANY, BPF_EXIST, BPF_NOEXIST, type MapOpSpec } from '../../src/scenario/types';
import { engineOf, MS, scenarioOf } from './helpers';

const update = (key: number, qsize: number, flags = BPF_ANY): MapOpSpec => ({ at: 0, op: 'update', key, qsize, flags });
const del = (key: number): MapOpSpec => ({ at: 0, op: 'delete', key });
const lookup = (key: number): MapOpSpec => ({ at: 0, op: 'lookup', key });
const next = (key: number | null): MapOpSpec => ({ at: 0, op: 'next', key });

/** 8 possible CPUs, a map of 12 slots (keys 8..11 are not possible CPUs), no traffic to speak of. */
function idleEngine(extra = ''): Engine {
  return engineOf(`kernel=5.0&cpus=8&max=12&rx=0&entries=${extra}&rate=1000&prog=rr`);
}

function createAttr(over: Partial<MapCreateAttr> = {}): MapCreateAttr {
  return { maxEntries: 8, keySize: 4, valueSize: 4, mapFlags: 0, capable: true, ...over };
}

function freshWorld(): World {
  const s = scenarioOf('cpus=8');
  return new World(s, switchesFor(s));
}

describe('BPF_MAP_CREATE (cpu_map_alloc)', () => {
  it('without CAP_SYS_ADMIN fails with -EPERM (before the attribute checks)', () => {
    const e = engineOf('cap=0');
    expect(e.createResult.result).toBe('-EPERM');
    expect(e.world.map).toBeNull();
    expect(e.world.progAttached).toBe(false);
    expect(cpuMapAlloc(freshWorld(), createAttr({ capable: false, maxEntries: 0 })).outcome.result).toBe('-EPERM');
  });

  it('max_entries 0 fails with -EINVAL', () => {
    const e = engineOf('max=0');
    expect(e.createResult.result).toBe('-EINVAL');
    expect(e.world.map).toBeNull();
  });

  it('max_entries above NR_CPUS (64) fails with -E2BIG; 64 itself is accepted', () => {
    expect(engineOf('max=65').createResult.result).toBe('-E2BIG');
    expect(engineOf('max=64').createResult.result).toBe('0');
  });

  it('key_size or value_size other than 4 fails with -EINVAL', () => {
    expect(cpuMapAlloc(freshWorld(), createAttr({ keySize: 8 })).outcome.result).toBe('-EINVAL');
    expect(cpuMapAlloc(freshWorld(), createAttr({ valueSize: 8 })).outcome.result).toBe('-EINVAL');
    expect(cpuMapAlloc(freshWorld(), createAttr({ keySize: 0 })).outcome.result).toBe('-EINVAL');
  });

  it('map_flags other than BPF_F_NUMA_NODE fail with -EINVAL; BPF_F_NUMA_NODE alone is accepted', () => {
    expect(cpuMapAlloc(freshWorld(), createAttr({ mapFlags: 1 })).outcome.result).toBe('-EINVAL');
    expect(cpuMapAlloc(freshWorld(), createAttr({ mapFlags: BPF_F_NUMA_NODE | 1 })).outcome.result).toBe('-EINVAL');
    const ok = cpuMapAlloc(freshWorld(), createAttr({ mapFlags: BPF_F_NUMA_NODE }));
    expect(ok.outcome.result).toBe('0');
    expect(ok.map?.maxEntries).toBe(8);
  });

  it('the -EINVAL attribute checks come before the NR_CPUS check (-E2BIG)', () => {
    expect(cpuMapAlloc(freshWorld(), createAttr({ maxEntries: 65, keySize: 8 })).outcome.result).toBe('-EINVAL');
  });

  it('every map operation on a map that failed to create is -EBADF', () => {
    const e = engineOf('max=0');
    for (const op of [update(0, 64), del(0), lookup(0), next(null), { at: 0, op: 'free' } as MapOpSpec]) {
      expect(e.apply(op).result).toBe('-EBADF');
    }
  });
});

describe('cpu_map_update_elem', () => {
  it('flags > BPF_EXIST fail with -EINVAL, checked first (even with key >= max_entries)', () => {
    const e = idleEngine();
    expect(e.apply(update(1, 64, 3)).result).toBe('-EINVAL');
    expect(e.apply(update(100, 64, 4)).result).toBe('-EINVAL');
    expect(e.world.map?.slots[1]).toBeNull();
  });

  it('key >= max_entries fails with -E2BIG (before the BPF_NOEXIST check)', () => {
    const e = idleEngine();
    expect(e.apply(update(12, 64)).result).toBe('-E2BIG');
    expect(e.apply(update(12, 64, BPF_NOEXIST)).result).toBe('-E2BIG');
    expect(e.apply(update(0xffffffff, 64)).result).toBe('-E2BIG');
  });

  it('BPF_NOEXIST is refused with -EEXIST even on an empty slot, and before the qsize check', () => {
    const e = idleEngine();
    expect(e.world.map?.slots[2]).toBeNull();
    expect(e.apply(update(2, 64, BPF_NOEXIST)).result).toBe('-EEXIST');
    expect(e.apply(update(2, 20000, BPF_NOEXIST)).result).toBe('-EEXIST');
    expect(e.world.map?.slots[2]).toBeNull();
    expect(e.entries.length).toBe(0);
  });

  it('BPF_NOEXIST on an occupied slot is -EEXIST too, and leaves the entry in place', () => {
    const e = idleEngine('4:64');
    const live = e.world.map?.slots[4];
    expect(e.apply(update(4, 128, BPF_NOEXIST)).result).toBe('-EEXIST');
    expect(e.world.map?.slots[4]).toBe(live);
    expect(e.entries.length).toBe(1);
  });

  it('BPF_EXIST on an empty slot succeeds and installs an entry', () => {
    const e = idleEngine();
    const r = e.apply(update(3, 64, BPF_EXIST));
    expect(r.result).toBe('0');
    expect(e.world.map?.slots[3]?.qsize).toBe(64);
  });

  it('qsize > 16384 fails with -EOVERFLOW (before the possible-CPU check); 16384 is accepted', () => {
    const e = idleEngine();
    expect(e.apply(update(3, 16385)).result).toBe('-EOVERFLOW');
    expect(e.apply(update(9, 16385)).result).toBe('-EOVERFLOW');
    expect(e.apply(update(3, 16384)).result).toBe('0');
    expect(e.world.map?.slots[3]?.ring.size).toBe(16384);
  });

  it('a key < max_entries that is not a possible CPU fails with -ENODEV, even with qsize 0, and allocates nothing', () => {
    const e = idleEngine();
    expect(e.apply(update(8, 64)).result).toBe('-ENODEV');
    expect(e.apply(update(11, 64)).result).toBe('-ENODEV');
    expect(e.apply(update(8, 0)).result).toBe('-ENODEV');
    e.apply({ at: 0, op: 'failslab', count: 1 });
    expect(e.apply(update(8, 64)).result).toBe('-ENODEV');
    // The armed failure was not consumed by the refused update.
    expect(e.world.failslab).toBe(1);
    expect(e.entries.length).toBe(0);
  });

  it('an allocation failure (failslab) gives -ENOMEM and leaves the slot and its old entry untouched', () => {
    const e = idleEngine('4:128');
    e.runUntil(1 * MS);
    const old = e.world.map?.slots[4];
    expect(old?.lifecycle.state).toBe('live');
    expect(e.apply({ at: 0, op: 'failslab', count: 1 }).result).toBe('0');
    const r = e.apply(update(4, 256));
    expect(r.result).toBe('-ENOMEM');
    expect(e.world.map?.slots[4]).toBe(old);
    expect(old?.lifecycle.state).toBe('live');
    const failed = e.entries[e.entries.length - 1];
    expect(failed.lifecycle.state).toBe('allocFailed');
    expect(failed.refcnt).toBe(0);
    // Only one allocation was armed: the next update succeeds.
    expect(e.apply(update(4, 256)).result).toBe('0');
    expect(e.world.map?.slots[4]?.qsize).toBe(256);
  });

  it('qsize 0 is the same as delete: returns 0 and tears the entry down', () => {
    const e = idleEngine('5:64');
    e.runUntil(1 * MS);
    const old = e.world.map?.slots[5];
    expect(e.apply(update(5, 0)).result).toBe('0');
    expect(e.world.map?.slots[5]).toBeNull();
    expect(old?.lifecycle.state).toBe('detached');
    e.runUntil(5 * MS);
    expect(old?.lifecycle.state).toBe('freed');
    expect(old?.refcnt).toBe(0);
    // qsize 0 on an empty slot: still 0.
    expect(e.apply(update(6, 0)).result).toBe('0');
    expect(e.check()).toEqual([]);
  });

  it('an update of an occupied slot installs a NEW entry (new uid, new kthread pid, same comm) and tears the old one down', () => {
    const e = idleEngine('4:128');
    e.runUntil(1 * MS);
    const old = e.world.map!.slots[4]!;
    expect(e.apply(update(4, 128)).result).toBe('0');
    const now = e.world.map!.slots[4]!;
    expect(now).not.toBe(old);
    expect(now.uid).not.toBe(old.uid);
    expect(now.kthread.pid).not.toBe(old.kthread.pid);
    expect(now.kthread.comm).toBe(old.kthread.comm);
    expect(now.kthread.comm).toBe(`cpumap/4/map:${e.world.map!.id}`);
    expect(now.refcnt).toBe(2);
    expect(old.lifecycle.state).toBe('detached');
    e.runUntil(5 * MS);
    expect(old.lifecycle.state).toBe('freed');
    expect(now.lifecycle.state).toBe('live');
    expect(e.check()).toEqual([]);
  });
});

describe('cpu_map_delete_elem', () => {
  it('key >= max_entries fails with -EINVAL', () => {
    const e = idleEngine();
    expect(e.apply(del(12)).result).toBe('-EINVAL');
    expect(e.apply(del(1000)).result).toBe('-EINVAL');
  });

  it('deleting an empty slot returns 0', () => {
    const e = idleEngine();
    expect(e.apply(del(2)).result).toBe('0');
    // Also a slot that is not a possible CPU, but inside max_entries.
    expect(e.apply(del(10)).result).toBe('0');
  });

  it('deleting an entry returns 0, empties the slot and starts the teardown', () => {
    const e = idleEngine('4:64');
    e.runUntil(1 * MS);
    const old = e.world.map!.slots[4]!;
    expect(e.apply(del(4)).result).toBe('0');
    expect(e.world.map!.slots[4]).toBeNull();
    expect(old.detached).toBe(true);
    expect(e.apply(lookup(4)).result).toBe('-ENOENT');
  });
});

describe('cpu_map_lookup_elem', () => {
  it('returns the entry qsize in value', () => {
    const e = idleEngine('4:192,6:2048');
    const r = e.apply(lookup(4));
    expect(r.result).toBe('0');
    expect(r.value).toBe(192);
    expect(e.apply(lookup(6)).value).toBe(2048);
  });

  it('an empty slot or a key out of range is NULL, reported as -ENOENT', () => {
    const e = idleEngine('4:192');
    const empty = e.apply(lookup(5));
    expect(empty.result).toBe('-ENOENT');
    expect(empty.value).toBeNull();
    expect(e.apply(lookup(12)).result).toBe('-ENOENT');
    expect(e.apply(lookup(0xffffffff)).result).toBe('-ENOENT');
  });
});

describe('cpu_map_get_next_key', () => {
  it('no key gives 0 with next = 0', () => {
    const r = idleEngine().apply(next(null));
    expect(r.result).toBe('0');
    expect(r.next).toBe(0);
  });

  it('a key >= max_entries restarts at 0', () => {
    const e = idleEngine();
    expect(e.apply(next(12)).next).toBe(0);
    expect(e.apply(next(0xffffffff)).next).toBe(0);
    expect(e.apply(next(500)).result).toBe('0');
  });

  it('the last key (max_entries - 1) gives -ENOENT', () => {
    const r = idleEngine().apply(next(11));
    expect(r.result).toBe('-ENOENT');
    expect(r.next).toBeNull();
  });

  it('otherwise next = key + 1: empty slots are not skipped', () => {
    const e = idleEngine('4:64');
    // Slots 1..3 are empty; the iteration still visits each of them.
    const keys: number[] = [];
    let key: number | null = null;
    for (;;) {
      const r = e.apply(next(key));
      if (r.result !== '0') break;
      keys.push(r.next as number);
      key = r.next;
    }
    expect(keys).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});

describe('after the map is freed', () => {
  it('every operation on the closed map fd is -EBADF, a second free included; failslab still arms', () => {
    const e = idleEngine('4:64');
    e.runUntil(1 * MS);
    expect(e.apply({ at: 0, op: 'free' }).result).toBe('0');
    for (const op of [update(4, 64), update(4, 64, 3), del(4), del(100), lookup(4), next(null), { at: 0, op: 'free' } as MapOpSpec]) {
      expect(e.apply(op).result, JSON.stringify(op)).toBe('-EBADF');
    }
    expect(e.apply({ at: 0, op: 'failslab', count: 2 }).result).toBe('0');
    e.runUntil(10 * MS);
    expect(e.entries[0].lifecycle.state).toBe('freed');
    expect(e.world.map).toBeNull();
    expect(e.check()).toEqual([]);
  });
});

describe('timed operations from the scenario', () => {
  it('run at their time and are recorded in order with their results', () => {
    const e = engineOf(
      'kernel=5.2&cpus=4&rx=0&entries=&rate=1000&ops=1ms:update:2:64,2ms:lookup:2,3ms:update:2:64:1,4ms:next:3,5ms:delete:9',
    );
    e.runUntil(6 * MS);
    const timed = e.ops.filter((r) => r.op !== 'create');
    expect(timed.map((r) => [r.at, r.op, r.result])).toEqual([
      [1 * MS, 'update', '0'],
      [2 * MS, 'lookup', '0'],
      [3 * MS, 'update', '-EEXIST'],
      [4 * MS, 'next', '-ENOENT'],
      [5 * MS, 'delete', '-EINVAL'],
    ]);
    expect(timed[1].value).toBe(64);
  });
});
