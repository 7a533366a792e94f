/**
 * Which behaviours of the model are switched on: the kernel version's optimizations, plus
 * what-if switches for teaching (e.g. the kthread without its lost-wake-up re-check).
 */
import { OPTIMIZATIONS, type Optimization, type Scenario } from '../scenario/types';

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
}

/** The optimizations a scenario runs with: `opt` if given, else those of its kernel version. */
export function enabledOptimizations(s: Pick<Scenario, 'kernel' | 'opt'>): Optimization[] {
  if (s.opt) return [...s.opt];
  return s.kernel === '5.2' ? [...OPTIMIZATIONS] : [];
}

export function switchesFor(s: Pick<Scenario, 'kernel' | 'opt'>, overrides: Partial<ModelSwitches> = {}): ModelSwitches {
  const on = new Set(enabledOptimizations(s));
  return {
    consumeBatched: on.has('consume-batched'),
    buildSkbAround: on.has('build-skb-around'),
    allocBulk: on.has('alloc-bulk'),
    prefetchw: on.has('prefetchw'),
    lostWakeupRecheck: true,
    ...overrides,
  };
}
