import type { Lesson } from '../types';
import { fn, ident, MS } from './refs';

/** One RX queue on CPU 0, evenly spaced frames, everything to CPU 4 (v5.2), UDP to a closed port. */
const at = (rate: string) => `rx=0&entries=4:192&rate=${rate}&prog=rr&arrival=constant`;

/** Two RX queues (the default scenario's) sending 2 Mpps in all to CPU 4. */
const TWO_QUEUES = 'rx=0,1&entries=4:192&rate=2M';

export const kthreadSleep: Lesson = {
  id: 'kthread-sleep',
  title: "The kthread's sleep and wake-up",
  summary:
    'When the cpumap kthread sleeps, who wakes it, and how it goes to sleep without missing a frame that arrives at the same moment.',
  steps: [
    {
      title: 'One wake-up per frame',
      text: [
        "When its ring is empty the kthread sleeps, and the flush at the end of an RX CPU's poll wakes it with `wake_up_process`. Each pass through the kthread's loop fires the `xdp_cpumap_kthread` tracepoint, with sched=1 when that pass went through `schedule()` (on a PREEMPT_NONE kernel also when `cond_resched()` gave the CPU away; this one, like the 2019 test machine, is built with CONFIG_PREEMPT, where `cond_resched()` always returns 0). `xdp_redirect_cpu` adds these up in the sched column of the kthread row.",
        'The trickle again: 10,000 evenly spaced frames a second from CPU 0 to CPU 4.',
      ],
      query: at('10k'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('cpu_map_kthread_run', '5.2'), fn('__cpu_map_flush', '5.2')],
      predict: {
        question: 'At 10,000 frames per second, how many times per second will the kthread on CPU 4 sleep and be woken (its sched column)?',
        unit: 'wake-ups/s',
        answer: { stat: 'kthreadSchedPps', cpu: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'Going to sleep in three steps',
      text: [
        'Each frame wakes the kthread once: 10,000 a second. Going to sleep takes three steps. The loop finds the ring empty with `__ptr_ring_empty`; the kthread sets its own state to `TASK_INTERRUPTIBLE` with `set_current_state`, which includes a memory barrier; then it tests the ring again, and only if it is still empty does it call `schedule()`.',
        "Why test twice? A producer on another CPU could store a frame and call `wake_up_process` just after the first test. While the kthread is still `TASK_RUNNING` that wake-up does nothing, and if the kthread then slept, the frame would wait for some later flush, at a trickle possibly for a long time. With the state set first, either the second test sees the frame, or the producer's `wake_up_process` sees `TASK_INTERRUPTIBLE` and puts the kthread back to `TASK_RUNNING`, so that `schedule()` returns at once.",
        'At the checkpoint the kthread has just delivered its frame, set `TASK_INTERRUPTIBLE`, and is about to test again (the inspector shows next: recheck). The ring is empty: it will sleep.',
      ],
      query: at('10k'),
      startAt: 114_100,
      pauseAt: 114_175,
      speed: 30,
      highlight: ['Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [
        fn('cpu_map_kthread_run', '5.2'),
        ident('set_current_state', '5.2', 'sched.h'),
        ident('__ptr_ring_empty', '5.2', 'ptr_ring.h'),
        ident('schedule', '5.2', 'sched/core.c'),
      ],
    },
    {
      title: 'The second test at work',
      text: [
        "Two RX queues, on CPUs 0 and 1, send 2 Mpps in all to CPU 4. At 7.182 ms the kthread on CPU 4 found its ring empty and set `TASK_INTERRUPTIBLE`; about 10 ns later CPU 0 flushed a full bulk of 8 frames into that ring. The flush came from the middle of CPU 0's poll, and such a flush calls no `wake_up_process` at all.",
        "At the checkpoint the 8 frames are in the ring and the kthread sits between `set_current_state` and its second test. The test finds them, so the kthread puts itself back to `TASK_RUNNING` and handles them right away. Without the second test it would have slept with 8 frames in its ring until the end of CPU 0's poll woke it.",
      ],
      query: TWO_QUEUES,
      startAt: 7_182_000,
      pauseAt: 7_182_310,
      speed: 100,
      highlight: ['Bulk queue CPU 0 to CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('cpu_map_kthread_run', '5.2'), fn('bq_enqueue', '5.2'), ident('__ptr_ring_empty', '5.2', 'ptr_ring.h')],
    },
    {
      title: 'Ten times the trickle',
      text: [
        'Back to one RX queue, now at 100,000 evenly spaced frames a second: ten times the trickle. The kthread still empties its ring faster than frames come.',
      ],
      query: at('100k'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['CPU 4', 'RX queue 0 on CPU 0'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('cpu_map_kthread_run', '5.2'), fn('__cpu_map_flush', '5.2')],
      predict: {
        question: 'At 100,000 frames per second, how many times per second will the kthread on CPU 4 be woken?',
        unit: 'wake-ups/s',
        answer: { stat: 'kthreadSchedPps', cpu: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'Overload: the kthread stops sleeping',
      text: [
        'Not 100,000: the NIC raises at most one interrupt every 20 µs, so each poll carries 2 frames and its end-of-poll flush wakes the kthread once, 50,000 times a second. As long as the kthread empties its ring before the next poll, it sleeps once per poll, whatever the rate.',
        'Now 4 Mpps. Building an SKB and sending UDP to a closed port costs this kthread about 284 ns a frame, so it can take about 3.5 Mpps.',
      ],
      query: at('4M'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('cpu_map_kthread_run', '5.2'), ident('cond_resched', '5.2', 'sched.h')],
      predict: {
        question: 'At 4 Mpps, more than the kthread can take, how many times per second will it be woken?',
        unit: 'wake-ups/s',
        answer: { stat: 'kthreadSchedPps', cpu: 4 },
        windowNs: 5 * MS,
      },
    },
    {
      title: 'Busy, never asleep',
      text: [
        'Zero. The ring is never empty, so the loop never reaches `schedule()`; it passes through `cond_resched()` instead, which returns 0: on this CONFIG_PREEMPT kernel it always does, and nothing else wants CPU 4 anyway. The flushes still call `wake_up_process` every poll, but on a running thread it only costs a lock and a barrier.',
        'The frames the kthread cannot take pile up in the ring, and the ring refuses the rest: the drop-pps of the cpumap-enqueue row. The sched column is a quick test of a cpumap CPU: high means it is mostly idle and woken often, zero under load means it is saturated.',
      ],
      query: at('4M'),
      startAt: 10 * MS,
      pauseAt: 12 * MS,
      speed: 1_000_000,
      highlight: ['Entry for CPU 4', 'Bulk queue CPU 0 to CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('cpu_map_kthread_run', '5.2'), fn('bq_flush_to_queue', '5.2'), ident('wake_up_process', '5.2', 'sched/core.c')],
    },
  ],
};
