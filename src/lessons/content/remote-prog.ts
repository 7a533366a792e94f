import type { Claim, Lesson, Measure } from '../types';
import { fn, ident, MS } from './refs';

/**
 * The overload of the `overload` lesson on 5.10 (one RX queue on CPU 3, 14.7 Mpps, all of it to
 * CPU 4, qsize 128, UDP to a port with no listener), with half the frames dropped: by the RX
 * CPU's own program, or by a program on CPU 4's entry (5.9's struct bpf_cpumap_val).
 */
const BASE = 'kernel=5.10&rx=3&entries=4:128&rate=14.7M&link=40&prog=rr&arrival=constant&stack=udp-noport';
const RX_DROP = `${BASE}&drop=0.5`;
const withProg = (prog: string): string => BASE.replace('entries=4:128', `entries=4:128:prog=${prog}`);
const REMOTE_HALF = withProg('drop:0.5');
const REMOTE_ALL = withProg('drop');
const REDIRECT = withProg('redirect:0.25');

const ENTRY = 'Entry for CPU 4';
const w5 = 5 * MS;
const stat = (q: Extract<Measure, { of: 'stat' }>['q']): Measure => ({ of: 'stat', q, windowNs: w5 });
const kthreadPps = stat({ stat: 'kthreadPps', cpu: 4 });
const enqueuePps = stat({ stat: 'enqueuePps', to: 4 });
const refusedPps = stat({ stat: 'enqueueDropPps', to: 4 });
const schedPps = stat({ stat: 'kthreadSchedPps', cpu: 4 });
/** The share of what the RX CPU receives that it redirects (the rest its own program dropped). */
const redirectedShare: Measure = { of: 'ratio', num: enqueuePps, den: stat({ stat: 'rxPps' }) };
/** The same window, run for a claim about another step's scenario. */
const RUN = { startAt: 5 * MS, pauseAt: 15 * MS, speed: 5_000_000 };
const verdicts = (is: string, query: string): Omit<Claim, 'says'> => ({
  of: { of: 'inspector', field: 'XDP program (rcpu->prog)', element: ENTRY },
  is,
  run: { query },
});

export const remoteProg: Lesson = {
  id: 'remote-prog',
  title: 'A program on the remote CPU',
  summary:
    "How v5.9's entry programs move XDP work from the RX CPU to the cpumap's kthread: the same drop done on either CPU, where its cost lands, and what xdp-bench's xdp_stats lines count.",
  steps: [
    {
      title: 'Half the frames dropped on the RX CPU',
      text: [
        "The run of the lesson 'Overload: when the ring is always full', on v5.10: one RX queue on CPU 3 at 14.7 Mpps, all redirected to CPU 4 (qsize 128), UDP to a port with no listener. Here the RX CPU's XDP program drops half the frames itself and redirects the other half.",
        'Dropping on the RX CPU is cheap, but it does not help the kthread: it still processes 3.54 Mpps, as fast as its cost per frame allows, and its full ring refuses most of the 7.36 Mpps the RX CPU still enqueues.',
      ],
      query: RX_DROP,
      ...RUN,
      highlight: ['CPU 3', ENTRY],
      inspect: 'CPU 3',
      kernel: [fn('cpu_map_kthread_run', '5.10'), fn('bq_flush_to_queue', '5.10')],
      claims: [
        { says: 'at 14.7 Mpps', of: { of: 'scenario', field: 'rate' }, is: 14.7, scale: 1e6 },
        { says: 'qsize 128', of: { of: 'qsize', cpu: 4 }, is: 128 },
        { says: 'drops half the frames itself', of: redirectedShare, is: 0.5, within: 1 },
        { says: 'it still processes 3.54 Mpps', of: kthreadPps, is: 3.54, scale: 1e6, within: 1 },
        { says: 'the 7.36 Mpps the RX CPU still enqueues', of: enqueuePps, is: 7.36, scale: 1e6, within: 1 },
        { says: 'refuses most of', of: { of: 'ratio', num: refusedPps, den: enqueuePps }, is: 0.5, bound: 'min' },
      ],
    },
    {
      title: 'The same drop in an entry program',
      text: [
        "Now the RX CPU redirects every frame, and CPU 4's entry carries its own XDP program, given with the map value (`entries=4:128:prog=drop:0.5`). The kthread runs it on each frame it takes, before any SKB is built: XDP_DROP gives the frame back, XDP_PASS lets it on to the stack.",
        'Before you run it: how many frames per second will the kthread take from its ring now?',
      ],
      query: REMOTE_HALF,
      ...RUN,
      highlight: [ENTRY],
      inspect: ENTRY,
      kernel: [ident('cpu_map_bpf_prog_run_xdp', '5.10', 'cpumap.c'), fn('cpu_map_kthread_run', '5.10')],
      predict: {
        question: 'How many frames per second will the kthread on CPU 4 process, with a program dropping half of them?',
        unit: 'frames/s',
        answer: { stat: 'kthreadPps', cpu: 4 },
        windowNs: w5,
        expect: 6_548_000,
        within: 1,
        why: 'A dropped frame costs the kthread only the program run: no SKB, no stack. Half the frames are that cheap, so the kthread takes about twice as many, though it passes a little fewer to the stack than without a program, since it runs the program on every frame.',
      },
      claims: [
        { says: 'redirects every frame', of: enqueuePps, is: 14.7, scale: 1e6, within: 1 },
        {
          says: 'carries its own XDP program',
          of: { of: 'inspector', field: 'XDP program (rcpu->prog)', element: ENTRY },
          is: 'drop 50%',
        },
      ],
    },
    {
      title: 'Where the cost lands, and what xdp_stats shows',
      text: [
        "The cost moved to CPU 4: CPU 3 no longer drops anything itself, and the kthread pays for the program on every frame. What the stack gets is 3.27 Mpps, half of what the kthread takes and a little less than the 3.54 Mpps of the RX-side drop, because the kthread's time now also goes to the frames it drops.",
        "The kthread's tracepoint carries the program's verdicts (`xdp_cpumap_kthread`'s pass, drop and redirect), and `xdp-bench redirect-cpu` prints them under the kthread total as `xdp_stats`: pass/s, drop/s and redir/s. `npm run sim -- '…' --format xdp-bench -e` prints the same lines for this run. The Inspector shows the entry's program and its verdicts so far.",
      ],
      query: REMOTE_HALF,
      ...RUN,
      highlight: [ENTRY, 'CPU 3'],
      inspect: ENTRY,
      kernel: [ident('trace_xdp_cpumap_kthread', '5.10', 'xdp.h')],
      claims: [
        { says: 'CPU 3 no longer drops anything itself', of: redirectedShare, is: 1, within: 1 },
        { says: 'the kthread pays for the program on every frame', of: kthreadPps, is: 6.548, scale: 1e6, within: 1 },
        {
          says: 'What the stack gets is 3.27 Mpps',
          of: { of: 'product', terms: [kthreadPps, { of: 'number', value: 0.5 }] },
          is: 3.27,
          scale: 1e6,
          within: 1,
        },
        { says: 'the 3.54 Mpps of the RX-side drop', of: kthreadPps, is: 3.54, scale: 1e6, within: 1, run: { query: RX_DROP } },
      ],
    },
    {
      title: 'Dropping everything on the remote CPU',
      text: [
        'With a program that drops every frame (`prog=drop`) the kthread keeps up with all 14.7 Mpps: the ring no longer refuses anything, and the kthread even finds it empty now and then and sleeps (the sched column). This is the filter in front of the stack that an entry program allows: the RX CPU only redirects, and the remote CPU decides.',
      ],
      query: REMOTE_ALL,
      ...RUN,
      highlight: [ENTRY],
      inspect: ENTRY,
      kernel: [ident('cpu_map_bpf_prog_run_xdp', '5.10', 'cpumap.c')],
      claims: [
        { says: 'keeps up with all 14.7 Mpps', of: kthreadPps, is: 14.7, scale: 1e6, within: 1 },
        { says: 'the ring no longer refuses anything', of: refusedPps, is: 0 },
        { says: 'sleeps (the sched column)', of: schedPps, is: 100_000, bound: 'min' },
        { ...verdicts('drop', REMOTE_ALL), says: 'drops every frame' },
      ],
    },
    {
      title: 'XDP_REDIRECT from the kthread',
      text: [
        'An entry program may also redirect: here a quarter of the frames (`prog=redirect:0.25`) are sent on from CPU 4 with `xdp_do_redirect`, to another device or CPU, without an SKB. They show as redir/s in xdp_stats and as "kthread redirect" in the rates row (where they go next is not modelled); the rest, XDP_PASS, go to the stack: one redirected for every three delivered.',
      ],
      query: REDIRECT,
      ...RUN,
      highlight: [ENTRY],
      inspect: ENTRY,
      kernel: [ident('cpu_map_bpf_prog_run_xdp', '5.10', 'cpumap.c'), ident('xdp_do_redirect', '5.10', 'filter.c')],
      claims: [
        {
          says: 'a quarter of the frames',
          of: { of: 'inspector', field: 'XDP program (rcpu->prog)', element: ENTRY },
          is: 'redirect 25%',
        },
        {
          says: 'one redirected for every three delivered',
          of: {
            of: 'ratio',
            num: { of: 'frames', field: 'redirected', since: 'start' },
            den: { of: 'frames', field: 'delivered', since: 'start' },
          },
          is: 1 / 3,
          within: 2,
        },
      ],
    },
  ],
};
