/**
 * Which behaviours of the model are switched on: the kernel version's optimizations, plus
 * what-if switches for teaching (e.g. the kthread without its lost-wake-up re-check).
 */
import { OPTIMIZATIONS, type KernelVersion, type Optimization, type Scenario } from '../scenario/types';

export interface ModelSwitches {
  /** 1: ptr_ring_consume_batched in the kthread (v5.2 loop shape). */
  consumeBatched: boolean;
  /** 2: build_skb_around on a pre-allocated head. */
  buildSkbAround: boolean;
  /** 3: kmem_cache_alloc_bulk for the batch's SKB heads. */
  allocBulk: boolean;
  /** 4: prefetchw(struct page) for the batch. */
  prefetchw: boolean;
  /** The kthread re-checks the ring after set_current_state (always true in the kernel). */
  lostWakeupRecheck: boolean;
  /**
   * 5.3 and later: each CPU keeps a list of the bulk queues it filled (bq_enqueue puts one on the
   * list once; __cpu_map_flush walks the list) instead of the flush_needed bitmap of map keys.
   */
  flushList: boolean;
  /**
   * 5.6 ("xdp: simplify cpumap cleanup"): cpu_map_free no longer waits for the flush lists after
   * synchronize_rcu, and __cpu_map_entry_free no longer flushes the bulk queues (every poll has
   * flushed them by the end of the grace period).
   */
  simpleCleanup: boolean;
  /** 5.6 ("xdp: make cpumap flush_list common for all map instances"): one flush list per CPU for every map. */
  commonFlushList: boolean;
  /** 5.9: the kthread dequeues with __ptr_ring_consume_batched, without the consumer lock. */
  consumeUnlocked: boolean;
  /** 5.9: the xdp_cpumap_kthread tracepoint carries xdp_pass, xdp_drop and xdp_redirect. */
  kthreadXdpStats: boolean;
}

/**
 * The optimizations a scenario runs with: `opt` if given, else those of its kernel version (none
 * on 5.0, all four from 5.2 on: later kernels kept the 2019 series). `opt` is allowed on every
 * version: on 5.0 and 5.2 it walks the series; on 5.4 and 5.10 it is a what-if on
 * the later code.
 */
export function enabledOptimizations(s: Pick<Scenario, 'kernel' | 'opt'>): Optimization[] {
  if (s.opt) return [...s.opt];
  return s.kernel === '5.0' ? [] : [...OPTIMIZATIONS];
}

/** The flush list of bulk queues replaced the flush_needed bitmap in 5.3. */
const FLUSH_LIST: Record<KernelVersion, boolean> = { '5.0': false, '5.2': false, '5.4': true, '5.10': true };
/** The 5.6 cleanup and common flush list, 5.9's unlocked consume and tracepoint fields. */
const FROM_5_6: Record<KernelVersion, boolean> = { '5.0': false, '5.2': false, '5.4': false, '5.10': true };

export function switchesFor(s: Pick<Scenario, 'kernel' | 'opt'>, overrides: Partial<ModelSwitches> = {}): ModelSwitches {
  const on = new Set(enabledOptimizations(s));
  return {
    consumeBatched: on.has('consume-batched'),
    buildSkbAround: on.has('build-skb-around'),
    allocBulk: on.has('alloc-bulk'),
    prefetchw: on.has('prefetchw'),
    lostWakeupRecheck: true,
    flushList: FLUSH_LIST[s.kernel],
    simpleCleanup: FROM_5_6[s.kernel],
    commonFlushList: FROM_5_6[s.kernel],
    consumeUnlocked: FROM_5_6[s.kernel],
    kthreadXdpStats: FROM_5_6[s.kernel],
    ...overrides,
  };
}
