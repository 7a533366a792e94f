import type { Lesson } from '../types';
import { fn, ident, MS } from './refs';

/** RX queue on CPU 4, which is also the target of about half the flows (v5.2). */
const SHARED = 'rx=4&entries=4:256,5:256&rate=14M&prog=hash&stack=iptables-drop';

export const sharedCpu: Lesson = {
  id: 'shared-cpu',
  title: 'An RX CPU that is also a target',
  summary:
    'What happens when the CPU that receives the traffic also runs a cpumap kthread: softirq first, then ksoftirqd and the kthread sharing the CPU.',
  steps: [
    {
      title: 'Softirq comes first',
      text: [
        'One RX queue on CPU 4 receives 14 Mpps. The program hashes the flows over the entries for CPU 4 and CPU 5, so CPU 4 has to run the NAPI polls and a cpumap kthread for about half the traffic.',
        'Softirq work comes before threads. A pending NAPI poll runs as soon as bottom halves are enabled, and for the kthread that is between two passes of its loop, which runs with bottom halves disabled. Only if NET_RX still has work after 10 rounds (or 2 ms) does `__do_softirq` stop and wake ksoftirqd, a thread that the scheduler then treats like any other.',
      ],
      query: SHARED,
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['CPU 4', 'RX queue 0 on CPU 4', 'Entry for CPU 4'],
      inspect: 'CPU 4',
      kernel: [
        ident('__do_softirq', '5.2', 'softirq.c'),
        ident('local_bh_enable', '5.2', 'bottom_half.h'),
        fn('cpu_map_kthread_run', '5.2'),
      ],
      predict: {
        question: 'The kthread on CPU 5 has a CPU of its own. How many frames per second will the kthread on CPU 4 process?',
        unit: 'frames/s',
        answer: { stat: 'kthreadPps', cpu: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'ksoftirqd takes turns',
      text: [
        'In the first milliseconds the kthread on CPU 4 gets only the gaps between polls, about 0.3 Mpps, and its ring refuses most of its frames. At 14 Mpps a CPU doing nothing but NAPI and XDP only just keeps up, so the NIC queue runs dry now and then, ksoftirqd goes back to sleep, and NET_RX returns to softirq, ahead of the kthread.',
        'In this run, after about 14 ms, NET_RX stays in ksoftirqd for good. From then on CFS shares CPU 4 between ksoftirqd and the kthread as two equal threads.',
      ],
      query: SHARED,
      startAt: 20 * MS,
      pauseAt: 30 * MS,
      speed: 5_000_000,
      highlight: ['CPU 4', 'Entry for CPU 4'],
      inspect: 'CPU 4',
      kernel: [ident('wakeup_softirqd', '5.2', 'softirq.c'), ident('cond_resched', '5.2', 'sched.h')],
      predict: {
        question: 'Now how many frames per second will the kthread on CPU 4 process?',
        unit: 'frames/s',
        answer: { stat: 'kthreadPps', cpu: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'Half a CPU each',
      text: [
        "About 3.6 Mpps: each thread gets about half of CPU 4, and the sched column shows the kthread giving up the CPU many thousands of times a second. The polls get the other half, and whatever they do not take in time overflows the NIC's RX ring and is dropped there, before the XDP program ever sees it.",
      ],
      query: SHARED,
      startAt: 20 * MS,
      pauseAt: 30 * MS,
      speed: 5_000_000,
      highlight: ['RX queue 0 on CPU 4', 'CPU 4'],
      inspect: 'RX queue 0 on CPU 4',
      kernel: [ident('napi_complete_done', '5.2', 'dev.c'), fn('cpu_map_kthread_run', '5.2')],
      predict: {
        question: 'How many frames per second will the XDP program on CPU 4 now see (XDP-RX)?',
        unit: 'frames/s',
        answer: { stat: 'rxPps' },
        windowNs: 5 * MS,
      },
    },
  ],
};
