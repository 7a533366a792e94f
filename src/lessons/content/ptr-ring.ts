import type { Claim, Lesson, Measure } from '../types';
import { fn, ident, MS } from './refs';

/** One RX queue on CPU 3, everything to CPU 4, whose stack drops in iptables raw (v5.2). */
const ring = (qsize: number, rate: string) => `rx=3&entries=4:${qsize}&rate=${rate}&prog=rr&arrival=constant&stack=iptables-drop`;

const ENTRY = 'Entry for CPU 4';
const RXQ = 'RX queue 0 on CPU 3';
const w5 = 5 * MS;
/** The same kthread with a ring large enough never to refuse while it sleeps: what it can do. */
const BIG_RING = { query: ring(2048, '9M'), startAt: 0, pauseAt: 10 * MS, speed: 5_000_000 };
/** A flush refused at 9 Mpps while the kthread runs: the producer reached the slots it has not NULLed. */
const ONCE_IT_RUNS = { query: ring(32, '9M'), startAt: 5_013_000, pauseAt: 5_013_270, speed: 1_000 };
const kthreadPps: Measure = { of: 'stat', q: { stat: 'kthreadPps', cpu: 4 }, windowNs: w5 };
const itr: Measure = { of: 'inspector', element: RXQ, field: 'interrupt interval (ITR)' };
/** The RX CPU's time per redirected frame at full bulks of 64-frame polls (napi.ts, bulkq.ts). */
const rxPerFrame: Measure = {
  of: 'sum',
  terms: [
    { of: 'cost', name: 'driverRx' },
    { of: 'cost', name: 'xdpProg' },
    { of: 'cost', name: 'redirectEnqueue' },
    { of: 'cost', name: 'xdpFrameStore' },
    { of: 'cost', name: 'produce' },
    { of: 'ratio', num: { of: 'cost', name: 'flushLock' }, den: { of: 'constant', name: 'bulkSize' } },
    { of: 'ratio', num: { of: 'cost', name: 'napiPoll' }, den: { of: 'constant', name: 'napiBudget' } },
  ],
};
const notNulled = (says: string, is: number): Claim => ({ says, of: { of: 'ring', entry: ENTRY, field: 'notNulled' }, is });

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
        "Here one RX queue on CPU 3 sends 6 Mpps to CPU 4, whose stack drops every packet in iptables' raw table. That drop is the verdict this scenario asks of the stack, not a lost frame: `xdp_redirect_cpu` counts it nowhere. Frames are lost at the NIC, at a full ring, or by a redirect error. A v5.2 kthread that never waits handles about 7.65 Mpps of this traffic, so it has room to spare. The ring, though, has only 32 slots.",
      ],
      query: ring(32, '6M'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: [ENTRY],
      inspect: ENTRY,
      kernel: [ident('__ptr_ring_produce', '5.2', 'ptr_ring.h'), fn('bq_flush_to_queue', '5.2')],
      predict: {
        question: 'How many frames per second will the ring of CPU 4 refuse (the drop-pps of the cpumap-enqueue row to CPU 4)?',
        unit: 'frames/s',
        answer: { stat: 'enqueueDropPps', to: 4 },
        windowNs: w5,
        expect: 3_993_600,
        within: 1,
        why: 'Interrupt moderation delivers the frames in bursts larger than the ring. While the kthread sleeps and wakes, a burst fills the small ring, and `__ptr_ring_produce` refuses the rest: the flush drops every frame it could not store.',
      },
      claims: [
        { says: 'sends 6 Mpps', of: { of: 'scenario', field: 'rate' }, is: 6, scale: 1e6 },
        { says: 'counts it nowhere', of: { of: 'stat', q: { stat: 'kthreadDropPps', cpu: 4 }, windowNs: w5 }, is: 0 },
        { says: 'about 7.65 Mpps', of: kthreadPps, is: 7.65, scale: 1e6, within: 1, run: BIG_RING },
        { says: 'only 32 slots', of: { of: 'qsize', cpu: 4 }, is: 32 },
        { says: 'A ring of 32 slots', of: { of: 'qsize', cpu: 4 }, is: 32 },
      ],
    },
    {
      title: 'The burst arrives while the kthread sleeps',
      text: [
        'About 4.0 million a second are refused, most of the traffic, although the kthread is idle much of the time. It is a matter of timing. Interrupt moderation delivers the frames to CPU 3 in bursts: every 16 µs an interrupt finds some 96 frames waiting, and the polls push them out at about 48 ns a frame, where the kthread needs about 131 ns.',
        "The full bulks flushed during a poll do not wake the kthread; only the flush at the end of the poll does, and the kthread then needs about 3 µs to start. The 32 slots hold about 1.5 µs of the burst. At the checkpoint the ring is full and the kthread still asleep, so the rest of this poll's frames are refused. Each 16 µs the kthread gets one ring's worth: about 62,500 times a second, 2.0 Mpps.",
      ],
      query: ring(32, '6M'),
      startAt: 5_026_000,
      pauseAt: 5_029_000,
      speed: 1_000,
      highlight: ['Bulk queue CPU 3 to CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [fn('bq_enqueue', '5.2'), fn('__cpu_map_flush', '5.2'), ident('wake_up_process', '5.2', 'sched/core.c')],
      claims: [
        {
          says: 'About 4.0 million a second are refused',
          of: { of: 'stat', q: { stat: 'enqueueDropPps', to: 4 }, windowNs: w5 },
          is: 4,
          scale: 1e6,
          within: 3,
          run: { step: 1 },
        },
        { says: 'every 16 µs', of: itr, is: 16 },
        {
          says: 'some 96 frames waiting',
          of: { of: 'product', terms: [{ of: 'scenario', field: 'rate' }, itr, { of: 'number', value: 1e-6 }] },
          is: 96,
        },
        { says: 'about 48 ns a frame', of: rxPerFrame, is: 48, within: 2 },
        {
          says: 'the kthread needs about 131 ns',
          of: { of: 'ratio', num: { of: 'number', value: 1e9 }, den: kthreadPps },
          is: 131,
          within: 1,
          run: BIG_RING,
        },
        { says: 'about 3 µs to start', of: { of: 'cost', name: 'wakeupLatency' }, is: 3, scale: 1e3 },
        { says: 'The 32 slots', of: { of: 'qsize', cpu: 4 }, is: 32 },
        {
          says: 'about 1.5 µs of the burst',
          of: { of: 'product', terms: [{ of: 'qsize', cpu: 4 }, rxPerFrame] },
          is: 1.5,
          scale: 1e3,
          within: 4,
        },
        { says: 'the ring is full', of: { of: 'ring', entry: ENTRY, field: 'count' }, is: 32 },
        { says: 'the kthread still asleep', of: { of: 'kthread', entry: ENTRY, field: 'shown' }, is: 'sleeping' },
        { says: "this poll's frames are refused", of: { of: 'cpu', cpu: 3, field: 'inPoll' }, is: true },
        { says: "this poll's frames are refused", of: { of: 'frames', field: 'ringFull', since: 'start' }, is: 8, bound: 'min' },
        { says: 'Each 16 µs', of: itr, is: 16 },
        {
          says: 'about 62,500 times a second',
          of: { of: 'stat', q: { stat: 'kthreadSchedPps', cpu: 4 }, windowNs: w5 },
          is: 62_500,
          within: 1,
          run: { step: 1 },
        },
        { says: '2.0 Mpps', of: kthreadPps, is: 2, scale: 1e6, within: 3, run: { step: 1 } },
      ],
    },
    {
      title: 'Consumed is not yet free',
      text: [
        'The consumer does not write NULL into each slot as it takes the frame out. It leaves consumed slots as they are and clears them in batches of `ring->batch`, 16 for this ring (two cache lines of pointers), the last slot first. That way the producer, which tests those same slots, does not lose its cache line to the consumer at every frame.',
        'Until a batch is cleared, the producer sees those slots as taken. Here, at 9 Mpps, the kthread had taken 15 frames since it last cleared, found the ring empty and gone to sleep; the poll on CPU 3 has since flushed bulks into it. The ring now holds 17 frames next to 15 slots consumed but not yet cleared, and the last flush found the slot at the producer index still set: its `xdp_cpumap_enqueue` reports processed=8, drops=7, with 15 slots of the ring in fact free. The room a producer sees varies between qsize − 15 and qsize.',
      ],
      query: ring(32, '9M'),
      startAt: 5_021_000,
      pauseAt: 5_022_300,
      speed: 1_000,
      highlight: [ENTRY],
      inspect: ENTRY,
      kernel: [ident('__ptr_ring_discard_one', '5.2', 'ptr_ring.h'), ident('__ptr_ring_set_size', '5.2', 'ptr_ring.h')],
      claims: [
        { says: 'batches of `ring->batch`, 16', of: { of: 'ring', entry: ENTRY, field: 'batch' }, is: 16 },
        { says: 'at 9 Mpps', of: { of: 'scenario', field: 'rate' }, is: 9, scale: 1e6 },
        notNulled('the kthread had taken 15 frames since it last cleared', 15),
        { says: 'gone to sleep', of: { of: 'kthread', entry: ENTRY, field: 'shown' }, is: 'sleeping' },
        { says: 'the poll on CPU 3 has since flushed bulks into it', of: { of: 'cpu', cpu: 3, field: 'inPoll' }, is: true },
        { says: 'The ring now holds 17 frames', of: { of: 'ring', entry: ENTRY, field: 'count' }, is: 17 },
        { says: 'The ring now holds 17 frames', of: { of: 'inspector', field: 'ring count' }, is: 17 },
        notNulled('15 slots consumed but not yet cleared', 15),
        { says: '15 slots consumed but not yet cleared', of: { of: 'inspector', field: 'consumed, not yet NULLed' }, is: 15 },
        { says: 'processed=8', of: { of: 'trace', kind: 'enqueue', field: 'processed' }, is: 8 },
        { says: 'drops=7', of: { of: 'trace', kind: 'enqueue', field: 'drops' }, is: 7 },
        notNulled('with 15 slots of the ring in fact free', 15),
        {
          says: 'qsize − 15',
          of: { of: 'difference', a: { of: 'ring', entry: ENTRY, field: 'batch' }, b: { of: 'number', value: 1 } },
          is: 15,
        },
      ],
    },
    {
      title: 'What the refusals cost',
      text: [
        'At 9 Mpps both effects are at work. Each burst is larger than the ring, so flushes are refused while the kthread sleeps; and once it runs, flushes are refused again whenever the producer reaches consumed slots the kthread has not cleared yet.',
      ],
      query: ring(32, '9M'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: ['Bulk queue CPU 3 to CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [ident('__ptr_ring_produce', '5.2', 'ptr_ring.h'), ident('__ptr_ring_discard_one', '5.2', 'ptr_ring.h')],
      predict: {
        question:
          'With a ring of 2048 slots this kthread processes about 7.65 Mpps of the 9 Mpps offered. With 32 slots, how many frames per second will it process?',
        unit: 'frames/s',
        answer: { stat: 'kthreadPps', cpu: 4 },
        windowNs: w5,
        expect: 3_286_400,
        within: 1,
        why: 'The kthread could take more, but the small ring keeps refusing frames: bursts larger than the ring come while it sleeps, and slots it consumed stay taken until it clears them in a batch. It processes only what the ring let in.',
      },
      claims: [
        { says: 'At 9 Mpps', of: { of: 'scenario', field: 'rate' }, is: 9, scale: 1e6 },
        // A burst: the frames of one interrupt interval.
        {
          says: 'Each burst is larger than the ring',
          of: {
            of: 'difference',
            a: { of: 'product', terms: [{ of: 'scenario', field: 'rate' }, itr, { of: 'number', value: 1e-6 }] },
            b: { of: 'qsize', cpu: 4 },
          },
          is: 1,
          bound: 'min',
        },
        // As step 3 showed.
        {
          says: 'flushes are refused while the kthread sleeps',
          of: { of: 'trace', kind: 'enqueue', field: 'drops' },
          is: 7,
          run: { step: 3 },
        },
        {
          says: 'flushes are refused while the kthread sleeps',
          of: { of: 'kthread', entry: ENTRY, field: 'shown' },
          is: 'sleeping',
          run: { step: 3 },
        },
        { says: 'once it runs', of: { of: 'kthread', entry: ENTRY, field: 'shown' }, is: 'running', run: ONCE_IT_RUNS },
        {
          says: 'flushes are refused again whenever the producer reaches consumed slots',
          of: { of: 'trace', kind: 'enqueue', field: 'drops' },
          is: 8,
          run: ONCE_IT_RUNS,
        },
        { says: 'the kthread has not cleared yet', of: { of: 'ring', entry: ENTRY, field: 'notNulled' }, is: 8, run: ONCE_IT_RUNS },
        { says: 'a ring of 2048 slots', of: { of: 'qsize', cpu: 4 }, is: 2048, run: BIG_RING },
        { says: 'about 7.65 Mpps', of: kthreadPps, is: 7.65, scale: 1e6, within: 1, run: BIG_RING },
        { says: 'the 9 Mpps offered', of: { of: 'scenario', field: 'rate' }, is: 9, scale: 1e6 },
        { says: 'With 32 slots', of: { of: 'qsize', cpu: 4 }, is: 32 },
      ],
    },
    {
      title: 'Room for a burst',
      text: [
        'With 32 slots the kthread processed about 3.3 Mpps of the 9 offered, well below what it can do. A ring has to hold what arrives during a poll and the wake-up that follows it. The 2019 sample `xdp_redirect_cpu` used qsize 192 by default (128 + 64); `xdp-bench` uses 2048. Changing qsize means an update of the map entry, which replaces the entry with a new ring and kthread.',
        'Back to 6 Mpps, now with 192 slots.',
      ],
      query: ring(192, '6M'),
      pauseAt: 10 * MS,
      speed: 5_000_000,
      highlight: [ENTRY],
      inspect: ENTRY,
      kernel: [fn('cpu_map_update_elem', '5.2'), ident('ptr_ring_init', '5.2', 'ptr_ring.h')],
      predict: {
        question: 'At 6 Mpps with a ring of 192 slots, how many frames per second will the ring of CPU 4 refuse?',
        unit: 'frames/s',
        answer: { stat: 'enqueueDropPps', to: 4 },
        windowNs: w5,
        expect: 0,
        why: "The larger ring holds what arrives during a poll and the kthread's wake-up after it, so no flush finds the slot at the producer index taken.",
      },
      claims: [
        { says: 'With 32 slots', of: { of: 'qsize', cpu: 4 }, is: 32, run: { step: 4 } },
        { says: 'about 3.3 Mpps', of: kthreadPps, is: 3.3, scale: 1e6, within: 3, run: { step: 4 } },
        { says: 'the 9 offered', of: { of: 'scenario', field: 'rate' }, is: 9, scale: 1e6, run: { step: 4 } },
        { says: 'Back to 6 Mpps', of: { of: 'scenario', field: 'rate' }, is: 6, scale: 1e6 },
        { says: 'now with 192 slots', of: { of: 'qsize', cpu: 4 }, is: 192 },
        { says: 'At 6 Mpps', of: { of: 'scenario', field: 'rate' }, is: 6, scale: 1e6 },
        { says: 'a ring of 192 slots', of: { of: 'qsize', cpu: 4 }, is: 192 },
      ],
      fixed: ['qsize 192 by default (128 + 64)', '`xdp-bench` uses 2048'],
    },
  ],
};
