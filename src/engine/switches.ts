/**
 * Which behaviours of the model are switched on: the kernel version's optimizations, plus
 * what-if switches for teaching (e.g. the kthread without its lost-wake-up re-check).
 */
import { kernelAtLeast } from '../scenario/kernels';
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
  /** 5.13: the kthread hands the batch's SKBs to netif_receive_skb_list; its drops count SKB allocation failures only. */
  listReceive: boolean;
  /** 5.15: generic (SKB-mode) XDP may redirect into a cpumap: the SKB goes into the ring itself. */
  genericXdpRedirect: boolean;
  /** 6.5: cpu_map_update_elem waits (a completion) until the new entry's kthread runs. */
  updateWaitsForKthread: boolean;
  /** 6.6: an old entry is freed by queue_rcu_work (no refcount); cpu_map_free stops entries directly. */
  rcuWorkTeardown: boolean;
  /** 6.9: the busy kthread reports RCU quiescent states (rcu_softirq_qs_periodic). */
  kthreadRcuQs: boolean;
  /** 6.12: the xdp_cpumap_kthread tracepoint fires before the SKBs go to the stack. */
  tracepointBeforeReceive: boolean;
  /** 6.15: GRO in the kthread (gro_receive_skb per SKB, flushed every 64 packets or on an empty ring). */
  kthreadGro: boolean;
  /**
   * 6.15 ("bpf: cpumap: reuse skb array instead of a linked list to chain skbs"): an entry
   * program runs on every generic SKB of a batch and counts its XDP_PASS; before, the walk
   * returned at the first SKB it dropped or redirected.
   */
  skbArray: boolean;
  /** 6.15: the batch's SKB heads come from the NAPI cache (napi_skb_cache_get_bulk), which may hand out fewer. */
  napiSkbCacheBulk: boolean;
}

/**
 * The optimizations a scenario runs with: `opt` if given, else those of its kernel version (none
 * on 5.0, all four from 5.2 on: later kernels kept the 2019 series). `opt` is allowed on every
 * version: on 5.0 and 5.2 it walks the series; on later versions it is a what-if on
 * the later code.
 */
export function enabledOptimizations(s: Pick<Scenario, 'kernel' | 'opt'>): Optimization[] {
  if (s.opt) return [...s.opt];
  return s.kernel === '5.0' ? [] : [...OPTIMIZATIONS];
}

/**
 * The release that brought each kernel behaviour; a scenario's version has it when the version is
 * that release or later (kernelAtLeast).
 */
const SINCE = {
  flushList: '5.3',
  simpleCleanup: '5.6',
  commonFlushList: '5.6',
  consumeUnlocked: '5.9',
  kthreadXdpStats: '5.9',
  listReceive: '5.13',
  genericXdpRedirect: '5.15',
  updateWaitsForKthread: '6.5',
  rcuWorkTeardown: '6.6',
  kthreadRcuQs: '6.9',
  tracepointBeforeReceive: '6.12',
  kthreadGro: '6.15',
  skbArray: '6.15',
  napiSkbCacheBulk: '6.15',
} as const satisfies Partial<Record<keyof ModelSwitches, string>>;

type KernelSwitch = keyof typeof SINCE;

/** The release that introduced a version-dependent behaviour (for notes and tests). */
export function releaseOf(behaviour: KernelSwitch): string {
  return SINCE[behaviour];
}

function kernelSwitches(kernel: KernelVersion): Pick<ModelSwitches, KernelSwitch> {
  const has = {} as Record<KernelSwitch, boolean>;
  for (const name of Object.keys(SINCE) as KernelSwitch[]) has[name] = kernelAtLeast(kernel, SINCE[name]);
  return has;
}

export function switchesFor(s: Pick<Scenario, 'kernel' | 'opt'>, overrides: Partial<ModelSwitches> = {}): ModelSwitches {
  const on = new Set(enabledOptimizations(s));
  return {
    consumeBatched: on.has('consume-batched'),
    buildSkbAround: on.has('build-skb-around'),
    allocBulk: on.has('alloc-bulk'),
    prefetchw: on.has('prefetchw'),
    lostWakeupRecheck: true,
    ...kernelSwitches(s.kernel),
    ...overrides,
  };
}
