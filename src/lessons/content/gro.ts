import type { Lesson, Measure } from '../types';
import { fn, ident, MS } from './refs';

/** One RX queue sends 10 Mpps to one kthread on CPU 4, whose stack delivers to a socket. */
const LOAD = 'rx=3&entries=4:2048&rate=10M&link=40&prog=rr&arrival=constant&stack=deliver';
const TCP612 = `kernel=6.12&traffic=tcp&${LOAD}`;
const TCP618 = `kernel=6.18&traffic=tcp&${LOAD}`;
const UDP612 = `kernel=6.12&${LOAD}`;
const UDP618 = `kernel=6.18&${LOAD}`;

const ENTRY = 'Entry for CPU 4';
const w5 = 5 * MS;
const kthreadPps: Measure = { of: 'stat', q: { stat: 'kthreadPps', cpu: 4 }, windowNs: w5 };
const sched: Measure = { of: 'stat', q: { stat: 'kthreadSchedPps', cpu: 4 }, windowNs: w5 };
/** Steady state: the statistics of the last 5 ms before 15 ms. */
const STEADY = { startAt: 5 * MS, pauseAt: 15 * MS, speed: 5_000_000 };

export const groLesson: Lesson = {
  id: 'gro',
  title: 'GRO in the kthread',
  summary:
    'Why v6.15 gave the cpumap kthread GRO: TCP-like segments of a flow are merged before the stack sees them, so the stack runs once per merged SKB, while UDP datagrams, which nothing merges, only pay for the attempt.',
  steps: [
    {
      title: 'v6.12: the stack once per segment',
      text: [
        'TCP-like traffic (`traffic=tcp`): each flow sends runs of in-order segments back to back. One RX queue on CPU 3 of a 40 Gbit/s NIC takes 10 Mpps and redirects all of it to CPU 4 (qsize 2048), where a socket takes what the stack delivers.',
        "On v6.12 the kthread builds an SKB around every frame and the stack handles each one on its own. The stack's work per SKB is most of the kthread's cost: it never sleeps, and handles about 3.4 Mpps.",
      ],
      query: TCP612,
      ...STEADY,
      highlight: ['CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [fn('cpu_map_kthread_run', '6.12'), ident('netif_receive_skb_list', '6.12', 'dev.c')],
      claims: [
        { says: 'a 40 Gbit/s NIC', of: { of: 'scenario', field: 'link' }, is: 40 },
        { says: 'takes 10 Mpps', of: { of: 'scenario', field: 'rate' }, is: 10, scale: 1e6 },
        { says: 'qsize 2048', of: { of: 'qsize', cpu: 4 }, is: 2048 },
        { says: 'it never sleeps', of: sched, is: 0 },
        { says: 'about 3.4 Mpps', of: kthreadPps, is: 3.4, scale: 1e6, within: 2 },
      ],
    },
    {
      title: 'v6.18: GRO merges the runs',
      text: [
        "The same traffic on v6.18. Since v6.15 the kthread hands each SKB to `gro_receive_skb`: a segment of a flow that GRO already holds is merged into that flow's SKB, and GRO sends its SKBs up to the stack when the kthread flushes it, after 64 packets (only those held since an earlier jiffy) or when the ring is empty (all of them). The stack then runs once per merged SKB, not once per segment.",
      ],
      query: TCP618,
      ...STEADY,
      highlight: ['CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [fn('cpu_map_kthread_run', '6.18'), ident('gro_receive_skb', '6.18', 'gro.h'), ident('skb_gro_receive', '6.18', 'gro.c')],
      predict: {
        question: 'How many frames per second will the kthread on CPU 4 handle now?',
        unit: 'frames/s',
        answer: { stat: 'kthreadPps', cpu: 4 },
        windowNs: w5,
        expect: 5_812_800,
        within: 2,
        why: "Each segment now costs GRO's work, and a merged one a little more, but the stack's work, the largest cost, is paid once for a whole run of merged segments: the kthread handles far more frames.",
      },
      claims: [
        { says: 'after 64 packets', of: { of: 'constant', name: 'napiBudget' }, is: 64 },
        { says: 'The same traffic', of: { of: 'scenario', field: 'rate' }, is: 10e6 },
      ],
    },
    {
      title: 'UDP gains nothing',
      text: [
        'The same 10 Mpps as UDP datagrams on v6.18. No socket asked for UDP GRO, so nothing is merged: every datagram still goes up alone, and the GRO work on it is paid for nothing. The kthread handles about 3.0 Mpps, less than the 3.4 Mpps of v6.12.',
        "The series' cover letter measured that loss with GRO switched off, and the model's GRO cost is fitted to it: 2.7 Mpps before the series, 2.4 Mpps after.",
      ],
      query: UDP618,
      ...STEADY,
      highlight: ['CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [fn('cpu_map_kthread_run', '6.18'), ident('gro_receive_skb', '6.18', 'gro.h')],
      claims: [
        { says: 'The same 10 Mpps', of: { of: 'scenario', field: 'rate' }, is: 10, scale: 1e6 },
        { says: 'about 3.0 Mpps', of: kthreadPps, is: 3.0, scale: 1e6, within: 2 },
        { says: 'the 3.4 Mpps of v6.12', of: kthreadPps, is: 3.4, scale: 1e6, within: 2, run: { query: UDP612 } },
      ],
      fixed: ['2.7 Mpps before the series, 2.4 Mpps after'],
    },
  ],
};
