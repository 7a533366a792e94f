import type { Lesson } from '../types';
import { fn, ident, MS } from './refs';

/** The run whose xdp_redirect_cpu output was published in 2019 (FACTS.md): v5.0, UdpNoPorts, qsize 192. */
const OVERLOAD = 'kernel=5.0&rx=3&entries=4:192&rate=14.7M&prog=rr&arrival=constant&stack=udp-noport';

export const overload: Lesson = {
  id: 'overload',
  title: 'Overload: when the ring is always full',
  summary:
    'What the counters look like when one kthread receives far more than it can process, replaying the xdp_redirect_cpu output published with the 2019 series.',
  steps: [
    {
      title: '14.7 Mpps into one kthread',
      text: [
        'The run whose `xdp_redirect_cpu` output was published with the 2019 series: v5.0 code, one RX queue on CPU 3 at 14.7 Mpps, all of it redirected to CPU 4 (qsize 192), UDP to a port with no listener. The RX CPU can redirect at that rate; the kthread on CPU 4 cannot, by far.',
        "With a full ring the kthread never sleeps and always takes batches of 8. Its cost per frame is the v5.0 kthread's 161.46 ns plus the 153 ns more that the UDP path costs than an iptables drop.",
      ],
      query: OVERLOAD,
      startAt: 5 * MS,
      pauseAt: 15 * MS,
      speed: 5_000_000,
      highlight: ['CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('cpu_map_kthread_run', '5.0'), ident('netif_receive_skb_core', '5.0', 'dev.c')],
      predict: {
        question: 'How many frames per second will the kthread on CPU 4 process?',
        unit: 'frames/s',
        answer: { stat: 'kthreadPps', cpu: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'The full ring refuses the rest',
      text: [
        'The published run shows 3,180,074 frames a second for the kthread: 314 ns a frame. The RX CPU keeps redirecting everything it receives, and most flushes find the ring full: `__ptr_ring_produce` refuses all 8 frames, which go straight back to the driver.',
        "The ring's batched NULLing sets the rhythm. Each time the kthread has consumed 16 frames it clears those 16 slots at once, and the next two flushes fit in whole. The trace log shows it: `xdp_cpumap_enqueue` with drops=8 most of the time, and drops=0 twice after every second kthread pass.",
      ],
      query: OVERLOAD,
      startAt: 5 * MS,
      pauseAt: 15 * MS,
      speed: 5_000_000,
      highlight: ['Bulk queue CPU 3 to CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('bq_flush_to_queue', '5.0'), ident('__ptr_ring_produce', '5.0', 'ptr_ring.h')],
      predict: {
        question: 'How many frames per second will the ring of CPU 4 refuse (drop-pps of the cpumap-enqueue row)?',
        unit: 'frames/s',
        answer: { stat: 'enqueueDropPps', to: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'Reading the published output',
      text: [
        'The published output has 14,732,686 frames a second enqueued to CPU 4 and 11,552,609 of them dropped: enqueued minus dropped is what the kthread processed. Its bulk-average is 8.00, because every poll is full at this rate, and the sched column of the kthread row is 0: the kthread never went to sleep.',
        'A refused frame costs the RX CPU little more than the redirect it already paid for: the frame goes back to the driver for reuse. But all the work done on it was wasted, and the numbers say what to do: one kthread is not enough, and the flows have to be spread over more CPUs.',
      ],
      query: OVERLOAD,
      startAt: 15 * MS,
      pauseAt: 15_010_000,
      speed: 5_000,
      highlight: ['Bulk queue CPU 3 to CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('bq_flush_to_queue', '5.0'), fn('cpu_map_kthread_run', '5.0')],
    },
  ],
};
