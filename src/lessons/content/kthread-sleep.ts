import type { Claim, Lesson, Measure } from '../types';
import { fn, ident, MS } from './refs';

/** One RX queue on CPU 0, evenly spaced frames, everything to CPU 4 (v5.2), UDP to a closed port. */
const at = (rate: string) => `rx=0&entries=4:192&rate=${rate}&prog=rr&arrival=constant`;

/** Two RX queues (the default scenario's) sending 2 Mpps in all to CPU 4. */
const TWO_QUEUES = 'rx=0,1&entries=4:192&rate=2M';

const ENTRY = 'Entry for CPU 4';
const sched = (windowNs: number): Measure => ({ of: 'stat', q: { stat: 'kthreadSchedPps', cpu: 4 }, windowNs });
const kthreadPps: Measure = { of: 'stat', q: { stat: 'kthreadPps', cpu: 4 }, windowNs: 5 * MS };
const phase = (says: string, is: string): Claim => ({ says, of: { of: 'kthread', entry: ENTRY, field: 'phase' }, is });
const taskState = (says: string, is: string): Claim => ({ says, of: { of: 'inspector', field: 'task __state' }, is });
const ringCount = (says: string, is: number): Claim => ({ says, of: { of: 'ring', entry: ENTRY, field: 'count' }, is });

export const kthreadSleep: Lesson = {
  id: 'kthread-sleep',
  title: "The kthread's sleep and wake-up",
  summary:
    'When the cpumap kthread sleeps, who wakes it, and how it goes to sleep without missing a frame that arrives at the same moment.',
  steps: [
    {
      title: 'One wake-up per frame',
      text: [
        "When its ring is empty the kthread sleeps, and the flush at the end of an RX CPU's poll wakes it with `wake_up_process`. Each pass through the kthread's loop fires the `xdp_cpumap_kthread` tracepoint, with sched=1 when that pass slept in `schedule()` (on a PREEMPT_NONE kernel also when `cond_resched()` gave the CPU away; this one, like the 2019 test machine, is built with CONFIG_PREEMPT, where `cond_resched()` always returns `0`). `xdp_redirect_cpu` adds these up in the sched column of the kthread row.",
        'The trickle again: 10,000 evenly spaced frames a second from CPU 0 to CPU 4.',
      ],
      query: at('10k'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [fn('cpu_map_kthread_run', '5.2'), fn('__cpu_map_flush', '5.2')],
      predict: {
        question: 'At 10,000 frames per second, how many times per second will the kthread on CPU 4 sleep and be woken (its sched column)?',
        unit: 'wake-ups/s',
        answer: { stat: 'kthreadSchedPps', cpu: 4 },
        windowNs: 5 * MS,
        expect: 10_000,
        within: 1,
        why: 'Each frame gets a poll of its own, whose flush wakes the kthread. The kthread takes the frame, finds its ring empty and sleeps again: one sleep and one wake-up per frame.',
      },
      claims: [
        { says: 'with sched=1 when that pass slept', of: { of: 'trace', kind: 'kthread', field: 'extra' }, is: 1 },
        { says: '10,000 evenly spaced frames a second', of: { of: 'scenario', field: 'rate' }, is: 10_000 },
        { says: 'At 10,000 frames per second', of: { of: 'scenario', field: 'rate' }, is: 10_000 },
      ],
    },
    {
      title: 'Going to sleep in three steps',
      text: [
        'Each frame wakes the kthread once: 10,000 a second. Going to sleep takes three steps. The loop finds the ring empty with `__ptr_ring_empty`; the kthread sets its own state to `TASK_INTERRUPTIBLE` with `set_current_state`, which includes a memory barrier; then it tests the ring again, and only if it is still empty does it call `schedule()`.',
        "Why test twice? A producer on another CPU could store a frame and call `wake_up_process` just after the first test. While the kthread is still `TASK_RUNNING` that wake-up does nothing, and if the kthread then slept, the frame would wait for some later flush, at a trickle possibly for a long time. With the state set first, either the second test sees the frame, or the producer's `wake_up_process` sees `TASK_INTERRUPTIBLE` and puts the kthread back to `TASK_RUNNING`, so that `schedule()` returns at once.",
        "At the checkpoint the kthread has just delivered the run's first frame, set `TASK_INTERRUPTIBLE` (the inspector's task __state), and is about to test again (next: recheck). The ring is empty: it will sleep.",
      ],
      query: at('10k'),
      startAt: 14_100,
      pauseAt: 14_150,
      speed: 30,
      highlight: [ENTRY],
      inspect: ENTRY,
      kernel: [
        fn('cpu_map_kthread_run', '5.2'),
        ident('set_current_state', '5.2', 'sched.h'),
        ident('__ptr_ring_empty', '5.2', 'ptr_ring.h'),
        ident('schedule', '5.2', 'sched/core.c'),
      ],
      claims: [
        { says: '10,000 a second', of: sched(5 * MS), is: 10_000, run: { step: 1 } },
        { says: "just delivered the run's first frame", of: { of: 'frames', field: 'delivered' }, is: 1 },
        taskState('set `TASK_INTERRUPTIBLE` (the inspector', 'TASK_INTERRUPTIBLE'),
        phase('is about to test again (next: recheck)', 'recheck'),
        ringCount('The ring is empty', 0),
        { says: 'it will sleep', of: { of: 'kthread', entry: ENTRY, field: 'shown' }, is: 'sleeping', run: { pauseAt: 14_300 } },
      ],
    },
    {
      title: 'The second test at work',
      text: [
        "Two RX queues, on CPUs 0 and 1, send 2 Mpps in all to CPU 4. A moment before the checkpoint the kthread on CPU 4 found its ring empty and set `TASK_INTERRUPTIBLE`; a few ns later CPU 0 flushed a full bulk of 8 frames into that ring. The flush came from the middle of CPU 0's poll, when the next frame found the bulk queue full, and such a flush calls no `wake_up_process` at all.",
        "At the checkpoint the 8 frames are in the ring and the kthread sits between `set_current_state` and its second test. The test finds them, so the kthread puts itself back to `TASK_RUNNING` and handles them right away. Without the second test it would have slept with 8 frames in its ring until the end of CPU 0's poll woke it.",
      ],
      query: TWO_QUEUES,
      startAt: 19_956_000,
      pauseAt: 19_956_152,
      speed: 100,
      highlight: ['Bulk queue CPU 0 to CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [fn('cpu_map_kthread_run', '5.2'), fn('bq_enqueue', '5.2'), ident('__ptr_ring_empty', '5.2', 'ptr_ring.h')],
      claims: [
        { says: 'send 2 Mpps in all', of: { of: 'scenario', field: 'rate' }, is: 2, scale: 1e6 },
        { says: 'a full bulk of 8 frames', of: { of: 'trace', kind: 'enqueue', field: 'processed' }, is: 8 },
        { says: 'CPU 0 flushed a full bulk', of: { of: 'trace', kind: 'enqueue', field: 'cpu' }, is: 0 },
        { says: "from the middle of CPU 0's poll", of: { of: 'cpu', cpu: 0, field: 'inPoll' }, is: true },
        { says: 'the next frame found the bulk queue full', of: { of: 'bulkq', name: 'Bulk queue CPU 0 to CPU 4' }, is: 1 },
        ringCount('the 8 frames are in the ring', 8),
        phase('sits between `set_current_state` and its second test', 'recheck'),
        taskState('sits between `set_current_state` and its second test', 'TASK_INTERRUPTIBLE'),
        {
          says: 'handles them right away',
          of: { of: 'kthread', entry: ENTRY, field: 'shown' },
          is: 'running',
          run: { pauseAt: 19_956_200 },
        },
        { says: 'handles them right away', of: { of: 'ring', entry: ENTRY, field: 'count' }, is: 0, run: { pauseAt: 19_956_200 } },
        ringCount('slept with 8 frames in its ring', 8),
      ],
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
      inspect: ENTRY,
      kernel: [fn('cpu_map_kthread_run', '5.2'), fn('__cpu_map_flush', '5.2')],
      predict: {
        question: 'At 100,000 frames per second, how many times per second will the kthread on CPU 4 be woken?',
        unit: 'wake-ups/s',
        answer: { stat: 'kthreadSchedPps', cpu: 4 },
        windowNs: 5 * MS,
        expect: 100_000,
        within: 1,
        why: 'The frames still come far enough apart to raise an interrupt each, and the kthread empties its ring before the next poll: it still sleeps and is woken once per frame.',
      },
      claims: [
        { says: '100,000 evenly spaced frames a second', of: { of: 'scenario', field: 'rate' }, is: 100_000 },
        { says: 'At 100,000 frames per second', of: { of: 'scenario', field: 'rate' }, is: 100_000 },
      ],
    },
    {
      title: 'Overload: the kthread stops sleeping',
      text: [
        "100,000: every frame still comes alone. The frames are 10 µs apart, more than i40e's shortest interrupt interval for them, 8 µs, so each one raises its own interrupt and poll, and the flush at the end of each poll wakes the kthread. As long as the kthread empties its ring before the next poll, it sleeps once per poll.",
        'Now 4 Mpps. Building an SKB and sending UDP to a closed port costs this kthread about 284 ns a frame, so it can take about 3.5 Mpps.',
      ],
      query: at('4M'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [fn('cpu_map_kthread_run', '5.2'), ident('cond_resched', '5.2', 'sched.h')],
      predict: {
        question: 'At 4 Mpps, more than the kthread can take, how many times per second will it be woken?',
        unit: 'wake-ups/s',
        answer: { stat: 'kthreadSchedPps', cpu: 4 },
        windowNs: 5 * MS,
        expect: 0,
        why: 'Frames come faster than the kthread processes them, so its ring is never empty when it looks: it never sleeps in `schedule()`, and waking a thread that is already running counts nothing.',
      },
      claims: [
        { says: '100,000: every frame still comes alone', of: sched(5 * MS), is: 100_000, within: 1, run: { step: 4 } },
        {
          says: '10 µs apart',
          of: { of: 'ratio', num: { of: 'number', value: 1e9 }, den: { of: 'scenario', field: 'rate' } },
          is: 10,
          scale: 1e3,
          run: { step: 4 },
        },
        {
          says: 'for them, 8 µs',
          of: { of: 'inspector', element: 'RX queue 0 on CPU 0', field: 'interrupt interval (ITR)' },
          is: 8,
          run: { step: 4 },
        },
        { says: 'Now 4 Mpps', of: { of: 'scenario', field: 'rate' }, is: 4, scale: 1e6 },
        { says: 'At 4 Mpps', of: { of: 'scenario', field: 'rate' }, is: 4, scale: 1e6 },
        { says: 'about 284 ns a frame', of: { of: 'ratio', num: { of: 'number', value: 1e9 }, den: kthreadPps }, is: 284, within: 1 },
        { says: 'about 3.5 Mpps', of: kthreadPps, is: 3.5, scale: 1e6, within: 2 },
      ],
    },
    {
      title: 'Busy, never asleep',
      text: [
        'Zero. The ring is never empty, so the loop never reaches `schedule()`; it passes through `cond_resched()` instead, which returns 0: on this CONFIG_PREEMPT kernel it always does, and nothing else wants CPU 4 anyway. The flushes still call `wake_up_process` every poll, but on a running thread that costs about 15 ns, a lock and a barrier.',
        'The frames the kthread cannot take pile up in the ring, and the ring refuses the rest, about 475,000 a second: the drop-pps of the cpumap-enqueue row, frames lost. The sched column is a quick test of a cpumap CPU: high means it is mostly idle and woken often, zero under load means it is saturated.',
      ],
      query: at('4M'),
      startAt: 10 * MS,
      pauseAt: 12 * MS,
      speed: 1_000_000,
      highlight: [ENTRY, 'Bulk queue CPU 0 to CPU 4'],
      inspect: ENTRY,
      kernel: [fn('cpu_map_kthread_run', '5.2'), fn('bq_flush_to_queue', '5.2'), ident('wake_up_process', '5.2', 'sched/core.c')],
      claims: [
        { says: 'Zero.', of: sched(5 * MS), is: 0, run: { step: 5 } },
        { says: 'Zero.', of: sched(2 * MS), is: 0 },
        { says: 'The ring is never empty', of: { of: 'ring', entry: ENTRY, field: 'count' }, is: 1, bound: 'min' },
        { says: 'which returns 0', of: { of: 'trace', kind: 'kthread', field: 'extra' }, is: 0 },
        { says: 'about 15 ns', of: { of: 'cost', name: 'wakeRunning' }, is: 15 },
        {
          says: 'about 475,000 a second',
          of: { of: 'stat', q: { stat: 'enqueueDropPps', to: 4 }, windowNs: 2 * MS },
          is: 475_000,
          within: 2,
        },
      ],
    },
  ],
};
