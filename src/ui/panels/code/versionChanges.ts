/**
 * What changed in kernel/bpf/cpumap.c (and the paths into it) from each modelled version to the
 * next, in the project's words, each item with the release that brought it and the function to
 * read at elixir for the newer version. The Kernel code panel lists them for the loaded version.
 */
import { KERNEL_VERSIONS, type KernelVersion } from '../../../scenario/kernels';

/** One change against the version before. */
export interface VersionChange {
  /** The release that merged it (between the two modelled versions). */
  release: string;
  /** The function to read it in. */
  fn: string;
  text: string;
}

const CHANGES: Record<KernelVersion, readonly VersionChange[]> = {
  '5.0': [],
  '5.2': [
    {
      release: '5.2',
      fn: 'cpu_map_kthread_run',
      text: 'The kthread takes up to 8 frames per consumer-lock round (ptr_ring_consume_batched) and prefetches their pages.',
    },
    { release: '5.2', fn: 'cpu_map_kthread_run', text: 'SKB heads come 8 at a time from kmem_cache_alloc_bulk.' },
  ],
  '5.4': [
    {
      release: '5.3',
      fn: '__cpu_map_flush',
      text: 'A per-CPU flush list of bulk queues replaces the flush_needed bitmap: a deleted entry can no longer leave a bit set.',
    },
  ],
  '5.10': [
    { release: '5.6', fn: 'cpu_map_flush_list', text: 'One flush list per CPU for all maps.' },
    { release: '5.6', fn: '__cpu_map_entry_free', text: 'The RCU callback no longer flushes bulk queues: every poll has flushed its own.' },
    {
      release: '5.9',
      fn: 'cpu_map_bpf_prog_run_xdp',
      text: 'The map value is struct bpf_cpumap_val: an entry may carry an XDP program, run in the kthread; its verdicts reach the tracepoint.',
    },
    {
      release: '5.9',
      fn: '__cpu_map_load_bpf_program',
      text: 'An update with a program fd loads the program; one of the wrong type or attach type makes the update fail.',
    },
    { release: '5.9', fn: 'cpu_map_kthread_run', text: 'The kthread consumes without the consumer lock (__ptr_ring_consume_batched).' },
  ],
  '5.15': [
    {
      release: '5.13',
      fn: 'cpu_map_kthread_run',
      text: "The batch's SKBs go to the stack together (netif_receive_skb_list); the kthread's drops count only missing SKB heads.",
    },
    {
      release: '5.15',
      fn: 'cpu_map_generic_redirect',
      text: 'Generic (SKB-mode) XDP can redirect into a cpumap: the SKB goes into the ring with bit 0 of its pointer set, and the kthread is woken at once.',
    },
  ],
  '6.1': [
    {
      release: '5.17',
      fn: '__cpu_map_load_bpf_program',
      text: "Loading an entry's program also checks that it fits the map (bpf_prog_map_compatible).",
    },
  ],
  '6.6': [
    {
      release: '6.5',
      fn: '__cpu_map_entry_alloc',
      text: 'The update returns only once the new kthread runs (a completion), so an early delete can no longer stop it before its loop: the 2023 leak.',
    },
    {
      release: '6.6',
      fn: '__cpu_map_entry_replace',
      text: 'Teardown by queue_rcu_work: after a grace period a work item stops the kthread and frees the entry; no refcount, no cpu_map_kthread_stop.',
    },
  ],
  '6.12': [
    {
      release: '6.9',
      fn: 'rcu_softirq_qs_periodic',
      text: 'A kthread kept busy by a full ring reports RCU quiescent states periodically.',
    },
    {
      release: '6.12',
      fn: 'cpu_map_kthread_run',
      text: 'The kthread tracepoint fires before the receive, to measure enqueue-to-dequeue latency.',
    },
  ],
  '6.18': [
    {
      release: '6.15',
      fn: 'cpu_map_gro_flush',
      text: 'GRO in the kthread: each SKB goes through gro_receive_skb, flushed every 64 packets or when the ring is empty.',
    },
    {
      release: '6.15',
      fn: 'napi_skb_cache_get_bulk',
      text: 'SKB heads come from the per-CPU NAPI cache; a short allocation drops only the frames left without a head.',
    },
  ],
};

/** The changes in `kernel` against the modelled version before it (none for the first). */
export function changesIn(kernel: KernelVersion): readonly VersionChange[] {
  return CHANGES[kernel];
}

/** The modelled version before `kernel`, or null for the first. */
export function versionBefore(kernel: KernelVersion): KernelVersion | null {
  const i = KERNEL_VERSIONS.indexOf(kernel);
  return i <= 0 ? null : KERNEL_VERSIONS[i - 1];
}

/** The versions a tagged line is in, short: "v6.6 on", "v5.2 to v5.10" or a list. */
export function versionsLabel(only: readonly KernelVersion[]): string {
  const at = only.map((v) => KERNEL_VERSIONS.indexOf(v)).sort((a, b) => a - b);
  const contiguous = at.every((i, n) => n === 0 || i === at[n - 1] + 1);
  if (!contiguous || at.length < 3) return at.map((i) => `v${KERNEL_VERSIONS[i]}`).join(', ');
  const last = at[at.length - 1];
  return last === KERNEL_VERSIONS.length - 1 ? `v${KERNEL_VERSIONS[at[0]]} on` : `v${KERNEL_VERSIONS[at[0]]} to v${KERNEL_VERSIONS[last]}`;
}
