import type { Claim, Lesson, Measure } from '../types';
import { fn, ident, MS } from './refs';

/** One RX queue on CPU 0, evenly spaced frames, everything to CPU 4 (v5.2), at a given rate. */
const at = (rate: string) => `rx=0&entries=4:192&rate=${rate}&prog=rr&arrival=constant`;

const RXQ = 'RX queue 0 on CPU 0';
const BULKQ = 'Bulk queue CPU 0 to CPU 4';
const ENTRY = 'Entry for CPU 4';
const bulkAvg: Measure = { of: 'stat', q: { stat: 'bulkAvg', to: 4 }, windowNs: 5 * MS };
/** i40e's interrupt interval for RX queue 0, as its inspector shows it (µs). */
const itr: Measure = { of: 'inspector', element: RXQ, field: 'interrupt interval (ITR)' };
/** Frames that arrive in one interrupt interval: the offered rate times the interval. */
const perInterrupt: Measure = { of: 'product', terms: [{ of: 'scenario', field: 'rate' }, itr, { of: 'number', value: 1e-6 }] };
const rate = (says: string, is: number): Claim => ({ says, of: { of: 'scenario', field: 'rate' }, is });

export const bulkQueues: Lesson = {
  id: 'bulk-queues',
  title: 'Bulk queues of 8',
  summary:
    "Why an RX CPU gathers redirected frames 8 at a time before touching the remote CPU's ring, and how the load, through the NIC's interrupt moderation, decides how full those bulks are.",
  // CPU_MAP_BULK_SIZE, a kernel constant (KERNEL.bulkSize; the steps claim it).
  fixed: ['Bulk queues of 8', '8 at a time'],
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
      highlight: [BULKQ],
      inspect: BULKQ,
      kernel: [fn('bq_enqueue', '5.2'), fn('bq_flush_to_queue', '5.2')],
      predict: {
        question: 'At a trickle of 10,000 evenly spaced frames per second, what bulk-average will the cpumap-enqueue row to CPU 4 show?',
        unit: 'frames per flush',
        answer: { stat: 'bulkAvg', to: 4 },
        windowNs: 5 * MS,
        expect: 1,
        why: 'Each frame arrives alone and gets a poll of its own. The flush at the end of that poll finds one frame in the bulk queue, so every `xdp_cpumap_enqueue` event carries one frame.',
      },
      claims: [
        { says: 'an array of 8 frame pointers', of: { of: 'constant', name: 'bulkSize' }, is: 8 },
        rate('10,000 evenly spaced frames per second', 10_000),
      ],
    },
    {
      title: 'Interrupt moderation follows the traffic',
      text: [
        'At a trickle each frame gets a poll of its own, so each flush carries one frame: bulk-average 1.00, the worst case.',
        "A NIC does not interrupt for every frame. The i40e driver sets the least time between two RX interrupts anew after each interrupt's polls, from how many frames that interrupt brought (`i40e_update_itr`). One to three frames mean sparse traffic: the interval then depends only on the frame size and the link, 8 µs for 64-byte frames on this 10 Gbit/s link. The poll after an interrupt takes every frame that has arrived by then, up to its budget of 64.",
      ],
      query: at('300k'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: [RXQ, BULKQ],
      inspect: RXQ,
      kernel: [ident('napi_complete_done', '5.2', 'dev.c'), ident('i40e_update_itr', '5.2', 'i40e_txrx.c'), fn('__cpu_map_flush', '5.2')],
      predict: {
        question: 'At 300,000 evenly spaced frames per second, one every 3.3 µs, what bulk-average will the row to CPU 4 show?',
        unit: 'frames per flush',
        answer: { stat: 'bulkAvg', to: 4 },
        windowNs: 5 * MS,
        expect: 2.4,
        within: 3,
        why: "The frames come faster than the NIC may interrupt. Each interrupt's poll takes every frame that arrived since the last one and flushes them together, as one bulk.",
      },
      claims: [
        { says: 'bulk-average 1.00', of: bulkAvg, is: 1, run: { step: 1 } },
        // What the driver computes in this scenario (the page shows 50 µs, i40e's start value, until it runs).
        { says: 'the frame size and the link, 8 µs', of: itr, is: 8, run: { pauseAt: 10 * MS } },
        { says: '64-byte frames', of: { of: 'scenario', field: 'size' }, is: 64 },
        { says: 'this 10 Gbit/s link', of: { of: 'scenario', field: 'link' }, is: 10 },
        { says: 'its budget of 64', of: { of: 'constant', name: 'napiBudget' }, is: 64 },
        rate('300,000 evenly spaced frames per second', 300_000),
        {
          says: 'one every 3.3 µs',
          of: { of: 'ratio', num: { of: 'number', value: 1e9 }, den: { of: 'scenario', field: 'rate' } },
          is: 3.3,
          scale: 1e3,
          within: 2,
        },
      ],
    },
    {
      title: 'Under load the bulks fill up',
      text: [
        'Bulk-average 2.40. Every 8 µs an interrupt brings what came meanwhile, 2.4 frames on average: too few for the driver to change its interval, and each poll flushes them as one bulk.',
        'From 4 frames an interrupt, i40e takes its interval for too short and adds 2 µs to it, again and again (it judges a new interval only after a few interrupts), until an interrupt brings between 56 and 112 frames, the range it aims for. More than 112 halve the interval; more than 256 switch to a formula for bulk traffic. Now more than three times the load.',
      ],
      query: at('1M'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: [RXQ, BULKQ],
      inspect: BULKQ,
      kernel: [ident('i40e_update_itr', '5.2', 'i40e_txrx.c'), fn('bq_enqueue', '5.2'), fn('__cpu_map_flush', '5.2')],
      predict: {
        question: 'At 1,000,000 evenly spaced frames per second, what bulk-average will the row to CPU 4 show?',
        unit: 'frames per flush',
        answer: { stat: 'bulkAvg', to: 4 },
        windowNs: 5 * MS,
        expect: 8,
        why: 'Each interrupt now brings dozens of frames. The poll fills the bulk queue again and again, and a full queue is flushed as soon as the next frame comes: nearly every flush carries a full bulk.',
      },
      claims: [
        { says: 'Bulk-average 2.40', of: bulkAvg, is: 2.4, within: 3, run: { step: 2 } },
        { says: 'Every 8 µs', of: itr, is: 8, run: { step: 2 } },
        { says: '2.4 frames on average', of: perInterrupt, is: 2.4, within: 3, run: { step: 2 } },
        rate('1,000,000 evenly spaced frames per second', 1_000_000),
      ],
      // i40e_update_itr's thresholds (drivers/net/ethernet/intel/i40e/i40e_txrx.c), as i40eItr.ts models them.
      fixed: ['From 4 frames an interrupt', 'adds 2 µs', 'between 56 and 112 frames', 'More than 112', 'more than 256'],
    },
    {
      title: 'Why eight',
      text: [
        'Bulk-average 8.00. At 1 Mpps the interval settles at 56 µs (the inspector of RX queue 0 shows it), and each interrupt brings 56 frames. The poll flushes a full bulk whenever a frame finds the queue full, and the last one at its end: every bulk carries 8 frames, the most there can be.',
        "`CPU_MAP_BULK_SIZE` is 8 because 8 pointers of 8 bytes fill one 64-byte cache line. Most of what a flush costs is paid once per flush: the remote ring's `producer_lock`, the ring's cache lines moving from CPU 4 to this CPU, and the tracepoint. The model charges 16 ns per flush plus 6.5 ns per frame, so flushing costs a frame 22.5 ns when it goes alone and 8.5 ns in a full bulk.",
        'Watch the ring fill 8 frames at a time while the kthread on CPU 4 goes on sleeping: at the checkpoint, in the middle of a poll, the ring holds 24 frames. A full bulk flushed in the middle of a poll does not call `wake_up_process`; only the flush at the end of the poll wakes the kthread.',
      ],
      query: at('1M'),
      startAt: 5_049_000,
      pauseAt: 5_051_000,
      speed: 1_000,
      highlight: [BULKQ, ENTRY],
      inspect: ENTRY,
      kernel: [fn('bq_enqueue', '5.2'), fn('bq_flush_to_queue', '5.2'), fn('__cpu_map_flush', '5.2')],
      claims: [
        { says: 'Bulk-average 8.00', of: bulkAvg, is: 8, within: 1, run: { step: 3 } },
        { says: 'At 1 Mpps', of: { of: 'scenario', field: 'rate' }, is: 1, scale: 1e6 },
        { says: 'the interval settles at 56 µs', of: itr, is: 56, run: { step: 3 } },
        { says: 'the interval settles at 56 µs', of: itr, is: 56 },
        { says: 'each interrupt brings 56 frames', of: perInterrupt, is: 56 },
        { says: 'every bulk carries 8 frames', of: { of: 'constant', name: 'bulkSize' }, is: 8 },
        { says: 'is 8 because', of: { of: 'constant', name: 'bulkSize' }, is: 8 },
        { says: '8 pointers', of: { of: 'constant', name: 'bulkSize' }, is: 8 },
        { says: '16 ns per flush', of: { of: 'cost', name: 'flushLock' }, is: 16 },
        { says: '6.5 ns per frame', of: { of: 'cost', name: 'produce' }, is: 6.5 },
        {
          says: '22.5 ns when it goes alone',
          of: {
            of: 'sum',
            terms: [
              { of: 'cost', name: 'flushLock' },
              { of: 'cost', name: 'produce' },
            ],
          },
          is: 22.5,
        },
        {
          says: '8.5 ns in a full bulk',
          of: {
            of: 'sum',
            terms: [
              { of: 'ratio', num: { of: 'cost', name: 'flushLock' }, den: { of: 'constant', name: 'bulkSize' } },
              { of: 'cost', name: 'produce' },
            ],
          },
          is: 8.5,
        },
        { says: 'fill 8 frames at a time', of: { of: 'constant', name: 'bulkSize' }, is: 8 },
        { says: 'goes on sleeping', of: { of: 'kthread', entry: ENTRY, field: 'shown' }, is: 'sleeping' },
        { says: 'in the middle of a poll', of: { of: 'cpu', cpu: 0, field: 'inPoll' }, is: true },
        { says: 'the ring holds 24 frames', of: { of: 'ring', entry: ENTRY, field: 'count' }, is: 24 },
        {
          says: 'only the flush at the end of the poll wakes the kthread',
          of: { of: 'kthread', entry: ENTRY, field: 'shown' },
          is: 'runnable',
          run: { pauseAt: 5_052_400 },
        },
      ],
      fixed: ['of 8 bytes', '64-byte cache line'],
    },
  ],
};
