import type { Lesson } from '../types';
import { fn, ident, MS } from './refs';

/** One RX queue on CPU 0, evenly spaced frames, everything to CPU 4 (v5.2), at a given rate. */
const at = (rate: string) => `rx=0&entries=4:192&rate=${rate}&prog=rr&arrival=constant`;

export const bulkQueues: Lesson = {
  id: 'bulk-queues',
  title: 'Bulk queues of 8',
  summary:
    "Why an RX CPU gathers redirected frames 8 at a time before touching the remote CPU's ring, and how the load decides how full those bulks are.",
  steps: [
    {
      title: 'A bulk queue per RX CPU and target',
      text: [
        "Every cpumap entry has one bulk queue per CPU: an array of 8 frame pointers and a count. An RX CPU appends to its own queue without a lock, because only that CPU's NAPI poll ever touches it. The queue is flushed into the entry's `ptr_ring` in two cases: when it is full and another frame comes, and at the end of every poll.",
        'The `xdp_redirect_cpu` tool shows how full the flushes are. Each flush fires the `xdp_cpumap_enqueue` tracepoint once, and the bulk-average column is the frames enqueued divided by the number of those events.',
      ],
      query: at('10k'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['Bulk queue CPU 0 to CPU 4'],
      inspect: 'Bulk queue CPU 0 to CPU 4',
      kernel: [fn('bq_enqueue', '5.2'), fn('bq_flush_to_queue', '5.2')],
      predict: {
        question: 'At a trickle of 10,000 evenly spaced frames per second, what bulk-average will the cpumap-enqueue row to CPU 4 show?',
        unit: 'frames per flush',
        answer: { stat: 'bulkAvg', to: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'Interrupt moderation gathers frames',
      text: [
        'At a trickle each frame gets a poll of its own, so each flush carries one frame: bulk-average 1.00, the worst case.',
        "A NIC does not interrupt for every frame. Like i40e's interrupt throttling, the model's NIC raises at most one RX interrupt every 20 µs, and the poll that follows handles whatever has arrived by then (up to its budget of 64 frames).",
      ],
      query: at('500k'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['RX queue 0 on CPU 0', 'Bulk queue CPU 0 to CPU 4'],
      inspect: 'Bulk queue CPU 0 to CPU 4',
      kernel: [ident('napi_complete_done', '5.2', 'dev.c'), fn('__cpu_map_flush', '5.2')],
      predict: {
        question: 'At 500,000 evenly spaced frames per second, what bulk-average will the row to CPU 4 show?',
        unit: 'frames per flush',
        answer: { stat: 'bulkAvg', to: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'Under load the bulks fill up',
      text: [
        'At 500,000 frames a second about 10 frames wait for each poll. The poll flushes a full bulk of 8 when the ninth frame finds the queue full, and the 2 left over at its end: 10 frames in two flushes, bulk-average 5.00.',
        'Now four times the load.',
      ],
      query: at('2M'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['Bulk queue CPU 0 to CPU 4'],
      inspect: 'Bulk queue CPU 0 to CPU 4',
      kernel: [fn('bq_enqueue', '5.2'), fn('__cpu_map_flush', '5.2')],
      predict: {
        question: 'At 2,000,000 evenly spaced frames per second, what bulk-average will the row to CPU 4 show?',
        unit: 'frames per flush',
        answer: { stat: 'bulkAvg', to: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'Why eight',
      text: [
        'At 2 Mpps each poll finds about 40 frames: four bulks are flushed when the next frame finds the queue full, the fifth at the end of the poll, all with 8 frames. Bulk-average 8.00 is the most there can be.',
        "`CPU_MAP_BULK_SIZE` is 8 because 8 pointers of 8 bytes fill one 64-byte cache line. Most of what a flush costs is paid once per flush: the remote ring's `producer_lock`, the ring's cache lines moving from CPU 4 to this CPU, and the tracepoint. The model charges 20 ns per flush plus 7.7 ns per frame, so flushing costs a frame 27.7 ns at bulk 1 and about 10 ns at bulk 8.",
        'Watch the ring fill 8 frames at a time while the kthread on CPU 4 goes on sleeping: a full bulk flushed in the middle of a poll does not call `wake_up_process`. Only the flush at the end of the poll wakes the kthread.',
      ],
      query: at('2M'),
      startAt: 5_001_000,
      pauseAt: 5_003_200,
      speed: 1_000,
      highlight: ['Bulk queue CPU 0 to CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('bq_enqueue', '5.2'), fn('bq_flush_to_queue', '5.2'), fn('__cpu_map_flush', '5.2')],
    },
  ],
};
