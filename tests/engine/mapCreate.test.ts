/**
 * The map re-created after a free (`create` in `ops`): BPF_MAP_CREATE with cpu_map_alloc's checks,
 * then the loader's attach with XDP_FLAGS_UPDATE_IF_NOEXIST, which dev_change_xdp_fd refuses with
 * -EBUSY while a program is still attached.
 */
import { describe, expect, it } from 'vitest';
import type { MapOpSpec } from '../../src/scenario/types';
import { engineOf, MS } from './helpers';

const create = (max: number | null = null): MapOpSpec => ({ at: 0, op: 'create', max });
const results = (query: string, until: number): string[] => {
  const e = engineOf(query);
  e.runUntil(until);
  return e.ops.map((o) => `${o.op}:${o.result}`);
};

describe('create after free (BPF_MAP_CREATE and the XDP attach again)', () => {
  it('makes a new map with a new id, attaches its program, and entries added by update receive the traffic', () => {
    const e = engineOf('rx=0&entries=4:64&rate=1M&prog=rr&ops=2ms:free,6ms:create,6ms:update:4:64');
    const old = e.world.map!;
    // Ops at a time run in the runUntil that reaches it: just before, the free has finished.
    e.runUntil(6 * MS - 1);
    expect(e.world.map).toBeNull();
    expect(e.world.progAttached).toBe(false);
    e.runUntil(6 * MS);
    const map = e.world.map!;
    expect(map.id).toBe(old.id + 1);
    expect(map.fdClosed).toBe(false);
    expect(e.world.prog?.map).toBe(map);
    const rec = e.ops.find((o) => o.op === 'create' && o.at > 0)!;
    expect([rec.result, rec.qsize]).toEqual(['0', 8]);
    expect(rec.reason).toContain(`map_id ${map.id}`);
    const entry = map.slots[4]!;
    expect(entry.mapId).toBe(map.id);
    expect(entry.kthread.comm).toBe(`cpumap/4/map:${map.id}`);
    const processed = e.world.counters.kthProcessed[4];
    e.runUntil(10 * MS);
    // About 1 Mpps for 4 ms reaches the new entry's kthread (less what waits in the NIC ring for
    // the first interrupt after the attach and in the bulk queues and ring at the end).
    expect(e.world.counters.kthProcessed[4] - processed).toBeGreaterThan(3000);
    expect(e.check()).toEqual([]);
  });

  it('while the program is still attached, the attach fails with -EBUSY and the map and program stay as they were', () => {
    const e = engineOf('rx=0&entries=4:64&rate=1M');
    const map = e.world.map;
    const prog = e.world.prog;
    const rec = e.apply(create());
    expect(rec.result).toBe('-EBUSY');
    expect(rec.reason).toMatch(/map_id 8 created, but the XDP program of map 7 is still attached \(XDP_FLAGS_UPDATE_IF_NOEXIST\)/);
    expect(e.world.map).toBe(map);
    expect(e.world.prog).toBe(prog);
    // The loader's map still answers; the refused one used up its id.
    expect(e.apply({ at: 0, op: 'lookup', key: 4 }).value).toBe(64);
    e.apply({ at: 0, op: 'free' });
    e.apply(create());
    expect(e.world.map?.id).toBe(9);
  });

  it('runs cpu_map_alloc checks in order: -EPERM without CAP_SYS_ADMIN, -EINVAL for max 0, -E2BIG above NR_CPUS, -ENOMEM under failslab', () => {
    expect(results('cap=0&ops=1ms:create:8', 2 * MS)).toEqual(['create:-EPERM', 'create:-EPERM']);
    expect(results('ops=1ms:free,2ms:create:0,2ms:create:65,2ms:failslab,2ms:create,2ms:create', 3 * MS).slice(3)).toEqual([
      'free:0',
      'create:-EINVAL',
      'create:-E2BIG',
      'failslab:0',
      'create:-ENOMEM',
      'create:0',
    ]);
  });

  it('cpu_map_alloc allocates the map before its E2BIG check: with failslab armed, max_entries 65 gives -ENOMEM and uses the failure; then -E2BIG', () => {
    expect(results('ops=1ms:free,2ms:failslab,2ms:create:65,2ms:create:65', 3 * MS).slice(3)).toEqual([
      'free:0',
      'failslab:0',
      'create:-ENOMEM',
      'create:-E2BIG',
    ]);
    const e = engineOf('ops=1ms:free');
    e.runUntil(2 * MS);
    e.apply({ at: 0, op: 'failslab', count: 1 });
    const rec = e.apply(create(65));
    expect(rec).toMatchObject({ result: '-ENOMEM', reason: 'kzalloc of struct bpf_cpu_map failed (failslab)' });
    expect(e.world.failslab).toBe(0);
  });

  it('cpu_map_alloc checks CAP_SYS_ADMIN and the attributes before allocating: -EPERM and -EINVAL leave failslab armed', () => {
    const unprivileged = engineOf('cap=0');
    unprivileged.apply({ at: 0, op: 'failslab', count: 1 });
    expect(unprivileged.apply(create(65)).result).toBe('-EPERM');
    expect(unprivileged.world.failslab).toBe(1);
    const e = engineOf('ops=1ms:free');
    e.runUntil(2 * MS);
    e.apply({ at: 0, op: 'failslab', count: 2 });
    expect(e.apply(create(0)).result).toBe('-EINVAL');
    expect(e.world.failslab).toBe(2);
    // Each create then fails at its first allocation, using one failure each.
    expect([e.apply(create(8)).result, e.apply(create(65)).result, e.apply(create(65)).result, e.apply(create(8)).result]).toEqual([
      '-ENOMEM',
      '-ENOMEM',
      '-E2BIG',
      '0',
    ]);
  });

  it('an attribute error comes before -EBUSY: the map create fails first', () => {
    expect(results('ops=1ms:create:0,1ms:create:65', 2 * MS).slice(3)).toEqual(['create:-EINVAL', 'create:-E2BIG']);
  });

  it('defaults to the scenario max, and recovers a scenario whose own create failed', () => {
    const e = engineOf('max=0&entries=4:64&rate=100k&ops=1ms:create,2ms:create:8,2ms:update:4:64');
    expect(e.createResult.result).toBe('-EINVAL');
    e.runUntil(3 * MS);
    expect(e.ops.filter((o) => o.at > 0).map((o) => `${o.op}:${o.qsize}:${o.result}`)).toEqual([
      'create:0:-EINVAL',
      'create:8:0',
      'update:64:0',
    ]);
    expect(e.world.map?.slots[4]?.qsize).toBe(64);
  });

  it('a new program starts with its own empty cpus_available: keys the old program had are not redirected to until updated', () => {
    const e = engineOf('rx=0&entries=4:64,5:64&rate=1M&prog=rr&ops=1ms:free,3ms:create,3ms:update:5:64');
    e.runUntil(3 * MS + 1);
    expect(e.world.prog?.targets).toEqual([5]);
    const to4 = e.world.counters.kthProcessed[4];
    e.runUntil(6 * MS);
    expect(e.world.counters.kthProcessed[4]).toBe(to4);
    expect(e.world.counters.kthProcessed[5]).toBeGreaterThan(0);
    expect(e.world.acct.redirectErr).toBe(0);
    expect(e.check()).toEqual([]);
  });

  it('a NAPI poll running when the map is freed and re-created finishes with the program and map it read', () => {
    // One RX queue at line rate: its CPU is always inside a poll.
    const e = engineOf('rx=0&entries=4:256&rate=14.88M&prog=rr&stack=iptables-drop&ops=2ms:free,2ms:create,2ms:update:4:256');
    const old = e.world.map!;
    e.runUntil(2 * MS + 1);
    const cpu0 = e.world.cpus[0];
    expect(e.world.map).not.toBe(old);
    expect(cpu0.pollQueue).not.toBeNull();
    expect(cpu0.pollProg?.map).toBe(old);
    // Until that poll ends, its frames go to the old map's entry, none to the new one.
    const neu = e.world.map!.slots[4]!;
    for (let i = 0; i < 1000 && cpu0.pollProg?.map === old; i++) {
      e.runUntil(e.now + 100);
      expect(neu.bqCount[0] + neu.ring.count).toBe(0);
    }
    expect(cpu0.pollProg?.map).not.toBe(old);
    e.runUntil(8 * MS);
    // The old poll flushed its bulk queues into the old map's entry, so cpu_map_free of the old map was not held up.
    expect(e.world.log.some((l) => l.text === `cpu_map_free(map ${old.id}) done`)).toBe(true);
    expect(e.entries.filter((x) => x.mapId === old.id).map((x) => x.lifecycle.state)).toEqual(['freed']);
    expect(e.world.counters.kthProcessed[4]).toBeGreaterThan(0);
    expect(e.check()).toEqual([]);
  });
});
