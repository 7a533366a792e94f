import type { Lesson, Measure } from '../types';
import { fn, ident, MS } from './refs';

/**
 * RX queue on CPU 4, which is also the target of about half the flows (v5.2). 17 Mpps on a 40G
 * link is more than CPU 4 can poll: NET_RX moves to ksoftirqd, which then shares the CPU.
 */
const SHARED = 'rx=4&entries=4:256,5:256&rate=17M&link=40&prog=hash&stack=iptables-drop';

const ENTRY = 'Entry for CPU 4';
const kthread4 = (windowNs: number): Measure => ({ of: 'stat', q: { stat: 'kthreadPps', cpu: 4 }, windowNs });
/** What this v5.2 kthread manages alone with an iptables DROP (measured below). */
const ALONE = 7_650_000;
/** The v5.2 kthread's cost per frame at full batches with an iptables DROP (costModel.ts). */
const V52: Measure = {
  of: 'sum',
  terms: [
    { of: 'ratio', num: { of: 'cost', name: 'kthreadLoop' }, den: { of: 'constant', name: 'kthreadBatch' } },
    { of: 'ratio', num: { of: 'cost', name: 'consumeBatchedLock' }, den: { of: 'constant', name: 'kthreadBatch' } },
    { of: 'cost', name: 'consumeBatchedPerFrame' },
    { of: 'ratio', num: { of: 'cost', name: 'skbHeadAllocBulkCall' }, den: { of: 'constant', name: 'kthreadBatch' } },
    { of: 'cost', name: 'skbHeadAllocBulkPerFrame' },
    { of: 'cost', name: 'buildSkb' },
    { of: 'cost', name: 'stackIptablesDrop' },
  ],
};

export const sharedCpu: Lesson = {
  id: 'shared-cpu',
  title: 'An RX CPU that is also a target',
  summary:
    'What happens when the CPU that receives the traffic also runs a cpumap kthread: softirq first, then ksoftirqd and the kthread sharing the CPU.',
  steps: [
    {
      title: 'Softirq comes first',
      text: [
        'One RX queue on CPU 4 of a 40 Gbit/s NIC receives 17 Mpps. The program hashes the flows over the entries for CPU 4 and CPU 5, so CPU 4 has to run the NAPI polls and a cpumap kthread for about half the traffic.',
        'Softirq work comes before threads. A pending NAPI poll runs as soon as bottom halves are enabled, and for the kthread that is between two passes of its loop, which runs with bottom halves disabled. Only if NET_RX still has work after 10 rounds (or 2 ms) does `__do_softirq` stop and wake ksoftirqd, a thread that the scheduler then treats like any other.',
      ],
      query: SHARED,
      pauseAt: 3 * MS,
      speed: 2_000_000,
      highlight: ['CPU 4', 'RX queue 0 on CPU 4', ENTRY],
      inspect: 'CPU 4',
      kernel: [
        ident('__do_softirq', '5.2', 'softirq.c'),
        ident('local_bh_enable', '5.2', 'bottom_half.h'),
        fn('cpu_map_kthread_run', '5.2'),
      ],
      predict: {
        question:
          'The kthread on CPU 5 has a CPU of its own. How many frames per second will the kthread on CPU 4 process in these first milliseconds?',
        unit: 'frames/s',
        answer: { stat: 'kthreadPps', cpu: 4 },
        windowNs: 2 * MS,
        expect: 0,
        why: 'NET_RX softirq work runs before any thread on CPU 4. While the polls have work, and then while ksoftirqd holds the CPU, the kthread on CPU 4 does not run.',
      },
      claims: [
        { says: 'a 40 Gbit/s NIC', of: { of: 'scenario', field: 'link' }, is: 40 },
        { says: 'receives 17 Mpps', of: { of: 'scenario', field: 'rate' }, is: 17, scale: 1e6 },
        {
          says: 'for about half the traffic',
          of: {
            of: 'ratio',
            num: { of: 'stat', q: { stat: 'enqueuePps', to: 4 }, windowNs: 2 * MS },
            den: { of: 'stat', q: { stat: 'rxPps' }, windowNs: 2 * MS },
          },
          is: 0.5,
          within: 5,
        },
        { says: 'after 10 rounds', of: { of: 'constant', name: 'maxSoftirqRestart' }, is: 10 },
        { says: '(or 2 ms)', of: { of: 'constant', name: 'maxSoftirqTime' }, is: 2, scale: 1e6 },
      ],
    },
    {
      title: 'ksoftirqd takes over, then takes turns',
      text: [
        'None at all. In the first millisecond NET_RX still had work after its 10 rounds and moved to ksoftirqd. ksoftirqd had used no CPU time yet, so CFS, which runs the thread with the least vruntime, gave it CPU 4 and let it keep it for at least 3 ms; each time the kthread got the CPU after that, it emptied its ring and went back to sleep.',
        "By then ksoftirqd has used far more of CPU 4 than the kthread, more than CFS's wake-up granularity of 4 ms: from now on, when the flush at the end of a poll wakes the kthread, it preempts ksoftirqd at once.",
      ],
      query: SHARED,
      startAt: 20 * MS,
      pauseAt: 30 * MS,
      speed: 5_000_000,
      highlight: ['CPU 4', ENTRY],
      inspect: 'CPU 4',
      kernel: [ident('wakeup_softirqd', '5.2', 'softirq.c'), ident('cond_resched', '5.2', 'sched.h')],
      predict: {
        question: 'Now how many frames per second will the kthread on CPU 4 process?',
        unit: 'frames/s',
        answer: { stat: 'kthreadPps', cpu: 4 },
        windowNs: 5 * MS,
        expect: 3_697_600,
        within: 1,
        why: 'The flush now wakes the kthread and it preempts ksoftirqd at once: the kthread and the polls take turns on CPU 4, each with about half of it.',
      },
      claims: [
        { says: 'None at all', of: kthread4(2 * MS), is: 0, run: { step: 1 } },
        { says: 'its 10 rounds', of: { of: 'constant', name: 'maxSoftirqRestart' }, is: 10 },
        {
          says: 'moved to ksoftirqd',
          of: { of: 'cpu', cpu: 4, field: 'ksoftirqd' },
          is: true,
          run: { startAt: 0, pauseAt: 1 * MS, speed: 1_000_000 },
        },
        { says: 'for at least 3 ms', of: { of: 'constant', name: 'cfsSlice' }, is: 3, scale: 1e6 },
        {
          says: 'emptied its ring and went back to sleep',
          of: kthread4(1 * MS),
          is: 0.5e6,
          bound: 'max',
          run: { startAt: 0, pauseAt: 4 * MS, speed: 1_000_000 },
        },
        { says: 'wake-up granularity of 4 ms', of: { of: 'constant', name: 'cfsWakeupGranularity' }, is: 4, scale: 1e6 },
      ],
    },
    {
      title: 'Half a CPU each',
      text: [
        'About 3.7 Mpps, about half of the 7.65 Mpps this kthread manages alone. It empties the 256 slots of its ring in about 33 µs and sleeps; ksoftirqd polls; the flush at the end of a poll wakes the kthread, which preempts ksoftirqd. The sched column counts those sleeps, some 14,000 a second.',
        "The polls get the other half of CPU 4, and whatever they do not take in time overflows the NIC's RX ring and is dropped there, before the XDP program ever sees it: about 8.5 Mpps of frames lost at the NIC.",
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
        expect: 8_514_600,
        within: 1,
        why: "The polls get only about half of CPU 4: what they do not take in time overflows the NIC's RX ring and is dropped there, before the XDP program sees it.",
      },
      claims: [
        { says: 'About 3.7 Mpps', of: kthread4(5 * MS), is: 3.7, scale: 1e6, within: 3, run: { step: 2 } },
        {
          says: 'about half',
          of: { of: 'ratio', num: kthread4(5 * MS), den: { of: 'number', value: ALONE } },
          is: 0.5,
          within: 10,
          run: { step: 2 },
        },
        {
          says: 'the 7.65 Mpps this kthread manages alone',
          of: kthread4(5 * MS),
          is: 7.65,
          scale: 1e6,
          within: 1,
          run: {
            query: 'rx=3&entries=4:256&rate=19.4M&link=40&prog=rr&arrival=constant&stack=iptables-drop',
            startAt: 0,
            pauseAt: 10 * MS,
          },
        },
        { says: 'the 256 slots', of: { of: 'qsize', cpu: 4 }, is: 256 },
        { says: 'about 33 µs', of: { of: 'product', terms: [{ of: 'qsize', cpu: 4 }, V52] }, is: 33, scale: 1e3, within: 2 },
        {
          says: 'some 14,000 a second',
          of: { of: 'stat', q: { stat: 'kthreadSchedPps', cpu: 4 }, windowNs: 5 * MS },
          is: 14_000,
          within: 5,
          run: { step: 2 },
        },
        { says: 'is dropped there', of: { of: 'nic', queue: 0, field: 'nicDrops' }, is: 1, bound: 'min' },
        {
          says: 'about 8.5 Mpps of frames lost at the NIC',
          of: { of: 'ratio', num: { of: 'frames', field: 'nicDropped', since: 'start' }, den: { of: 'number', value: 0.01 } },
          is: 8.5,
          scale: 1e6,
          within: 5,
          run: { step: 2 },
        },
      ],
    },
  ],
};
