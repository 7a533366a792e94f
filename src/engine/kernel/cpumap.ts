/**
 * struct bpf_cpu_map and its map operations, with the kernel's checks in the kernel's order and
 * its exact error codes (identical in v5.0 and v5.2).
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L64
 */
import type { World } from '../world';
import { KERNEL } from '../sim/costModel';
import type { CpuMapEntry } from './entry';
import { errno, type OpResultCode } from './errno';
import { cpuMapEntryAlloc, cpuMapEntryReplace } from './teardown';
import { bpfMapPut, bpfProgPut } from './progPut';
import { shouldFailslab } from './failslab';
import { BPF_EXIST, BPF_NOEXIST, type EntryProg } from '../../scenario/types';
import { progLabel } from '../../scenario/entryProg';
import { kernelAtLeast } from '../../scenario/kernels';

/** BPF_F_NUMA_NODE, the only map flag cpumap accepts. */
export const BPF_F_NUMA_NODE = 1 << 2;

/** The union bpf_attr fields BPF_MAP_CREATE reads for a cpumap. */
export interface MapCreateAttr {
  maxEntries: number;
  keySize: number;
  valueSize: number;
  mapFlags: number;
  /** The caller has CAP_SYS_ADMIN. */
  capable: boolean;
}

export class CpuMap {
  readonly id: number;
  readonly maxEntries: number;
  /** cmap->cpu_map: the slots, indexed by key (= CPU). */
  readonly slots: (CpuMapEntry | null)[];
  /** Per-CPU flush_needed bitmaps: flushNeeded[cpu * maxEntries + key]. */
  readonly flushNeeded: Uint8Array;
  readonly flushNeededCount: Int32Array;
  /**
   * 5.3+: per-CPU flush lists (cmap->flush_list) of the entries whose bulk queue of that CPU holds
   * frames, in the order list_add put them (the kernel walks from the newest: last here). 5.6+:
   * the per-CPU cpu_map_flush_list shared by every map (the world's), so a poll's flush walks the
   * bulk queues of every map.
   */
  readonly flushLists: CpuMapEntry[][];
  /** The user closed the map fd: syscalls on it fail with -EBADF; cpu_map_free is under way. */
  fdClosed = false;

  constructor(id: number, maxEntries: number, cpuCount: number, sharedFlushLists: CpuMapEntry[][] | null = null) {
    this.id = id;
    this.maxEntries = maxEntries;
    this.slots = new Array<CpuMapEntry | null>(maxEntries).fill(null);
    this.flushNeeded = new Uint8Array(cpuCount * maxEntries);
    this.flushNeededCount = new Int32Array(cpuCount);
    this.flushLists = sharedFlushLists ?? Array.from({ length: cpuCount }, () => []);
  }

  /**
   * __cpu_map_lookup_elem(): the entry at `key`, or null (READ_ONCE of the slot).
   * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L516
   */
  lookup(key: number): CpuMapEntry | null {
    return key < this.maxEntries ? this.slots[key] : null;
  }

  /** Whether any CPU's flush_needed bitmap has a bit set, or (5.3+) any CPU's flush list is not empty. */
  anyFlushNeeded(): boolean {
    for (let i = 0; i < this.flushNeededCount.length; i++) if (this.flushNeededCount[i] !== 0) return true;
    for (const list of this.flushLists) if (list.length !== 0) return true;
    return false;
  }
}

/** A map operation's outcome as the bpf syscall reports it. */
export interface OpOutcome {
  result: OpResultCode;
  /** lookup: the entry's qsize. */
  value?: number;
  /** get_next_key: the next key. */
  next?: number;
  /** Why, in kernel terms (e.g. "key >= max_entries"). */
  reason: string;
}

const ok = (reason: string, extra: Partial<OpOutcome> = {}): OpOutcome => ({ result: '0', reason, ...extra });

/**
 * cpu_map_alloc(): BPF_MAP_CREATE for BPF_MAP_TYPE_CPUMAP.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L79
 */
export function cpuMapAlloc(w: World, attr: MapCreateAttr): { map: CpuMap | null; outcome: OpOutcome } {
  if (!attr.capable) return { map: null, outcome: { result: errno('EPERM'), reason: 'caller lacks CAP_SYS_ADMIN' } };
  if (attr.maxEntries === 0 || attr.keySize !== 4 || attr.valueSize !== 4 || (attr.mapFlags & ~BPF_F_NUMA_NODE) !== 0) {
    const why =
      attr.maxEntries === 0
        ? 'max_entries is 0'
        : attr.keySize !== 4
          ? `key_size ${attr.keySize} is not 4`
          : attr.valueSize !== 4
            ? `value_size ${attr.valueSize} is not 4`
            : 'map_flags other than BPF_F_NUMA_NODE';
    return { map: null, outcome: { result: errno('EINVAL'), reason: why } };
  }
  // kzalloc of the map comes before the size check: with failslab armed, a create with too many
  // entries fails -ENOMEM, not -E2BIG (failslab.ts says which allocations it reaches).
  if (shouldFailslab(w)) {
    return { map: null, outcome: { result: errno('ENOMEM'), reason: 'kzalloc of struct bpf_cpu_map failed (failslab)' } };
  }
  if (attr.maxEntries > KERNEL.nrCpus) {
    return { map: null, outcome: { result: errno('E2BIG'), reason: `max_entries ${attr.maxEntries} > NR_CPUS (${KERNEL.nrCpus})` } };
  }
  // 5.6+: one cpu_map_flush_list per CPU for all maps.
  // https://elixir.bootlin.com/linux/v5.10/source/kernel/bpf/cpumap.c#L80
  let shared: CpuMapEntry[][] | null = null;
  if (w.switches.commonFlushList) shared = w.cpuMapFlushLists ??= Array.from({ length: w.scenario.cpus }, () => []);
  const map = new CpuMap(w.nextMapId++, attr.maxEntries, w.scenario.cpus, shared);
  return { map, outcome: ok(`map_id ${map.id}, max_entries ${attr.maxEntries}`) };
}

/**
 * cpu_map_update_elem(): a new entry for `key` with a ring of `qsize` (qsize 0 deletes).
 * Any update allocates a new entry, ring and kthread and replaces the old one. 5.9+: `prog` is the
 * program the value's bpf_prog.fd names; __cpu_map_load_bpf_program takes it before the kthread
 * starts. (A fd of another program type or attach type fails there with -EINVAL, which
 * __cpu_map_entry_alloc turns into NULL and the update into -ENOMEM; the scenario can only name
 * cpumap programs, so the model reaches -ENOMEM through failslab only.)
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L430
 * https://elixir.bootlin.com/linux/v5.10/source/kernel/bpf/cpumap.c#L546
 */
export function cpuMapUpdateElem(w: World, map: CpuMap, key: number, qsize: number, flags: number, entryProg?: EntryProg): OpOutcome {
  if (flags > BPF_EXIST) return { result: errno('EINVAL'), reason: `flags ${flags} > BPF_EXIST` };
  if (key >= map.maxEntries) return { result: errno('E2BIG'), reason: `key ${key} >= max_entries ${map.maxEntries}` };
  if (flags === BPF_NOEXIST) return { result: errno('EEXIST'), reason: 'BPF_NOEXIST is always refused by cpumap' };
  if (qsize > KERNEL.maxQsize) return { result: errno('EOVERFLOW'), reason: `qsize ${qsize} > ${KERNEL.maxQsize}` };
  if (key >= w.scenario.cpus) return { result: errno('ENODEV'), reason: `CPU ${key} is not a possible CPU` };
  let entry: CpuMapEntry | null = null;
  if (qsize !== 0) {
    entry = cpuMapEntryAlloc(w, qsize, key, map.id);
    if (entry === null) return { result: errno('ENOMEM'), reason: 'kzalloc_node of the entry failed (failslab)' };
    // rcpu->cmap (5.3+): bq_enqueue finds the flush list through it. Harmless on 5.0/5.2.
    entry.cmap = map;
    // Before 5.9 the 4-byte value is the qsize alone: no program fd to read (the parser and the
    // form refuse one there; this covers an operation sent without either).
    if (entryProg !== undefined && kernelAtLeast(w.scenario.kernel, '5.9')) entry.prog = entryProg;
    if (w.switches.updateWaitsForKthread) {
      if (!w.settingUp) {
        // 6.5+: wait_for_completion(kthread_running); the xchg follows when the kthread has run.
        w.updateWait = { map, key, entry, since: w.now };
        entry.kthread.completesUpdate = true;
        return ok(`new entry with qsize ${qsize}${withProgText(entry)}; returns once its kthread runs`);
      }
      // The loader's own updates returned before the run started: their kthreads had run.
      entry.lifecycle.send('KTHREAD_RUNNING', w.now);
    }
  }
  installEntry(w, map, key, entry);
  return ok(qsize === 0 ? 'qsize 0: same as delete' : `new entry with qsize ${qsize}${withProgText(entry)}`);
}

/** " and an XDP program (drop 25%)" for an entry with a program, else nothing. */
function withProgText(entry: CpuMapEntry | null): string {
  return entry === null || entry.prog === null ? '' : ` and an XDP program (${progLabel(entry.prog)})`;
}

function installEntry(w: World, map: CpuMap, key: number, entry: CpuMapEntry | null): void {
  cpuMapEntryReplace(w, map, key, entry);
  // The loader then adds the key to its program's cpus_available.
  const prog = w.prog;
  if (entry !== null && prog !== null && prog.map === map && !prog.targets.includes(key)) prog.targets.push(key);
}

/**
 * 6.5+: the new kthread ran complete(kthread_running), so cpu_map_update_elem wakes, puts the
 * entry in its slot and returns; the user's map operations that waited behind it follow.
 * https://elixir.bootlin.com/linux/v6.6/C/ident/__cpu_map_entry_alloc
 */
export function cpuMapUpdateReturns(w: World): void {
  const wait = w.updateWait;
  if (wait === null) return;
  w.updateWait = null;
  const problem = wait.entry.lifecycle.send('KTHREAD_RUNNING', w.now);
  if (problem !== null) w.violation(problem);
  installEntry(w, wait.map, wait.key, wait.entry);
  const us = ((w.now - wait.since) / 1e3).toFixed(3);
  w.note(`update key ${wait.key} returns after ${us} µs`);
  for (const call of w.blockedOps.splice(0)) w.control.push(w.now, 'map op', call, 0);
}

/**
 * cpu_map_delete_elem(): empty the slot (even an empty one: still 0).
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L417
 */
export function cpuMapDeleteElem(w: World, map: CpuMap, key: number): OpOutcome {
  if (key >= map.maxEntries) return { result: errno('EINVAL'), reason: `key ${key} >= max_entries ${map.maxEntries}` };
  const had = map.slots[key] !== null;
  cpuMapEntryReplace(w, map, key, null);
  return ok(had ? 'entry detached; teardown after an RCU grace period' : 'slot was already empty');
}

/**
 * cpu_map_lookup_elem(): the entry's qsize, or NULL, which the syscall reports as -ENOENT.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L528
 */
export function cpuMapLookupElem(map: CpuMap, key: number): OpOutcome {
  const entry = map.lookup(key);
  if (entry === null) {
    return { result: errno('ENOENT'), reason: key >= map.maxEntries ? `key ${key} >= max_entries ${map.maxEntries}` : 'slot is empty' };
  }
  return ok(`qsize ${entry.qsize}`, { value: entry.qsize });
}

/**
 * cpu_map_get_next_key(): key + 1 without skipping empty slots; no key (or one out of range)
 * starts at 0; the last key gives -ENOENT.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L536
 */
export function cpuMapGetNextKey(map: CpuMap, key: number | null): OpOutcome {
  const index = key ?? 0xffffffff;
  if (index >= map.maxEntries) return ok('start of iteration', { next: 0 });
  if (index === map.maxEntries - 1) return { result: errno('ENOENT'), reason: 'last key' };
  return ok(`next key ${index + 1}`, { next: index + 1 });
}

/**
 * The loader detaches its XDP program and closes the map: the driver drops the program, whose
 * last reference goes through call_rcu before the map's last put hands cpu_map_free to a kworker
 * (progPut.ts). A map no program holds is put at once.
 */
export function cpuMapRelease(w: World, map: CpuMap): OpOutcome {
  map.fdClosed = true;
  if (w.prog !== null && w.prog.map === map) {
    w.prog = null;
    bpfProgPut(w, map);
    return ok('program detached; its last reference goes after a grace period, then a kworker runs cpu_map_free');
  }
  bpfMapPut(w, map);
  return ok('map closed; a kworker runs cpu_map_free');
}
