import type { Lesson } from '../types';
import { fn, ident, MS } from './refs';

/** Two RX queues hash 4 Mpps over CPUs 4 and 5; key 4 is deleted in the middle of a poll (v5.2). */
const DELETE = 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=20003us:delete:4';
/** One RX queue sends 5 Mpps to CPU 4; the entry is updated (qsize 2048 to 512) mid-poll. */
const REPLACE = 'rx=3&entries=4:2048&rate=5M&prog=rr&stack=iptables-drop&ops=20003us:update:4:512';

export const teardown: Lesson = {
  id: 'teardown',
  title: 'Teardown under load: RCU and refcounts',
  summary:
    'What happens, in order, when an entry is deleted or replaced while frames are on their way to it, and why none of them is lost.',
  steps: [
    {
      title: 'Two references to an entry',
      text: [
        'Two RX queues, on CPUs 0 and 1, hash 4 Mpps over the entries for CPUs 4 and 5. The entry for CPU 4 holds two references: one for its slot in the map, one for its kthread. Whoever drops the last one frees the entry and its ring.',
        "At 20.003 ms, in the middle of the RX CPUs' polls, user space deletes key 4 (`ops=20003us:delete:4` in the link). At the checkpoint, a moment before, both RX CPUs are filling their bulk queues for CPU 4.",
      ],
      query: DELETE,
      startAt: 19_990_000,
      pauseAt: 20_002_900,
      speed: 5_000,
      highlight: ['Entry for CPU 4', 'Bulk queue CPU 0 to CPU 4', 'Bulk queue CPU 1 to CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('__cpu_map_entry_alloc', '5.2'), fn('put_cpu_map_entry', '5.2')],
    },
    {
      title: 'xchg empties the slot',
      text: [
        "`cpu_map_delete_elem` calls `__cpu_map_entry_replace` with NULL. An atomic `xchg` takes the entry out of its slot: from now on the program's lookups of key 4 find nothing, and those frames become redirect errors, dropped by the driver. The old entry goes to `call_rcu` with `__cpu_map_entry_free` as the callback, and the work item `cpu_map_kthread_stop` is scheduled.",
        "The entry is not freed yet: a program that looked it up before the `xchg` may still be using it. The two polls in progress had already put 7 frames each into their bulk queues for it. At the end of the polls `__cpu_map_flush` finds slot 4 empty and skips it, so those 14 frames stay in the old entry's bulk queues and bit 4 stays set in both CPUs' bitmaps. The kthread on CPU 4 sleeps with an empty ring, and nobody wakes it.",
      ],
      query: DELETE,
      startAt: 20_002_900,
      pauseAt: 20_010_000,
      speed: 2_000,
      highlight: ['Bulk queue CPU 0 to CPU 4', 'Bulk queue CPU 1 to CPU 4', 'Entry for CPU 4'],
      inspect: 'Bulk queue CPU 0 to CPU 4',
      kernel: [fn('cpu_map_delete_elem', '5.2'), fn('__cpu_map_entry_replace', '5.2'), fn('__cpu_map_flush', '5.2')],
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
      inspect: 'Entry for CPU 4',
      kernel: [ident('call_rcu', '5.2', 'rcu/tree.c'), fn('cpu_map_kthread_stop', '5.2'), ident('rcu_barrier', '5.2', 'rcu/tree.c')],
      predict: {
        question: 'Meanwhile the flows hashed to CPU 4 find an empty slot. How many redirect errors per second will the statistics show?',
        unit: 'frames/s',
        answer: { stat: 'redirectErrPps' },
        windowNs: 1 * MS,
      },
    },
    {
      title: 'The callback flushes the bulk queues',
      text: [
        "About half the traffic became redirect errors. At 22 ms the grace period ends and `__cpu_map_entry_free` runs. No `bq_enqueue` can reach the entry any more, so it flushes every CPU's bulk queue into the ring (the 14 frames; the tracepoint reports it on the CPU running the callback), frees the bulk queues and drops the map's reference: refcnt 1.",
        "Then `rcu_barrier` returns in the work item, and `kthread_stop` sets the kthread's should-stop flag and wakes it. At the checkpoint the ring holds the 14 frames and the kthread is runnable.",
      ],
      query: DELETE,
      startAt: 21_999_000,
      pauseAt: 22_001_000,
      speed: 1_000,
      highlight: ['Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [
        fn('__cpu_map_entry_free', '5.2'),
        fn('bq_flush_to_queue', '5.2'),
        fn('cpu_map_kthread_stop', '5.2'),
        ident('kthread_stop', '5.2', 'kthread.c'),
      ],
    },
    {
      title: 'The kthread drains, then frees',
      text: [
        "The kthread's loop goes on while it has not been told to stop or its ring is not empty. So a stopping kthread first processes the 14 frames, then leaves the loop and calls `put_cpu_map_entry`. That drops the last reference: the ring is checked for frames left behind (there are none; there would be a kernel warning) and freed with the entry.",
        'Nothing was lost. The frames redirected before the `xchg` were all delivered, the 14 that waited in bulk queues 2 ms late; those after it were counted as redirect errors. Bit 4 stays set in the bitmaps of CPUs 0 and 1 until some flush finds an entry in slot 4 again.',
      ],
      query: DELETE,
      startAt: 22_001_000,
      pauseAt: 22_008_000,
      speed: 2_000,
      highlight: ['CPU 4', 'Entry for CPU 4'],
      inspect: 'Entry for CPU 4',
      kernel: [fn('cpu_map_kthread_run', '5.2'), fn('put_cpu_map_entry', '5.2'), fn('__cpu_map_ring_cleanup', '5.2')],
    },
    {
      title: 'Replacing an entry',
      text: [
        'An update replaces rather than edits: `cpu_map_update_elem` allocates a complete new entry (ring, bulk queues and a kthread bound to the same CPU), and the same `__cpu_map_entry_replace` swaps it in and tears the old one down. Here, at 20.003 ms, the ring of CPU 4 goes from 2048 slots to 512 under 5 Mpps.',
        "The two entries now live side by side on CPU 4. The new kthread takes the traffic. The old one sleeps with 16 frames in its ring and 4 in CPU 3's old bulk queue: the 16 came in full bulks flushed mid-poll, which wake no one, and the flush at the end of the poll went to the new entry and woke the new kthread.",
      ],
      query: REPLACE,
      startAt: 20_000_000,
      pauseAt: 20_010_000,
      speed: 5_000,
      highlight: ['Entry for CPU 4', 'Entry for CPU 4 (old, uid 1)'],
      inspect: 'Entry for CPU 4 (old, uid 1)',
      kernel: [fn('cpu_map_update_elem', '5.2'), fn('__cpu_map_entry_alloc', '5.2'), fn('__cpu_map_entry_replace', '5.2')],
    },
    {
      title: 'The old entry drains at the grace period',
      text: [
        'At 22 ms the grace period ends: the callback flushes the 4 frames into the old ring, which now holds 20, and `kthread_stop` wakes the old kthread. It processes the 20 frames on CPU 4 beside the new kthread, then exits and frees the old entry. Those frames waited 2 ms, but none was refused by a ring or left behind.',
      ],
      query: REPLACE,
      startAt: 21_999_000,
      pauseAt: 22_008_000,
      speed: 5_000,
      highlight: ['Entry for CPU 4', 'Entry for CPU 4 (old, uid 1)'],
      inspect: 'Entry for CPU 4 (old, uid 1)',
      kernel: [fn('__cpu_map_entry_free', '5.2'), fn('cpu_map_kthread_run', '5.2'), fn('put_cpu_map_entry', '5.2')],
    },
  ],
};
