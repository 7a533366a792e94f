/**
 * struct bpf_cpu_map_entry: one remote CPU of the map, with its per-CPU bulk queues, its
 * ptr_ring, its kthread and its reference count.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L47
 */
import { EntryLifecycle } from '../lifecycle/lifecycleTracker';
import { KERNEL } from '../sim/costModel';
import { PtrRing } from './ptrRing';
import type { Kthread } from './kthread';
import type { CpuMap } from './cpumap';
import type { EntryProg } from '../../scenario/types';
import type { GroNode } from './gro';

export class CpuMapEntry {
  /** kthread CPU and map key. */
  readonly cpu: number;
  readonly mapId: number;
  readonly qsize: number;
  readonly ring: PtrRing;
  /** Per-CPU xdp_bulk_queue: CPU c's frames are bqFrames[c * 8 .. c * 8 + bqCount[c]). */
  readonly bqFrames: Int32Array;
  readonly bqCount: Int32Array;
  /** Frames in all bulk queues together (a fast "any pending?" test). */
  bqTotal = 0;
  /**
   * 5.3+: per CPU, whether that CPU's bulk queue is on its map's flush list (the kernel tests
   * bq->flush_node.prev). Always 0 on 5.0/5.2.
   */
  readonly onFlushList: Uint8Array;
  /** 5.3+: rcpu->cmap, the map whose flush lists the bulk queues join (set by cpu_map_update_elem). */
  cmap: CpuMap | null = null;
  /**
   * 5.9+: the entry's XDP program (rcpu->prog), run by the kthread on each frame before the SKB
   * is built; null without one (and always before 5.9).
   */
  prog: EntryProg | null = null;
  /** The program's share of non-pass verdicts owed so far: spreads `fraction` evenly over frames. */
  progOwed = 0;
  /** The program's verdicts over the entry's life: XDP_PASS, XDP_DROP, XDP_REDIRECT. */
  readonly progVerdicts = new Float64Array(3);
  /**
   * 6.15+: the entry's GRO instance (rcpu->gro), holding SKBs the kthread has not sent up yet;
   * made at the kthread's first batch (gro.ts is fetched apart, see lateKernel.ts).
   */
  gro: GroNode | null = null;
  /** Set by __cpu_map_entry_free: the per-CPU bulk queues are gone. */
  bulkqFreed = false;
  /** Out of the map slot (xchg'd away). */
  detached = false;
  /** 5.0 to 6.1: atomic_t refcnt (map slot + kthread). 6.6+ has none: always 0. */
  refcnt = 0;
  /** The ring and the entry were freed (refcount 0, or 6.6+ __cpu_map_entry_free done). */
  freed = false;
  /** The cpumap kthread; set right after allocation. */
  kthread!: Kthread;
  readonly lifecycle: EntryLifecycle;
  /** Unique id for the UI (entries at the same key over time differ). */
  readonly uid: number;
  readonly createdAt: number;

  constructor(uid: number, cpu: number, mapId: number, qsize: number, cpuCount: number, now: number, rcuWork = false) {
    this.uid = uid;
    this.cpu = cpu;
    this.mapId = mapId;
    this.qsize = qsize;
    this.ring = new PtrRing(qsize);
    this.bqFrames = new Int32Array(cpuCount * KERNEL.bulkSize);
    this.bqCount = new Int32Array(cpuCount);
    this.onFlushList = new Uint8Array(cpuCount);
    this.createdAt = now;
    this.lifecycle = new EntryLifecycle(`cpu ${cpu} (map ${mapId}, entry #${uid})`, { rcuWork });
  }

  /** Frames held by this entry: bulk queues, ring and (6.15+) GRO. */
  inFlight(): number {
    return this.bqTotal + this.ring.count + (this.gro === null ? 0 : this.gro.frames);
  }
}
