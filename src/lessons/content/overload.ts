import type { Claim, Lesson, Measure } from '../types';
import { fn, ident, MS } from './refs';

/**
 * The run whose xdp_redirect_cpu output was published in 2019 (FACTS.md; bench/scenarios.ts
 * PUBLISHED_RUNS): v5.0, UdpNoPorts, qsize 128, one RX queue of a 40G i40e at 14.7 Mpps.
 */
const OVERLOAD = 'kernel=5.0&rx=3&entries=4:128&rate=14.7M&link=40&prog=rr&arrival=constant&stack=udp-noport';

const ENTRY = 'Entry for CPU 4';
const BULKQ = 'Bulk queue CPU 3 to CPU 4';
const w5 = 5 * MS;
const stat = (q: Extract<Measure, { of: 'stat' }>['q']): Measure => ({ of: 'stat', q, windowNs: w5 });
const kthreadPps = stat({ stat: 'kthreadPps', cpu: 4 });
const rxPps = stat({ stat: 'rxPps' });
/** "This statistic counts the frames the ring refused": it shows the published run's refusals. */
const refused = (q: Extract<Measure, { of: 'stat' }>['q']): Omit<Claim, 'says'> => ({ of: stat(q), is: 11_552_609, within: 1 });
/** 50 µs at a speed slow enough for the trace log to keep every hit. */
const TRACED = { startAt: 15 * MS, pauseAt: 15_050_000, speed: 5_000 };
const enqueues = (drops?: number): Measure =>
  drops === undefined ? { of: 'traceCount', kind: 'enqueue' } : { of: 'traceCount', kind: 'enqueue', field: 'drops', value: drops };
const perFrame = (m: Measure): Measure => ({ of: 'ratio', num: { of: 'number', value: 1e9 }, den: m });
/** How long `count` frames last at `pps` frames a second, in ns (claims scale it to µs). */
const microsecondsFor = (count: Measure, pps: Measure): Measure => ({
  of: 'ratio',
  num: { of: 'product', terms: [count, { of: 'number', value: 1e9 }] },
  den: pps,
});
const V50_IPTABLES: Measure = {
  of: 'sum',
  terms: [
    { of: 'ratio', num: { of: 'cost', name: 'kthreadLoop' }, den: { of: 'constant', name: 'kthreadBatch' } },
    { of: 'cost', name: 'consumeInterleaved' },
    { of: 'cost', name: 'skbHeadAlloc' },
    { of: 'cost', name: 'buildSkb' },
    { of: 'cost', name: 'structPageMiss' },
    { of: 'cost', name: 'stackIptablesDrop' },
  ],
};

export const overload: Lesson = {
  id: 'overload',
  title: 'Overload: when the ring is always full',
  summary:
    'What the counters look like when one kthread receives far more than it can process, replaying the xdp_redirect_cpu output published with the 2019 series.',
  steps: [
    {
      title: '14.7 Mpps into one kthread',
      text: [
        'The run whose `xdp_redirect_cpu` output was published with the 2019 series: v5.0 code, one RX queue on CPU 3 of a 40 Gbit/s i40e at 14.7 Mpps, all of it redirected to CPU 4 (qsize 128), UDP to a port with no listener. The kthread on CPU 4 cannot keep up, by far.',
        "With a full ring the kthread never sleeps and always takes batches of 8. Its cost per frame is the v5.0 kthread's 161.46 ns plus the 153 ns more that the UDP path costs than an iptables drop.",
      ],
      query: OVERLOAD,
      startAt: 5 * MS,
      pauseAt: 15 * MS,
      speed: 5_000_000,
      highlight: ['CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [fn('cpu_map_kthread_run', '5.0'), ident('netif_receive_skb_core', '5.0', 'dev.c')],
      predict: {
        question: 'How many frames per second will the kthread on CPU 4 process?',
        unit: 'frames/s',
        answer: { stat: 'kthreadPps', cpu: 4 },
        windowNs: w5,
        expect: 3_179_200,
        within: 1,
        why: "With its ring always full the kthread never sleeps: it processes as fast as its cost per frame allows, the v5.0 kthread's cost plus what the UDP path adds.",
      },
      claims: [
        { says: 'a 40 Gbit/s i40e', of: { of: 'scenario', field: 'link' }, is: 40 },
        { says: 'at 14.7 Mpps', of: { of: 'scenario', field: 'rate' }, is: 14.7, scale: 1e6 },
        { says: '14.7 Mpps into one kthread', of: { of: 'scenario', field: 'rate' }, is: 14.7, scale: 1e6 },
        { says: 'qsize 128', of: { of: 'qsize', cpu: 4 }, is: 128 },
        { says: 'never sleeps', of: stat({ stat: 'kthreadSchedPps', cpu: 4 }), is: 0 },
        { says: 'batches of 8', of: { of: 'constant', name: 'kthreadBatch' }, is: 8 },
        { says: "the v5.0 kthread's 161.46 ns", of: V50_IPTABLES, is: 161.46 },
        {
          says: 'the 153 ns more',
          of: { of: 'difference', a: { of: 'cost', name: 'stackUdpNoPort' }, b: { of: 'cost', name: 'stackIptablesDrop' } },
          is: 153,
        },
      ],
    },
    {
      title: 'The full ring refuses the rest',
      text: [
        'The published run shows 3,180,074 frames a second for the kthread: 314 ns a frame. The RX CPU keeps redirecting what it receives, and most flushes find the ring full: `__ptr_ring_produce` refuses all 8 frames, which go straight back to the driver. Those frames are lost, counted in the drop-pps of the cpumap-enqueue row. The frames the kthread takes are not: that the stack finds no listener and counts them under UdpNoPorts is its verdict, and the kthread row shows drop-pps 0.',
        "The ring's batched NULLing sets the rhythm. Each time the kthread has consumed 16 frames it clears those 16 slots at once, and the next two flushes fit in whole. The trace log shows it: `xdp_cpumap_enqueue` with drops=8 most of the time, and drops=0 twice after every second kthread pass.",
      ],
      query: OVERLOAD,
      startAt: 5 * MS,
      pauseAt: 15 * MS,
      speed: 5_000_000,
      highlight: [BULKQ, ENTRY],
      inspect: ENTRY,
      kernel: [fn('bq_flush_to_queue', '5.0'), ident('__ptr_ring_produce', '5.0', 'ptr_ring.h')],
      predict: {
        question: 'How many frames per second will the ring of CPU 4 refuse (drop-pps of the cpumap-enqueue row)?',
        unit: 'frames/s',
        answer: { stat: 'enqueueDropPps', to: 4 },
        windowNs: w5,
        expect: 11_505_600,
        within: 1,
        why: 'The RX CPU redirects all it receives, but the kthread takes only what its cost allows; the full ring refuses the difference, counted in the drop-pps of the cpumap-enqueue row.',
      },
      claims: [
        { says: '3,180,074 frames a second', of: kthreadPps, is: 3_180_074, within: 1, run: { step: 1 } },
        { says: '314 ns a frame', of: perFrame(kthreadPps), is: 314, within: 1, run: { step: 1 } },
        { says: 'refuses all 8 frames', of: { of: 'traceStat', kind: 'enqueue', field: 'processed', stat: 'min' }, is: 8, run: TRACED },
        { says: 'refuses all 8 frames', of: { of: 'traceStat', kind: 'enqueue', field: 'drops', stat: 'max' }, is: 8, run: TRACED },
        { says: 'the kthread row shows drop-pps 0', of: stat({ stat: 'kthreadDropPps', cpu: 4 }), is: 0, run: { step: 1 } },
        { says: 'consumed 16 frames', of: { of: 'ring', entry: ENTRY, field: 'batch' }, is: 16, run: TRACED },
        { says: 'clears those 16 slots', of: { of: 'ring', entry: ENTRY, field: 'batch' }, is: 16, run: TRACED },
        { says: 'drops=8 most of the time', of: { of: 'traceStat', kind: 'enqueue', field: 'drops', stat: 'mode' }, is: 8, run: TRACED },
        { says: 'most of the time', of: { of: 'ratio', num: enqueues(8), den: enqueues() }, is: 0.5, bound: 'min', run: TRACED },
        { says: 'and drops=0', of: { of: 'traceStat', kind: 'enqueue', field: 'drops', stat: 'min' }, is: 0, run: TRACED },
        {
          says: 'twice after every second kthread pass',
          of: { of: 'ratio', num: enqueues(0), den: { of: 'traceCount', kind: 'kthread' } },
          is: 1,
          within: 15,
          run: TRACED,
        },
      ],
    },
    {
      title: 'Reading the published output',
      text: [
        'The published output has 14,732,686 frames a second enqueued to CPU 4 and 11,552,609 of them dropped: enqueued minus dropped is what the kthread processed. Its bulk-average is 8.00, and the sched column of the kthread row is 0: the kthread never went to sleep.',
        'The bulks are full because the RX CPU is. The kthread holds each frame it takes for about 40 µs, longer than one lap of the 512 descriptors of the RX ring (35 µs at this rate). When i40e comes back to that descriptor, the half page it lent is still out, `i40e_can_reuse_rx_page` says no, and the driver maps a fresh page, 121 ns in the model, for most frames the kthread takes. CPU 3 is then never idle: NET_RX has moved to ksoftirqd, every poll uses its whole budget of 64, and the NIC drops a little of the offered load. XDP-RX shows 14.67 Mpps here, 14.73 in the published run.',
        'A refused frame costs the RX CPU little, 4.3 ns to hand it back to the driver, whose page is reused at once. But all the work done on it was wasted, and the numbers say what to do: one kthread is not enough, and the flows have to be spread over more CPUs.',
      ],
      query: OVERLOAD,
      startAt: 15 * MS,
      pauseAt: 15_010_000,
      speed: 5_000,
      highlight: [BULKQ, ENTRY, 'RX queue 0 on CPU 3'],
      inspect: 'CPU 3',
      kernel: [fn('bq_flush_to_queue', '5.0'), fn('cpu_map_kthread_run', '5.0'), ident('i40e_can_reuse_rx_page', '5.0', 'i40e_txrx.c')],
      predict: {
        kind: 'choice',
        when: 'after',
        question: 'Which figure of the Statistics table counts the frames the full ring refused?',
        choices: [
          { label: 'The drop-pps of the cpumap-enqueue row to CPU 4', fact: refused({ stat: 'enqueueDropPps', to: 4 }) },
          { label: 'The drop-pps of the cpumap_kthread row of CPU 4', fact: refused({ stat: 'kthreadDropPps', cpu: 4 }) },
          { label: 'The redirect_err row', fact: refused({ stat: 'redirectErrPps' }) },
        ],
        answer: 0,
        why: "The ring refuses in `bq_flush_to_queue`, which counts the frames it could not store as drops of the `xdp_cpumap_enqueue` tracepoint: the enqueue row's drop-pps. The kthread's drop-pps counts only frames the stack refused with NET_RX_DROP, and redirect_err counts redirects to an empty slot.",
        where: { on: 'stats', row: 'cpumap-enqueue sum:4' },
      },
      claims: [
        { says: '14,732,686 frames a second enqueued', of: stat({ stat: 'enqueuePps', to: 4 }), is: 14_732_686, within: 1 },
        { says: '11,552,609 of them dropped', of: stat({ stat: 'enqueueDropPps', to: 4 }), is: 11_552_609, within: 1 },
        {
          says: 'enqueued minus dropped is what the kthread processed',
          of: { of: 'difference', a: stat({ stat: 'enqueuePps', to: 4 }), b: stat({ stat: 'enqueueDropPps', to: 4 }) },
          is: 3_180_074,
          within: 1,
        },
        { says: 'Its bulk-average is 8.00', of: stat({ stat: 'bulkAvg', to: 4 }), is: 8, within: 1 },
        { says: 'the sched column of the kthread row is 0', of: stat({ stat: 'kthreadSchedPps', cpu: 4 }), is: 0 },
        {
          says: 'about 40 µs',
          of: microsecondsFor({ of: 'qsize', cpu: 4 }, kthreadPps),
          is: 40,
          scale: 1e3,
          within: 2,
        },
        { says: 'the 512 descriptors', of: { of: 'scenario', field: 'ring' }, is: 512 },
        {
          says: '(35 µs at this rate)',
          of: microsecondsFor({ of: 'scenario', field: 'ring' }, rxPps),
          is: 35,
          scale: 1e3,
          within: 2,
        },
        { says: '121 ns in the model', of: { of: 'cost', name: 'rxPageAlloc' }, is: 121 },
        { says: 'CPU 3 is then never idle', of: { of: 'cpu', cpu: 3, field: 'activity' }, is: 'ksoftirqd' },
        { says: 'NET_RX has moved to ksoftirqd', of: { of: 'cpu', cpu: 3, field: 'ksoftirqd' }, is: true },
        { says: 'its whole budget of 64', of: { of: 'constant', name: 'napiBudget' }, is: 64 },
        { says: 'the NIC drops a little', of: { of: 'frames', field: 'nicDropped' }, is: 1, bound: 'min' },
        {
          says: 'the NIC drops a little',
          of: { of: 'ratio', num: { of: 'frames', field: 'nicDropped' }, den: { of: 'frames', field: 'offered' } },
          is: 0.01,
          bound: 'max',
        },
        { says: 'XDP-RX shows 14.67 Mpps here', of: rxPps, is: 14.67, scale: 1e6, within: 0.5 },
        { says: '14.73 in the published run', of: rxPps, is: 14.73, scale: 1e6, within: 1 },
        { says: '4.3 ns', of: { of: 'cost', name: 'ringFullReturn' }, is: 4.3 },
      ],
    },
  ],
};
