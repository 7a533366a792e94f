/**
 * Time each modelled operation takes on a simulated CPU, in nanoseconds.
 *
 * Calibration (FACTS.md; Brouer, xdp-project cpumap03-optimizations, E5-1650 v4 @ 3.6 GHz, i40e,
 * 64-byte UDP, one RX queue, qsize 128, all frames to one remote CPU whose kthread is saturated,
 * so the kthread always handles full batches of 8):
 *
 *   step                          iptables-raw pps   ns/frame   saving
 *   v5.0 baseline                 6,193,534          161.46
 *   + ptr_ring_consume_batched    6,321,540          158.19     3.27
 *   + build_skb_around            6,320,066          158.19     0 (within noise)
 *   + kmem_cache_alloc_bulk       6,650,112          150.37     7.82
 *   + prefetchw(struct page)      7,649,604          130.73     19.65
 *
 * The kthread's per-frame cost at full batches is the sum of the stage costs below; each
 * optimization replaces one stage, and the replaced stage's saving equals the measured step.
 * The stack verdict is one more stage: iptables-raw drop takes what is left of 161.46 ns, and
 * UdpNoPorts (v5.0 baseline 3,180,074 pps = 314.46 ns/frame) costs 153.0 ns more. Nothing in the
 * model is fitted to the UdpNoPorts column after the baseline: the model predicts it.
 */
export const COST = {
  // ---- remote CPU: cpu_map_kthread_run, one loop iteration ----
  /**
   * Per loop iteration: __ptr_ring_empty test, cond_resched(), local_bh_disable/enable and the
   * xdp_cpumap_kthread tracepoint. Estimate (about 85 cycles); with 8 frames a loop it is 3 ns a
   * frame of the baseline.
   */
  kthreadLoop: 24,
  /**
   * v5.0: one __ptr_ring_consume per frame, interleaved with the stack, which evicts the ring's
   * cache line between frames. Part of the baseline.
   */
  consumeInterleaved: 6.0,
  /**
   * consume-batched: the consumer_lock taken once per ptr_ring_consume_batched call. 5.9's
   * __ptr_ring_consume_batched takes no lock: the model charges it nothing (an assumption: the
   * uncontended spin_lock/unlock pair is this whole fitted constant; no 5.9 figure isolates it).
   */
  consumeBatchedLock: 8.0,
  /** consume-batched: per frame, 8 adjacent slots read in one go (saving 3.27 ns/frame at 8). */
  consumeBatchedPerFrame: 1.73,
  /** kmem_cache_alloc of one sk_buff head from skbuff_head_cache (inside build_skb in v5.0). */
  skbHeadAlloc: 14.0,
  /** alloc-bulk: kmem_cache_alloc_bulk fixed cost per call. */
  skbHeadAllocBulkCall: 16.0,
  /** alloc-bulk: per head (saving 7.82 ns/frame at 8 frames a call). */
  skbHeadAllocBulkPerFrame: 4.18,
  /**
   * build_skb / build_skb_around body plus eth_type_trans: zeroing the head, skb_shared_info
   * setup. The measured step for build_skb_around alone is zero, so both cost the same.
   */
  buildSkb: 28.0,
  /**
   * The cache miss on struct page, read by page_is_pfmemalloc() in build_skb and written by
   * page_frag_free() when the SKB is freed: one miss (17.45 ns on that machine) plus the
   * ownership upgrade for the write. prefetchw for the whole batch hides it: the measured saving
   * is 19.65 ns/frame.
   */
  structPageMiss: 19.65,
  /** prefetchw itself: a few instructions per frame, already inside the measured saving. */
  prefetchw: 0,

  // ---- 6.15+: GRO in the kthread and SKB heads from the NAPI cache ----
  // Fitted on the cover letter of "bpf: cpumap: enable GRO for XDP_PASS frames" (v4, Feb 2025):
  // UDP GRO to a socket, small frames, 2.7 Mpps before the series, 2.4 Mpps with GRO off and
  // 4.7 Mpps with GRO on after it (2.3 and 4.0 Mpps after its patch 3, before the NAPI-cache
  // patches). Their ns per frame are scaled to this machine by the ratio of the model's 6.12
  // kthread with stack=deliver (294.8 ns a frame at full batches, with 5.13's list receive) to
  // their baseline (370.4 ns), 0.796: the machines differ, the ratios are what carries over.
  /**
   * gro_receive_skb of one SKB that is not merged: the flow hash, the bucket walk, and the SKB's
   * way to the stack through the GRO normal list. Fitted: the series' patch 3 with GRO off cost
   * 64.4 ns a frame more than the baseline (2.7 to 2.3 Mpps), 51.3 ns here. The protocol's own
   * gro_receive (UDP's socket lookup that finds no UDP_GRO socket) is not added.
   */
  groReceive: 51.3,
  /**
   * A segment merged into an SKB GRO holds (skb_gro_receive, the TCP/UDP header checks), plus its
   * share of the stack's work on the merged SKB that grows with its segments (frags walked and
   * freed one by one). Fitted: with GRO on, 4.7 Mpps (212.8 ns a frame, 169.3 ns here) for one
   * flow's run of 64-segment merges (UDP_GRO_CNT_MAX and the 64-packet flush: small frames never
   * reach 64 KB): the model's 6.18 kthread at 169.0 ns a frame on `traffic=tcp:64&flows=1`.
   */
  groMergedSegment: 93.2,
  /**
   * napi_skb_cache_get_bulk instead of kmem_cache_alloc_bulk: heads come from the per-CPU NAPI
   * cache, which the stack's napi_consume_skb (and GRO's stolen heads) refill. Fitted: the series'
   * patches 5-8 took GRO off from 2.3 to 2.4 Mpps, 18.1 ns a frame, 14.4 ns here; charged as one
   * saving per SKB head.
   */
  napiSkbCacheSaving: 14.4,

  // ---- netif_receive_skb_core verdicts (remote CPU, or RX CPU when no XDP program) ----
  /** iptables raw PREROUTING DROP: the rest of the 161.46 ns baseline. */
  stackIptablesDrop: 90.81,
  /** UDP to a port with no listener (UdpNoPorts): 314.46 - 161.46 = 153.0 ns more than iptables. */
  stackUdpNoPort: 243.81,
  /**
   * Delivery to a listening UDP socket: socket lookup succeeds and the SKB is queued to the
   * socket. Estimate (not calibrated): UdpNoPorts cost plus 60 ns for the queueing.
   */
  stackDeliver: 303.81,

  /**
   * 5.13+: the share of a verdict's stack cost that is left when the kthread hands its batch to
   * netif_receive_skb_list instead of one SKB at a time to netif_receive_skb_core (the list walks
   * each layer once for the batch, keeping its code in the i-cache). Fitted to the one published
   * figure, Lorenzo Bianconi's "bpf: cpumap: use netif_receive_skb_list" (v4, April 2021: ixgbe,
   * UDP discarded by the UDP layer, one kthread, 2.35 to 2.72 Mpps): with this share a saturated
   * kthread in the UdpNoPorts setup gains the same 15.7%. Assumption: the saving is the same share
   * of the stack's cost for every verdict (the iptables-drop gain is a prediction).
   */
  listReceiveStackShare: 0.84224,
  /**
   * 5.15+, generic XDP: a kthread's per-SKB cost for an SKB another CPU built (bit 0 set in the
   * ring: no head allocation, no build, no struct page prefetch). Assumption: two cache misses
   * (17.45 ns each on the calibration machine) for the sk_buff lines written on the RX CPU.
   */
  genericSkbRemote: 35,

  // ---- RX CPU: NAPI poll running the XDP program ----
  // The redirect path below adds up to 48.4 ns a frame at full bulks when the ring takes every
  // frame: 20.65 Mpps on one CPU, the XDP paper's single-core xdp_redirect_cpu figure. In the 2019
  // runs the ring was full and refused most frames, each returned at 4.3 ns (ringFullReturn): about
  // 51.3 ns a frame at 19.4 Mpps, so the RX CPU was nearly busy and its polls nearly always full
  // (bulk-average 8.00). In the UdpNoPorts run the kthread held each delivered frame longer than one
  // lap of the RX ring, so i40e could not recycle their pages (rxPageAlloc, i40ePageReuse.ts): that
  // fills the RX CPU at about 14.7 Mpps, and its full polls give bulk-average 8.00 too.
  /** Per frame in the driver: RX descriptor, DMA sync, xdp_buff setup, page recycling. */
  driverRx: 9.0,
  /** Running the XDP program (bpf_prog_run_xdp) for one frame. */
  xdpProg: 5.0,
  /**
   * 5.9+: an entry's program in the kthread (cpu_map_bpf_prog_run_xdp), per frame:
   * xdp_convert_frame_to_buff, bpf_prog_run_xdp and, for XDP_PASS, xdp_update_frame_from_buff.
   * Assumption, not calibrated: the RX side's program cost (xdpProg) plus 3 ns for the two
   * conversions between xdp_frame and xdp_buff (a few stores to a line already in the cache).
   */
  entryProgPerFrame: 8.0,
  /**
   * 5.9+: XDP_REDIRECT from an entry's program: xdp_do_redirect and the enqueue at its target,
   * charged as the RX side's redirect (redirectEnqueue); where the frame goes is not modelled.
   */
  entryProgRedirect: 10.0,
  /** bpf_redirect_map + xdp_do_redirect + bq_enqueue. */
  redirectEnqueue: 10.0,
  /**
   * convert_to_xdp_frame writes struct xdp_frame into the frame's headroom, a cache line the NIC's
   * DMA did not bring into the cache: a miss (17.45 ns on the calibration machine) that the store
   * buffer partly hides (estimate).
   */
  xdpFrameStore: 12.0,
  /** __ptr_ring_produce of one frame into the remote ring: the slot's cache line moves over. */
  produce: 6.5,
  /** spin_lock/unlock of the ring's producer_lock, once per bq_flush_to_queue, plus the tracepoint. */
  flushLock: 16.0,
  /** Per NAPI poll: driver poll entry and exit, RX ring refill, xdp_do_flush_map bookkeeping. */
  napiPoll: 250,
  /**
   * xdp_return_frame_rx_napi of a frame the full ring refused: page_frag_free's atomic on struct
   * page (a line the driver just touched) and the return to the driver.
   */
  ringFullReturn: 4.3,
  /**
   * i40e_alloc_mapped_page when i40e_can_reuse_rx_page says no: dev_alloc_pages from the per-CPU
   * free list, dma_map_page, the page_ref_add bias, draining the old page, and the cache misses on
   * both struct pages. Fitted: it is what brings the RX CPU of the UdpNoPorts run to 14.7 Mpps.
   */
  rxPageAlloc: 121,
  /** XDP_DROP: the page goes straight back to the driver's recycle cache (about 31 Mpps alone; published 24 to 32). */
  xdpDropRecycle: 14.0,
  /** A failed redirect: xdp_do_redirect's error path, the xdp_redirect_map_err tracepoint, recycling. */
  redirectError: 20.0,
  /** wake_up_process() on a kthread that is already running: spin_lock_irqsave + smp_mb. */
  wakeRunning: 15,
  /** wake_up_process() on a sleeping kthread: try_to_wake_up plus the IPI to its CPU. */
  wakeSleeping: 150,
  /** Without an XDP program, the driver builds the SKB itself on the RX CPU (estimate). */
  driverBuildSkb: 60,
  /**
   * Generic XDP (`mode=skb`): netif_receive_generic_xdp around the program. i40e builds its SKBs
   * with I40E_SKB_PAD of headroom, less than XDP_PACKET_HEADROOM, so pskb_expand_head reallocates
   * and copies the head of every SKB; plus the xdp_buff set up from the SKB and the SKB fixed up
   * after. Assumption (no published figure isolates it): a kmalloc, a copy of a few cache lines and
   * a page-fragment free.
   */
  genericXdpSkb: 60,

  // ---- scheduling, interrupts, RCU (estimates; they matter at low load) ----
  /** From a frame's DMA to the NAPI poll starting: interrupt, softirq raise, net_rx_action. */
  irqToPoll: 1500,
  /** From wake_up_process on another CPU to the woken kthread running on an idle CPU. */
  wakeupLatency: 3000,
  /** schedule() switching a kthread out when it goes to sleep. */
  sleepSwitch: 600,
  /** Between the kthread's first empty test and set_current_state(TASK_INTERRUPTIBLE). */
  setStateGap: 8,
  /** Between set_current_state and the lost-wake-up re-check (the barrier in set_current_state). */
  recheckGap: 12,
  /** A context switch between two runnable tasks on one CPU (CFS). */
  contextSwitch: 1000,
  /** From schedule_work() to the kworker running the item. */
  kworkerLatency: 5000,
  /** Scheduling-clock tick (HZ=1000): RCU notices quiescent states and ends grace periods on ticks. */
  tick: 1_000_000,
} as const;

/** Kernel constants that shape behaviour rather than cost. */
export const KERNEL = {
  /** CPU_MAP_BULK_SIZE: one cache line of 8 pointers. */
  bulkSize: 8,
  /** CPUMAP_BATCH (v5.2) and the v5.0 loop's "break after 8". */
  kthreadBatch: 8,
  /** NAPI weight: frames per poll. */
  napiBudget: 64,
  /** netdev_budget: frames per net_rx_action. */
  netdevBudget: 300,
  /** MAX_SOFTIRQ_RESTART: __do_softirq rounds before deferring to ksoftirqd. */
  maxSoftirqRestart: 10,
  /** MAX_SOFTIRQ_TIME: 2 ms. */
  maxSoftirqTime: 2_000_000,
  /** CFS: the least a task runs before the tick may switch to a task with less vruntime (sched_min_granularity, 0.75 ms x (1 + log2 8)). */
  cfsSlice: 3_000_000,
  /** CFS: a waking task preempts the running one if its vruntime is this much smaller (sched_wakeup_granularity, 1 ms x 4). */
  cfsWakeupGranularity: 4_000_000,
  /** CFS: a task that slept is placed this far below min_vruntime (GENTLE_FAIR_SLEEPERS: half of sched_latency, 6 ms x 4). */
  cfsSleeperCredit: 12_000_000,
  /** The sanity limit on qsize in cpu_map_update_elem. */
  maxQsize: 16384,
  /** NR_CPUS of the reference configuration. */
  nrCpus: 64,
} as const;
