import type { Claim, Lesson } from '../types';
import { fn, ident } from './refs';

/** The trickle preset: one frame every 100 µs into RX queue 0 on CPU 0, all to CPU 4 (v5.2). */
const TRICKLE = 'rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant';

// The lesson follows the run's first frame: it lands at 9.0 µs, its poll starts at 10.5 µs, the
// end-of-poll flush puts it in the ring at 10.79 µs, the kthread runs at 13.81 µs and sleeps again
// at 14.16 µs. (The kthread ran once before, at 3 µs, when it was created, and found nothing.)

const ENTRY = 'Entry for CPU 4';
const BULKQ = 'Bulk queue CPU 0 to CPU 4';
const ring = (says: string, field: 'count' | 'notNulled', is: number): Claim => ({ says, of: { of: 'ring', entry: ENTRY, field }, is });
/** The CPU of the kthread pass that built the frame's SKB (the last `xdp_cpumap_kthread` hit, at step 5's checkpoint). */
const KTHREAD_CPU = (cpu: number): Omit<Claim, 'says'> => ({
  of: { of: 'trace', kind: 'kthread', field: 'cpu' },
  is: cpu,
  run: { step: 5 },
});
const kthread = (says: string, is: string): Claim => ({ says, of: { of: 'kthread', entry: ENTRY, field: 'shown' }, is });

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
        "The NIC copies the frame by DMA into the next buffer of the queue's descriptor ring and raises an interrupt. The driver does not handle the frame inside the interrupt: it schedules NAPI, and the NET_RX softirq on CPU 0 will call the driver's poll function. The model allows 1.5 µs from the interrupt to the start of that poll.",
        'At the checkpoint this first frame of the run waits in RX queue 0, and CPU 0 has not started polling yet. The ring of the entry for CPU 4 is empty, and its kthread is sleeping: it ran once when it was created, found nothing, and went to sleep.',
      ],
      query: TRICKLE,
      startAt: 5_000,
      pauseAt: 9_600,
      speed: 2_000,
      highlight: ['RX queue 0 on CPU 0'],
      inspect: 'RX queue 0 on CPU 0',
      kernel: [ident('i40e_clean_rx_irq', '5.2', 'i40e_txrx.c'), ident('napi_schedule', '5.2', 'netdevice.h')],
      claims: [
        { says: '10,000 evenly spaced frames a second', of: { of: 'scenario', field: 'rate' }, is: 10_000 },
        { says: 'its queue holds 192 frames', of: { of: 'qsize', cpu: 4 }, is: 192 },
        { says: '1.5 µs from the interrupt', of: { of: 'cost', name: 'irqToPoll' }, is: 1.5, scale: 1e3 },
        { says: 'this first frame of the run waits in RX queue 0', of: { of: 'nic', queue: 0, field: 'count' }, is: 1 },
        { says: 'this first frame of the run', of: { of: 'frames', field: 'offered' }, is: 1 },
        { says: 'CPU 0 has not started polling yet', of: { of: 'cpu', cpu: 0, field: 'inPoll' }, is: false },
        ring('The ring of the entry for CPU 4 is empty', 'count', 0),
        ring('The ring of the entry for CPU 4 is empty', 'notNulled', 0),
        kthread('its kthread is sleeping', 'sleeping'),
      ],
    },
    {
      title: 'The XDP program redirects it into a bulk queue',
      text: [
        'The poll takes the frame off the RX ring and runs the XDP program on it. The program calls `bpf_redirect_map` with key 4 and returns `XDP_REDIRECT`; the driver then calls `xdp_do_redirect`, which for a cpumap ends in `cpu_map_enqueue`.',
        "`cpu_map_enqueue` turns the frame into an `xdp_frame`, written into the frame's own headroom so nothing is allocated, and `bq_enqueue` appends it to the bulk queue that belongs to this CPU and this entry. `__cpu_map_insert_ctx` sets bit 4 in CPU 0's `flush_needed` bitmap: before the poll ends, that bulk queue must be flushed.",
        'Nothing has reached CPU 4 yet: its ring is still empty. The frame is one pointer in an array of 8 that only CPU 0 touches, so no lock was taken.',
      ],
      query: TRICKLE,
      startAt: 9_600,
      pauseAt: 10_770,
      speed: 1_000,
      highlight: ['CPU 0', BULKQ],
      inspect: BULKQ,
      kernel: [
        ident('xdp_do_redirect', '5.2', 'filter.c'),
        fn('cpu_map_enqueue', '5.2'),
        fn('bq_enqueue', '5.2'),
        fn('__cpu_map_insert_ctx', '5.2'),
      ],
      claims: [
        { says: 'The poll takes the frame off the RX ring', of: { of: 'cpu', cpu: 0, field: 'inPoll' }, is: true },
        { says: 'The poll takes the frame off the RX ring', of: { of: 'nic', queue: 0, field: 'count' }, is: 0 },
        { says: '`bq_enqueue` appends it to the bulk queue', of: { of: 'bulkq', name: BULKQ }, is: 1 },
        { says: "sets bit 4 in CPU 0's `flush_needed` bitmap", of: { of: 'flushNeeded', cpu: 0 }, is: '4' },
        ring('its ring is still empty', 'count', 0),
        { says: 'an array of 8', of: { of: 'constant', name: 'bulkSize' }, is: 8 },
      ],
    },
    {
      title: 'End of the poll: flush into the ring, wake the kthread',
      text: [
        "The RX queue had nothing else, so the poll ends at once. On its way out the driver calls `xdp_do_flush_map`, and `__cpu_map_flush` visits each bit set in CPU 0's bitmap. For bit 4, `bq_flush_to_queue` takes the ring's `producer_lock` once, stores the frame with `__ptr_ring_produce` and fires the `xdp_cpumap_enqueue` tracepoint (processed=1, drops=0). The bit is cleared and `wake_up_process` is called on CPU 4's kthread.",
        'The frame now sits in the `ptr_ring` of the entry for CPU 4, and the bulk queue is empty. The kthread was asleep: the wake-up makes it runnable, and in the model it starts running 3 µs later (an estimate of the time an idle CPU takes to wake and switch to the thread).',
      ],
      query: TRICKLE,
      startAt: 10_770,
      pauseAt: 11_600,
      speed: 500,
      highlight: [BULKQ, ENTRY],
      inspect: ENTRY,
      kernel: [
        fn('__cpu_map_flush', '5.2'),
        fn('bq_flush_to_queue', '5.2'),
        ident('__ptr_ring_produce', '5.2', 'ptr_ring.h'),
        ident('wake_up_process', '5.2', 'sched/core.c'),
      ],
      predict: {
        kind: 'choice',
        when: 'after',
        question: 'The frame waits in the ring and the kthread is runnable. Which CPU will build the SKB for this frame?',
        choices: [
          { label: 'CPU 0, which received the frame and ran the XDP program', fact: KTHREAD_CPU(0) },
          { label: "CPU 4, where the entry's kthread runs", fact: KTHREAD_CPU(4) },
          { label: 'Whichever CPU becomes idle first' },
        ],
        answer: 1,
        why: "A cpumap entry's kthread is bound to its CPU. The RX CPU only hands the `xdp_frame` over through the ring; the kthread on CPU 4 builds the SKB and runs the stack there. Moving that work off the RX CPU is what a cpumap is for.",
        where: { on: 'topology', element: 'CPU 4' },
      },
      claims: [
        { says: 'the poll ends at once', of: { of: 'cpu', cpu: 0, field: 'inPoll' }, is: false },
        { says: 'processed=1', of: { of: 'trace', kind: 'enqueue', field: 'processed' }, is: 1 },
        { says: 'drops=0', of: { of: 'trace', kind: 'enqueue', field: 'drops' }, is: 0 },
        { says: 'The bit is cleared', of: { of: 'flushNeeded', cpu: 0 }, is: '' },
        ring('The frame now sits in the `ptr_ring`', 'count', 1),
        { says: 'the bulk queue is empty', of: { of: 'bulkq', name: BULKQ }, is: 0 },
        kthread('the wake-up makes it runnable', 'runnable'),
        { says: 'starts running 3 µs later', of: { of: 'cost', name: 'wakeupLatency' }, is: 3, scale: 1e3 },
      ],
    },
    {
      title: 'The kthread takes the frame and builds an SKB',
      text: [
        "The kthread `cpumap/4/map:7` was created with the entry and bound to CPU 4. It comes back from `schedule()` and goes round its loop: `ptr_ring_consume_batched` takes up to 8 frames (here, the one), `prefetchw` starts loading each frame's `struct page` for writing, and `kmem_cache_alloc_bulk` gets the SKB heads for the whole batch in one call.",
        'The ring now reads 0/192 with 1 slot not NULLed: taking the frame moved `consumer_head` on, but the pointer stays in its slot. The consumer clears consumed slots 16 at a time (the ptr_ring lesson shows why), so until then the producer still sees that slot as taken.',
        "`cpu_map_build_skb` then builds the SKB around the frame's own memory with `build_skb_around`, so the packet data is not copied, and `eth_type_trans` sets the protocol. From here on the frame is an ordinary SKB.",
      ],
      query: TRICKLE,
      startAt: 11_600,
      pauseAt: 13_950,
      speed: 1_000,
      highlight: ['CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [
        fn('cpu_map_kthread_run', '5.2'),
        ident('ptr_ring_consume_batched', '5.2', 'ptr_ring.h'),
        ident('kmem_cache_alloc_bulk', '5.2', 'slub.c'),
        fn('cpu_map_build_skb', '5.2'),
        ident('build_skb_around', '5.2', 'skbuff.c'),
      ],
      claims: [
        kthread('goes round its loop', 'running'),
        { says: 'takes up to 8 frames', of: { of: 'constant', name: 'kthreadBatch' }, is: 8 },
        ring('The ring now reads 0', 'count', 0),
        { says: '/192', of: { of: 'ring', entry: ENTRY, field: 'size' }, is: 192 },
        ring('with 1 slot not NULLed', 'notNulled', 1),
        { says: 'with 1 slot not NULLed', of: { of: 'inspector', field: 'consumed, not yet NULLed' }, is: 1 },
        { says: 'consumed slots 16 at a time', of: { of: 'ring', entry: ENTRY, field: 'batch' }, is: 16 },
      ],
    },
    {
      title: 'Into the stack, and back to sleep',
      text: [
        'With bottom halves disabled, the kthread passes the SKB to `netif_receive_skb_core`, the same entry into the stack the driver would have used on CPU 0. In this scenario the frame is UDP to a port nobody listens on: the stack counts it under UdpNoPorts and frees it. That is the verdict of the stack on this frame, not a loss: cpumap delivered it. The `xdp_cpumap_kthread` tracepoint reports processed=1, drops=0 and sched=1, because this pass of the loop went through `schedule()`.',
        'The ring is empty again, so the kthread goes back to sleep until the next end-of-poll flush wakes it. From the NIC to the stack the frame took about 5 µs, 3 µs of them in the ring waiting for the kthread to wake: at a trickle, sleeping and waking cost more than the work. The next lessons show what changes under load.',
      ],
      query: TRICKLE,
      startAt: 13_950,
      pauseAt: 15_000,
      speed: 500,
      highlight: ['CPU 4'],
      inspect: ENTRY,
      kernel: [ident('netif_receive_skb_core', '5.2', 'dev.c'), fn('cpu_map_kthread_run', '5.2')],
      claims: [
        { says: 'the stack counts it under UdpNoPorts and frees it', of: { of: 'frames', field: 'delivered' }, is: 1 },
        { says: 'not a loss', of: { of: 'frames', field: 'ringFull' }, is: 0 },
        { says: 'processed=1', of: { of: 'trace', kind: 'kthread', field: 'processed' }, is: 1 },
        { says: 'drops=0', of: { of: 'trace', kind: 'kthread', field: 'drops' }, is: 0 },
        { says: 'sched=1', of: { of: 'trace', kind: 'kthread', field: 'extra' }, is: 1 },
        ring('The ring is empty again', 'count', 0),
        kthread('the kthread goes back to sleep', 'sleeping'),
        { says: 'about 5 µs', of: { of: 'journey', from: 'nic', to: 'done' }, is: 5, scale: 1e3, within: 5, run: { startAt: 5_000 } },
        {
          says: '3 µs of them in the ring',
          of: { of: 'journey', from: 'ring', to: 'skb' },
          is: 3,
          scale: 1e3,
          within: 3,
          run: { startAt: 5_000 },
        },
      ],
    },
  ],
};
