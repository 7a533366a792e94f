import type { Lesson } from '../types';
import { fn, ident, MS } from './refs';

/** One RX queue on CPU 3, everything to CPU 4, whose stack drops in iptables raw (v5.2). */
const ring = (qsize: number, rate: string) => `rx=3&entries=4:${qsize}&rate=${rate}&prog=rr&arrival=constant&stack=iptables-drop`;

export const ptrRing: Lesson = {
  id: 'ptr-ring',
  title: 'The ptr_ring and its batched NULLing',
  summary:
    'How the ring between an RX CPU and a kthread refuses frames: why a small ring drops even when the kthread has time to spare, and why it can refuse with free slots left.',
  steps: [
    {
      title: 'A ring of 32 slots',
      text: [
        "Each entry's queue is a `ptr_ring`: an array of qsize pointers in which NULL means free. Producers, the RX CPUs' flushes, take turns under `producer_lock` and store at the producer index. `__ptr_ring_produce` refuses a frame when the slot there is not NULL; `bq_flush_to_queue` then drops the frame and counts it in the tracepoint's drops. The only consumer is the entry's kthread, reading at `consumer_head`.",
        "Here one RX queue on CPU 3 sends 6 Mpps to CPU 4, whose stack drops every packet in iptables' raw table. A v5.2 kthread that never waits handles about 7.65 Mpps of this, so it has room to spare. The ring, though, has only 32 slots.",
      ],
      query: ring(32, '6M'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [ident('__ptr_ring_produce', '5.2', 'ptr_ring.h'), fn('bq_flush_to_queue', '5.2')],
      predict: {
        question: 'How many frames per second will the ring of CPU 4 refuse (the drop-pps of the cpumap-enqueue row to CPU 4)?',
        unit: 'frames/s',
        answer: { stat: 'enqueueDropPps', to: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'The burst arrives while the kthread sleeps',
      text: [
        'About 4.4 million a second are refused, most of the traffic, although the kthread is idle much of the time. It is a matter of timing. Interrupt moderation delivers the frames to CPU 3 in bursts: every 20 µs, when the interrupt comes, some 70 frames are already waiting, and the polls push them out at about 68 ns a frame: nearly twice as fast as the kthread can take them.',
        "The full bulks flushed during the poll do not wake the kthread; only the flush at the end of the poll does, and the kthread then needs about 3 µs to start. Thirty-two slots hold about 2 µs of the burst. At the checkpoint the ring is full and the kthread still asleep, so the rest of this poll's frames are refused. Each 20 µs the kthread gets one ring's worth: 32 frames, 50,000 times a second, 1.6 Mpps.",
      ],
      query: ring(32, '6M'),
      startAt: 5_021_000,
      pauseAt: 5_025_000,
      speed: 2_000,
      highlight: ['Bulk queue CPU 3 to CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('bq_enqueue', '5.2'), fn('__cpu_map_flush', '5.2'), ident('wake_up_process', '5.2', 'sched/core.c')],
    },
    {
      title: 'Consumed is not yet free',
      text: [
        'The consumer does not write NULL into each slot as it takes the frame out. It leaves consumed slots as they are and clears them in batches of `ring->batch`, 16 for this ring (two cache lines of pointers), the last slot first. That way the producer, which tests those same slots, does not lose its cache line to the consumer at every frame.',
        "Until a batch is cleared, the producer sees those slots as taken. Here, at 9 Mpps, the ring holds 19 frames and 13 slots that were consumed but not yet cleared: the producer finds its next slot still set and the flush's frames are refused, with 13 slots of the ring in fact free. The room a producer sees varies between qsize − 15 and qsize.",
      ],
      query: ring(32, '9M'),
      startAt: 5_003_000,
      pauseAt: 5_005_930,
      speed: 1_500,
      highlight: ['Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [ident('__ptr_ring_discard_one', '5.2', 'ptr_ring.h'), ident('__ptr_ring_set_size', '5.2', 'ptr_ring.h')],
      predict: {
        question:
          'With a ring of 2048 slots this kthread processes about 7.65 Mpps of the 9 Mpps offered. With 32 slots, how many frames per second will it process?',
        unit: 'frames/s',
        answer: { stat: 'kthreadPps', cpu: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'Room for a burst',
      text: [
        'With 32 slots the kthread processed about 4.4 Mpps of the 9 offered, well below what it can do. A ring has to hold what arrives during a poll and the wake-up that follows it. The 2019 sample `xdp_redirect_cpu` used qsize 192 by default (128 + 64); `xdp-bench` uses 2048. Changing qsize means an update of the map entry, which replaces the entry with a new ring and kthread.',
        'Back to 6 Mpps, now with 192 slots.',
      ],
      query: ring(192, '6M'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('cpu_map_update_elem', '5.2'), ident('ptr_ring_init', '5.2', 'ptr_ring.h')],
      predict: {
        question: 'At 6 Mpps with a ring of 192 slots, how many frames per second will the ring of CPU 4 refuse?',
        unit: 'frames/s',
        answer: { stat: 'enqueueDropPps', to: 4 },
        windowNs: 5 * MS,
      },
    },
  ],
};
