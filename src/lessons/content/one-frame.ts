import type { Lesson } from '../types';
import { fn, ident } from './refs';

/** The trickle preset: one frame every 100 µs into RX queue 0 on CPU 0, all to CPU 4 (v5.2). */
const TRICKLE = 'rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant';

// In this run the second frame lands at 109.0 µs, its poll starts at 110.75 µs, the end-of-poll
// flush puts it in the ring at 110.81 µs, the kthread runs at 113.8 µs and sleeps again at 114.18 µs.

export const oneFrame: Lesson = {
  id: 'one-frame',
  title: 'The path of one frame',
  summary:
    'How one frame goes from a NIC queue on one CPU, through the XDP program, a bulk queue and a ptr_ring, to a kthread that builds an SKB and hands it to the stack on another CPU.',
  steps: [
    {
      title: 'A frame lands in RX queue 0',
      text: [
        'A trickle: 10,000 evenly spaced frames a second arrive at one NIC RX queue, served by CPU 0. The XDP program sends every frame to CPU 4, the only entry of the cpumap (its queue holds 192 frames). The kernel is v5.2.',
        "The NIC copies the frame by DMA into the next buffer of the queue's descriptor ring and raises an interrupt. The driver does not handle the frame inside the interrupt: it schedules NAPI, and the NET_RX softirq on CPU 0 will call the driver's poll function. The model allows 1.5 µs from the arrival to the start of that poll.",
        'At the checkpoint the frame waits in RX queue 0 and CPU 0 has not started polling yet.',
      ],
      query: TRICKLE,
      startAt: 105_000,
      pauseAt: 109_600,
      speed: 2_000,
      highlight: ['RX queue 0 on CPU 0'],
      inspect: 'RX queue 0 on CPU 0',
      kernel: [ident('i40e_clean_rx_irq', '5.2', 'i40e_txrx.c'), ident('napi_schedule', '5.2', 'netdevice.h')],
    },
    {
      title: 'The XDP program redirects it into a bulk queue',
      text: [
        'The poll takes the frame off the RX ring and runs the XDP program on it. The program calls `bpf_redirect_map` with key 4 and returns `XDP_REDIRECT`; the driver then calls `xdp_do_redirect`, which for a cpumap ends in `cpu_map_enqueue`.',
        "`cpu_map_enqueue` turns the frame into an `xdp_frame`, written into the frame's own headroom so nothing is allocated, and `bq_enqueue` appends it to the bulk queue that belongs to this CPU and this entry. `__cpu_map_insert_ctx` sets bit 4 in CPU 0's `flush_needed` bitmap: before the poll ends, that bulk queue must be flushed.",
        'Nothing has reached CPU 4 yet. The frame is one pointer in an array of 8 that only CPU 0 touches, so no lock was taken.',
      ],
      query: TRICKLE,
      startAt: 109_600,
      pauseAt: 110_800,
      speed: 1_000,
      highlight: ['CPU 0', 'Bulk queue CPU 0 to CPU 4'],
      inspect: 'Bulk queue CPU 0 to CPU 4',
      kernel: [
        ident('xdp_do_redirect', '5.2', 'filter.c'),
        fn('cpu_map_enqueue', '5.2'),
        fn('bq_enqueue', '5.2'),
        fn('__cpu_map_insert_ctx', '5.2'),
      ],
    },
    {
      title: 'End of the poll: flush into the ring, wake the kthread',
      text: [
        "The RX queue had nothing else, so the poll ends at once. On its way out the driver calls `xdp_do_flush_map`, and `__cpu_map_flush` visits each bit set in CPU 0's bitmap. For bit 4, `bq_flush_to_queue` takes the ring's `producer_lock` once, stores the frame with `__ptr_ring_produce` and fires the `xdp_cpumap_enqueue` tracepoint (processed=1, drops=0). The bit is cleared and `wake_up_process` is called on CPU 4's kthread.",
        'The frame now sits in the `ptr_ring` of the entry for CPU 4. The kthread was asleep: the wake-up makes it runnable, and in the model it starts running 3 µs later (an estimate of the time an idle CPU takes to wake and switch to the thread).',
      ],
      query: TRICKLE,
      startAt: 110_800,
      pauseAt: 111_600,
      speed: 500,
      highlight: ['Bulk queue CPU 0 to CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [
        fn('__cpu_map_flush', '5.2'),
        fn('bq_flush_to_queue', '5.2'),
        ident('__ptr_ring_produce', '5.2', 'ptr_ring.h'),
        ident('wake_up_process', '5.2', 'sched/core.c'),
      ],
    },
    {
      title: 'The kthread takes the frame and builds an SKB',
      text: [
        "The kthread `cpumap/4/map:7` was created with the entry and bound to CPU 4. It comes back from `schedule()` and goes round its loop: `ptr_ring_consume_batched` takes up to 8 frames (here, the one), `prefetchw` starts loading each frame's `struct page` for writing, and `kmem_cache_alloc_bulk` gets the SKB heads for the whole batch in one call.",
        "`cpu_map_build_skb` then builds the SKB around the frame's own memory with `build_skb_around`, so the packet data is not copied, and `eth_type_trans` sets the protocol. From here on the frame is an ordinary SKB.",
      ],
      query: TRICKLE,
      startAt: 111_600,
      pauseAt: 113_950,
      speed: 1_000,
      highlight: ['CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [
        fn('cpu_map_kthread_run', '5.2'),
        ident('ptr_ring_consume_batched', '5.2', 'ptr_ring.h'),
        ident('kmem_cache_alloc_bulk', '5.2', 'slub.c'),
        fn('cpu_map_build_skb', '5.2'),
        ident('build_skb_around', '5.2', 'skbuff.c'),
      ],
    },
    {
      title: 'Into the stack, and back to sleep',
      text: [
        'With bottom halves disabled, the kthread passes the SKB to `netif_receive_skb_core`, the same entry into the stack the driver would have used on CPU 0. In this scenario the frame is UDP to a port nobody listens on: the stack counts it under UdpNoPorts and frees it. The `xdp_cpumap_kthread` tracepoint reports processed=1, drops=0 and sched=1, because this pass of the loop went through `schedule()`.',
        'The ring is empty again, so the kthread goes back to sleep until the next end-of-poll flush wakes it. From the NIC to the stack the frame took about 5 µs, 3 µs of them waiting for the kthread to wake: at a trickle, sleeping and waking cost more than the work. The next lessons show what changes under load.',
      ],
      query: TRICKLE,
      startAt: 113_950,
      pauseAt: 115_000,
      speed: 500,
      highlight: ['CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [ident('netif_receive_skb_core', '5.2', 'dev.c'), fn('cpu_map_kthread_run', '5.2')],
    },
  ],
};
