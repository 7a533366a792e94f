import type { Claim, Lesson, Measure } from '../types';
import { fn, ident, MS } from './refs';

/** Two RX queues hash 4 Mpps over CPUs 4 and 5; key 4 is deleted in the middle of a poll (v5.2). */
const DELETE = 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=20003us:delete:4';
/** One RX queue sends 5 Mpps to CPU 4; the entry is updated (qsize 2048 to 512) mid-poll. */
const REPLACE = 'rx=3&entries=4:2048&rate=5M&prog=rr&stack=iptables-drop&ops=20003us:update:4:512';

const ENTRY = 'Entry for CPU 4';
const OLD = 'Entry for CPU 4 (old, uid 1)';
const entry = (says: string, field: 'refcnt' | 'state' | 'inSlot' | 'bulkqFreed', is: number | string | boolean, name = ENTRY): Claim => ({
  says,
  of: { of: 'entry', entry: name, field },
  is,
});
const kthread = (says: string, is: string, name = ENTRY): Claim => ({ says, of: { of: 'kthread', entry: name, field: 'shown' }, is });
const ringCount = (says: string, is: number, name = ENTRY): Claim => ({ says, of: { of: 'ring', entry: name, field: 'count' }, is });
/** From the map operation to the RCU callback that flushes the entry's bulk queues. */
const lateBy = (name: string): Measure => ({
  of: 'difference',
  a: { of: 'event', entry: name, event: 'RCU_FREE_CB' },
  b: { of: 'opAt', index: 0 },
});
const redirectErrPps: Measure = { of: 'stat', q: { stat: 'redirectErrPps' }, windowNs: 1 * MS };

export const teardown: Lesson = {
  id: 'teardown',
  title: 'Teardown under load: RCU and refcounts',
  summary:
    'What happens, in order, when an entry is deleted or replaced while frames are on their way to it: why none of those frames is lost, and why the frames redirected to an emptied slot are.',
  steps: [
    {
      title: 'Two references to an entry',
      text: [
        'Two RX queues, on CPUs 0 and 1, hash 4 Mpps over the entries for CPUs 4 and 5. The entry for CPU 4 holds two references: one for its slot in the map, one for its kthread. Whoever drops the last one frees the entry and its ring.',
        "At 20.003 ms, in the middle of CPU 1's poll, user space deletes key 4 (`ops=20003us:delete:4` in the link). At the checkpoint, a moment before, that poll has put 7 frames into CPU 1's bulk queue for CPU 4, and the kthread on CPU 4 is working through the 10 frames in its ring.",
      ],
      query: DELETE,
      startAt: 19_990_000,
      pauseAt: 20_002_900,
      speed: 5_000,
      highlight: [ENTRY, 'Bulk queue CPU 0 to CPU 4', 'Bulk queue CPU 1 to CPU 4'],
      inspect: ENTRY,
      kernel: [fn('__cpu_map_entry_alloc', '5.2'), fn('put_cpu_map_entry', '5.2')],
      claims: [
        { says: 'hash 4 Mpps', of: { of: 'scenario', field: 'rate' }, is: 4, scale: 1e6 },
        entry('holds two references', 'refcnt', 2),
        { says: 'At 20.003 ms', of: { of: 'opAt', index: 0 }, is: 20.003, scale: 1e6 },
        { says: "in the middle of CPU 1's poll", of: { of: 'cpu', cpu: 1, field: 'inPoll' }, is: true },
        { says: 'that poll has put 7 frames', of: { of: 'bulkq', name: 'Bulk queue CPU 1 to CPU 4' }, is: 7 },
        kthread('the kthread on CPU 4 is working', 'running'),
        ringCount('the 10 frames in its ring', 10),
      ],
    },
    {
      title: 'xchg empties the slot',
      text: [
        "`cpu_map_delete_elem` calls `__cpu_map_entry_replace` with NULL. An atomic `xchg` takes the entry out of its slot: from now on the program's lookups of key 4 find nothing, and the frames it sends to key 4 become redirect errors, which the driver drops: they are lost. The old entry goes to `call_rcu` with `__cpu_map_entry_free` as the callback, and the work item `cpu_map_kthread_stop` is scheduled.",
        "The entry is not freed yet, and still has its two references: a program that looked it up before the `xchg` may still be using it. CPU 1's poll had already put 7 frames into its bulk queue for it. At the end of that poll `__cpu_map_flush` finds slot 4 empty and skips it, so those 7 frames stay in the old entry's bulk queue and bit 4 stays set in CPU 1's bitmap. The kthread on CPU 4 finished the 10 frames of its ring and went to sleep, and nobody will wake it.",
      ],
      query: DELETE,
      startAt: 20_002_900,
      pauseAt: 20_010_000,
      speed: 2_000,
      highlight: ['Bulk queue CPU 0 to CPU 4', 'Bulk queue CPU 1 to CPU 4', ENTRY],
      inspect: 'Bulk queue CPU 1 to CPU 4',
      kernel: [fn('cpu_map_delete_elem', '5.2'), fn('__cpu_map_entry_replace', '5.2'), fn('__cpu_map_flush', '5.2')],
      claims: [
        entry('takes the entry out of its slot', 'inSlot', false),
        entry('takes the entry out of its slot', 'state', 'detached'),
        { says: 'become redirect errors', of: { of: 'frames', field: 'redirectErr', since: 'start' }, is: 1, bound: 'min' },
        entry('still has its two references', 'refcnt', 2),
        { says: 'put 7 frames into its bulk queue', of: { of: 'bulkq', name: 'Bulk queue CPU 1 to CPU 4' }, is: 7 },
        { says: 'those 7 frames stay', of: { of: 'bulkq', name: 'Bulk queue CPU 1 to CPU 4' }, is: 7 },
        { says: "bit 4 stays set in CPU 1's bitmap", of: { of: 'flushNeeded', cpu: 1 }, is: '4' },
        { ...ringCount('finished the 10 frames of its ring', 10), run: { step: 1 } },
        ringCount('went to sleep', 0),
        kthread('went to sleep', 'sleeping'),
      ],
    },
    {
      title: 'Waiting for a grace period',
      text: [
        'Everything now waits for an RCU grace period. The XDP program runs inside a NAPI poll, which is an RCU read-side critical section; once every CPU has passed a quiescent state (the end of a poll, a `schedule()`, being idle), no program can still hold the old pointer. The model ends a grace period on a scheduling-clock tick (1 ms apart), at least one full tick after it began: here at 22 ms.',
        'The work item ran on a kworker about 5 µs after the delete. It waits in `rcu_barrier` for every RCU callback queued so far, `__cpu_map_entry_free` included, before it may stop the kthread.',
      ],
      query: DELETE,
      startAt: 20_010_000,
      pauseAt: 21_999_000,
      speed: 1_000_000,
      highlight: ['CPU 0', 'CPU 1'],
      inspect: ENTRY,
      kernel: [ident('call_rcu', '5.2', 'rcu/tree.c'), fn('cpu_map_kthread_stop', '5.2'), ident('rcu_barrier', '5.2', 'rcu/tree.c')],
      predict: {
        question: 'Meanwhile the flows hashed to CPU 4 find an empty slot. How many redirect errors per second will the statistics show?',
        unit: 'frames/s',
        answer: { stat: 'redirectErrPps' },
        windowNs: 1 * MS,
        expect: 2_088_000,
        within: 1,
        why: 'The program still hashes part of the flows to key 4, whose slot the delete emptied. `bpf_redirect_map` finds no entry there, so each of those frames fails to redirect and is dropped by the driver: a loss, counted as a redirect error.',
      },
      claims: [
        { says: '(1 ms apart)', of: { of: 'cost', name: 'tick' }, is: 1, scale: 1e6 },
        { says: 'here at 22 ms', of: { of: 'event', entry: ENTRY, event: 'RCU_FREE_CB' }, is: 22, scale: 1e6, run: { step: 4 } },
        { says: 'about 5 µs after the delete', of: { of: 'cost', name: 'kworkerLatency' }, is: 5, scale: 1e3 },
        entry('waits in `rcu_barrier`', 'state', 'detached'),
      ],
    },
    {
      title: 'The callback flushes the bulk queues',
      text: [
        "About half the traffic became redirect errors, about 2.1 Mpps: every one of them a frame lost. At 22 ms the grace period ends and `__cpu_map_entry_free` runs. No `bq_enqueue` can reach the entry any more, so it flushes every CPU's bulk queue into the ring (the 7 frames; the tracepoint reports it on the CPU running the callback), frees the bulk queues and drops the map's reference: refcnt 1.",
        "Then `rcu_barrier` returns in the work item, and `kthread_stop` sets the kthread's should-stop flag and wakes it. At the checkpoint the ring holds the 7 frames, and the kthread, told to stop, waits to run (stopping, on the topology).",
      ],
      query: DELETE,
      startAt: 21_999_000,
      pauseAt: 22_001_000,
      speed: 1_000,
      highlight: [ENTRY],
      inspect: ENTRY,
      kernel: [
        fn('__cpu_map_entry_free', '5.2'),
        fn('bq_flush_to_queue', '5.2'),
        fn('cpu_map_kthread_stop', '5.2'),
        ident('kthread_stop', '5.2', 'kthread.c'),
      ],
      claims: [
        {
          says: 'About half the traffic became redirect errors',
          of: { of: 'ratio', num: redirectErrPps, den: { of: 'stat', q: { stat: 'rxPps' }, windowNs: 1 * MS } },
          is: 0.5,
          within: 5,
          run: { step: 3 },
        },
        { says: 'about 2.1 Mpps', of: redirectErrPps, is: 2.1, scale: 1e6, within: 3, run: { step: 3 } },
        { says: 'At 22 ms', of: { of: 'event', entry: ENTRY, event: 'RCU_FREE_CB' }, is: 22, scale: 1e6 },
        ringCount('(the 7 frames;', 7),
        { says: '(the 7 frames;', of: { of: 'bulkq', name: 'Bulk queue CPU 1 to CPU 4' }, is: 7, run: { step: 3 } },
        entry('frees the bulk queues', 'bulkqFreed', true),
        entry('refcnt 1', 'refcnt', 1),
        ringCount('the ring holds the 7 frames', 7),
        kthread('told to stop, waits to run (stopping, on the topology)', 'stopping'),
        { says: 'waits to run', of: { of: 'kthread', entry: ENTRY, field: 'state' }, is: 'runnable' },
      ],
    },
    {
      title: 'The kthread drains, then frees',
      text: [
        "The kthread's loop goes on while it has not been told to stop or its ring is not empty. So a stopping kthread first processes the 7 frames, then leaves the loop and calls `put_cpu_map_entry`. That drops the last reference: the ring is checked for frames left behind (there are none; there would be a kernel warning) and freed with the entry.",
        "What was lost, and what was not? Every frame that reached the entry before the `xchg` was delivered: none was refused by its ring or left in it, and the 7 that waited in a bulk queue arrived 2 ms late. Every frame the program redirected to key 4 after the `xchg` was lost: the slot was empty, so each was a redirect error, dropped by the driver, 4,089 of them by the checkpoint. Tearing an entry down loses nothing; a slot the program still redirects to after it was emptied does. Bit 4 stays set in CPU 1's bitmap until some flush finds an entry in slot 4 again.",
      ],
      query: DELETE,
      startAt: 22_001_000,
      pauseAt: 22_008_000,
      speed: 2_000,
      highlight: ['CPU 4', ENTRY],
      inspect: ENTRY,
      kernel: [fn('cpu_map_kthread_run', '5.2'), fn('put_cpu_map_entry', '5.2'), fn('__cpu_map_ring_cleanup', '5.2')],
      claims: [
        { ...ringCount('processes the 7 frames', 7), run: { step: 4 } },
        ringCount('then leaves the loop', 0),
        entry('drops the last reference', 'refcnt', 0),
        entry('freed with the entry', 'state', 'freed'),
        { says: 'there are none', of: { of: 'violations' }, is: 0 },
        { says: 'none was refused by its ring', of: { of: 'frames', field: 'ringFull' }, is: 0 },
        { ...ringCount('the 7 that waited in a bulk queue', 7), run: { step: 4 } },
        { says: 'arrived 2 ms late', of: lateBy(ENTRY), is: 2, scale: 1e6, within: 1 },
        { says: '4,089 of them by the checkpoint', of: { of: 'frames', field: 'redirectErr' }, is: 4_089 },
        { says: "Bit 4 stays set in CPU 1's bitmap", of: { of: 'flushNeeded', cpu: 1 }, is: '4' },
      ],
    },
    {
      title: 'Replacing an entry',
      text: [
        'An update replaces rather than edits: `cpu_map_update_elem` allocates a complete new entry (ring, bulk queues and a kthread bound to the same CPU), and the same `__cpu_map_entry_replace` swaps it in and tears the old one down. Here, at 20.003 ms, the ring of CPU 4 goes from 2048 slots to 512 under 5 Mpps.',
        "The two entries now live side by side on CPU 4. The new kthread takes the traffic. The old one sleeps with 24 frames in its ring and 5 in CPU 3's old bulk queue: the 24 came in 3 full bulks flushed mid-poll, which wake no one, and the flush at the end of the poll went to the new entry and woke the new kthread.",
      ],
      query: REPLACE,
      startAt: 20_000_000,
      pauseAt: 20_010_000,
      speed: 5_000,
      highlight: [ENTRY, OLD],
      inspect: OLD,
      kernel: [fn('cpu_map_update_elem', '5.2'), fn('__cpu_map_entry_alloc', '5.2'), fn('__cpu_map_entry_replace', '5.2')],
      claims: [
        { says: 'at 20.003 ms', of: { of: 'opAt', index: 0 }, is: 20.003, scale: 1e6 },
        { says: 'from 2048 slots', of: { of: 'ring', entry: OLD, field: 'size' }, is: 2048 },
        { says: 'to 512', of: { of: 'ring', entry: ENTRY, field: 'size' }, is: 512 },
        { says: 'under 5 Mpps', of: { of: 'scenario', field: 'rate' }, is: 5, scale: 1e6 },
        entry('swaps it in', 'inSlot', true),
        entry('tears the old one down', 'inSlot', false, OLD),
        kthread('The new kthread takes the traffic', 'running'),
        kthread('The old one sleeps', 'sleeping', OLD),
        ringCount('with 24 frames in its ring', 24, OLD),
        ringCount('the 24 came', 24, OLD),
        { says: "5 in CPU 3's old bulk queue", of: { of: 'bulkq', name: 'Bulk queue CPU 3 to CPU 4 (old, uid 1)' }, is: 5 },
        {
          says: '3 full bulks',
          of: { of: 'ratio', num: { of: 'ring', entry: OLD, field: 'count' }, den: { of: 'constant', name: 'bulkSize' } },
          is: 3,
        },
      ],
    },
    {
      title: 'The old entry drains at the grace period',
      text: [
        "At 22 ms the grace period ends: the callback flushes the 5 frames into the old ring, which now holds 29, and `kthread_stop` wakes the old kthread. It processes the 29 frames on CPU 4 beside the new kthread, then exits and frees the old entry. Those frames waited 2 ms, but none was refused by a ring or left behind; the stack's iptables DROP then discards them, which is this scenario's verdict on every frame, not a loss.",
      ],
      query: REPLACE,
      startAt: 21_999_000,
      pauseAt: 22_008_000,
      speed: 5_000,
      highlight: [ENTRY, OLD],
      inspect: OLD,
      kernel: [fn('__cpu_map_entry_free', '5.2'), fn('cpu_map_kthread_run', '5.2'), fn('put_cpu_map_entry', '5.2')],
      claims: [
        { says: 'At 22 ms', of: { of: 'event', entry: OLD, event: 'RCU_FREE_CB' }, is: 22, scale: 1e6 },
        {
          says: 'the callback flushes the 5 frames',
          of: { of: 'bulkq', name: 'Bulk queue CPU 3 to CPU 4 (old, uid 1)' },
          is: 5,
          run: { pauseAt: 21_999_500 },
        },
        { ...ringCount('which now holds 29', 29, OLD), run: { pauseAt: 22_000_001 } },
        { ...kthread('`kthread_stop` wakes the old kthread', 'stopping', OLD), run: { pauseAt: 22_000_001 } },
        { ...ringCount('It processes the 29 frames', 29, OLD), run: { pauseAt: 22_000_001 } },
        kthread('beside the new kthread', 'running'),
        entry('frees the old entry', 'state', 'freed', OLD),
        { says: 'Those frames waited 2 ms', of: lateBy(OLD), is: 2, scale: 1e6, within: 1 },
        { says: 'none was refused by a ring', of: { of: 'frames', field: 'ringFull' }, is: 0 },
        { says: 'or left behind', of: { of: 'violations' }, is: 0 },
        { says: 'not a loss', of: { of: 'stat', q: { stat: 'kthreadDropPps', cpu: 4 }, windowNs: 5 * MS }, is: 0 },
      ],
    },
  ],
};
