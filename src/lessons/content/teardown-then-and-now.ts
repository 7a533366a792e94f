import type { Claim, Lesson } from '../types';
import { fn, ident, MS } from './refs';

/** Two RX queues hash 4 Mpps over CPUs 4 and 5; key 4 is deleted at 20 ms. */
const DELETE = 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=20ms:delete:4';
/** An RT task holds CPU 3 from 2 ms for 5 ms; an entry for CPU 3 is added at 2.1 ms and deleted at 2.3 ms. */
const RT_OPS = 'cpus=4&rx=0&entries=1:256,2:256&rate=2M&ops=2ms:rt:3:5ms,2.1ms:update:3:256,2.3ms:delete:3';

const ENTRY4 = 'Entry for CPU 4';
/** The checkpoints of the steps with a question, for the claims about what happens by then. */
const LEAKED = { pauseAt: 5 * MS };
const FREED66 = { pauseAt: 22 * MS };
const ENTRY3 = 'Entry for CPU 3';
const entry = (name: string, says: string, field: 'refcnt' | 'state' | 'inSlot', is: number | string | boolean): Claim => ({
  says,
  of: { of: 'entry', entry: name, field },
  is,
});
const at = (name: string, says: string, event: string, ms: number): Claim => ({
  says,
  of: { of: 'event', entry: name, event },
  is: ms,
  scale: MS,
});

export const teardownThenAndNowLesson: Lesson = {
  id: 'teardown-then-and-now',
  title: 'Teardown then and now',
  summary:
    "How an entry was torn down up to v6.1 (two references, an RCU callback and a work item), how an update followed by a delete could leak an entry whose kthread never ran, and how v6.5's wait and v6.6's queue_rcu_work made both go away.",
  steps: [
    {
      title: 'v6.1: two references, two paths',
      text: [
        'Two RX queues hash 4 Mpps over the entries for CPUs 4 and 5, on kernel v6.1. At 20 ms user space deletes key 4. The entry holds two references, one for its map slot and one for its kthread, and the delete starts two things: `call_rcu` of `__cpu_map_entry_free`, and a work item, `cpu_map_kthread_stop`, that waits in `rcu_barrier` for that callback.',
        'At 21 ms the grace period ends: the callback drops the map reference, and the work item calls `kthread_stop`. The kthread drains its ring, exits and drops the last reference: the entry is freed, with a refcnt of 0.',
      ],
      query: `kernel=6.1&${DELETE}`,
      startAt: 19_990_000,
      pauseAt: 22 * MS,
      speed: 500_000,
      highlight: [ENTRY4],
      inspect: ENTRY4,
      kernel: [fn('__cpu_map_entry_replace', '6.1'), fn('cpu_map_kthread_stop', '6.1'), fn('put_cpu_map_entry', '6.1')],
      claims: [
        { says: 'hash 4 Mpps', of: { of: 'scenario', field: 'rate' }, is: 4, scale: 1e6 },
        { says: 'At 20 ms', of: { of: 'opAt', index: 0 }, is: 20, scale: MS },
        { ...entry(ENTRY4, 'holds two references', 'refcnt', 2), run: { pauseAt: 20_500_000 } },
        at(ENTRY4, 'At 21 ms the grace period ends', 'RCU_FREE_CB', 21),
        entry(ENTRY4, 'the entry is freed', 'state', 'freed'),
        entry(ENTRY4, 'with a refcnt of 0', 'refcnt', 0),
      ],
    },
    {
      title: 'v6.1: stopped before it ever ran',
      text: [
        'Now one RX queue sends 2 Mpps to CPUs 1 and 2, and at 2 ms an RT task (SCHED_FIFO, as a stress tool runs it) takes CPU 3 until 7 ms. At 2.1 ms user space adds an entry for CPU 3, and deletes it at 2.3 ms. Its kthread was created and woken, but CPU 3 runs the RT task, so the kthread has not run once; the XDP program meanwhile put frames into its ring.',
        "At 4 ms the grace period ends and the work item calls `kthread_stop`. A thread stopped before its function started never runs it: nothing drains the ring and nothing drops the kthread's reference. The entry stays at refcnt 1, leaked, with the 146 frames in its ring, which are never freed.",
      ],
      query: `kernel=6.1&${RT_OPS}`,
      startAt: 1_900_000,
      pauseAt: 5 * MS,
      speed: 500_000,
      // The entry is made after the step's start: the CPU it will run on is highlighted.
      highlight: ['CPU 3'],
      inspect: ENTRY3,
      kernel: [fn('cpu_map_kthread_stop', '6.1'), ident('kthread_stop', '6.1', 'kthread.c'), fn('__cpu_map_entry_alloc', '6.1')],
      predict: {
        kind: 'choice',
        when: 'before',
        question:
          'The entry for CPU 3 is deleted while its kthread has not run yet. What becomes of the entry once the stop work has called kthread_stop?',
        choices: [
          {
            label: 'The kthread runs, drains the ring and frees the entry',
            fact: { of: { of: 'entry', entry: ENTRY3, field: 'state' }, is: 'freed' },
          },
          {
            label: 'It leaks: the kthread never runs, so its reference and the frames in the ring stay',
            fact: { of: { of: 'entry', entry: ENTRY3, field: 'state' }, is: 'leaked' },
          },
          { label: 'The delete fails with -EBUSY', fact: { of: { of: 'entry', entry: ENTRY3, field: 'inSlot' }, is: true } },
        ],
        answer: 1,
        why: 'kthread_stop wakes a thread and waits for it to return; a thread whose function never started returns without running it. cpu_map_kthread_run is where the kthread drains the ring and puts its reference, so neither happens. The 2023 fixes first put the reference in that case, then (v6.5) made the update wait until the kthread has run.',
        where: { on: 'topology', element: ENTRY3 },
      },
      claims: [
        { says: '2 Mpps', of: { of: 'scenario', field: 'rate' }, is: 2, scale: 1e6 },
        { says: 'at 2 ms an RT task', of: { of: 'opAt', index: 0 }, is: 2, scale: MS },
        { says: 'At 2.1 ms', of: { of: 'opAt', index: 1 }, is: 2.1, scale: MS },
        { says: 'deletes it at 2.3 ms', of: { of: 'opAt', index: 2 }, is: 2.3, scale: MS },
        { ...at(ENTRY3, 'takes CPU 3 until 7 ms', 'KTHREAD_RUNNING', 7), run: { query: `kernel=6.6&${RT_OPS}`, pauseAt: 9 * MS } },
        { ...at(ENTRY3, 'At 4 ms the grace period ends', 'KTHREAD_STOP', 4), run: LEAKED },
        { ...entry(ENTRY3, 'leaked', 'state', 'leaked'), run: LEAKED },
        { ...entry(ENTRY3, 'stays at refcnt 1', 'refcnt', 1), run: LEAKED },
        { says: 'the 146 frames in its ring', of: { of: 'ring', entry: ENTRY3, field: 'count' }, is: 146, run: LEAKED },
      ],
    },
    {
      title: 'v6.6: the update waits for the kthread',
      text: [
        "The same operations on v6.6. Since v6.5, `__cpu_map_entry_alloc` waits on a completion that the kthread signals on its first line, so the update does not return while the RT task holds CPU 3: the entry is still not in the map, and the delete, the same program's next syscall, has not been made.",
      ],
      query: `kernel=6.6&${RT_OPS}`,
      startAt: 1_900_000,
      pauseAt: 6 * MS,
      speed: 500_000,
      // The entry is made after the step's start: the CPU it will run on is highlighted.
      highlight: ['CPU 3'],
      inspect: ENTRY3,
      kernel: [fn('__cpu_map_entry_alloc', '6.6'), fn('cpu_map_kthread_run', '6.6')],
      claims: [
        entry(ENTRY3, 'the entry is still not in the map', 'state', 'starting'),
        entry(ENTRY3, 'the entry is still not in the map', 'inSlot', false),
      ],
    },
    {
      title: 'v6.6: then it returns, and the delete frees it',
      text: [
        'At 7 ms the RT task ends, the kthread runs and completes the wait: the update puts the entry in its slot and returns, and the delete follows at once. Nothing leaks: the kthread is running when `kthread_stop` comes.',
        'There is no refcount any more. The delete queues `__cpu_map_entry_free` with `queue_rcu_work`: after the grace period a kworker runs it, and it calls `kthread_stop`, which returns only once the kthread has drained the ring and exited; then it frees the entry. That happened at 8.008 ms.',
      ],
      query: `kernel=6.6&${RT_OPS}`,
      startAt: 6 * MS,
      pauseAt: 9 * MS,
      speed: 500_000,
      highlight: [ENTRY3],
      inspect: ENTRY3,
      kernel: [fn('__cpu_map_entry_replace', '6.6'), fn('__cpu_map_entry_free', '6.6'), ident('queue_rcu_work', '6.6', 'workqueue.c')],
      claims: [
        at(ENTRY3, 'At 7 ms the RT task ends, the kthread runs', 'KTHREAD_RUNNING', 7),
        at(ENTRY3, 'the delete follows at once', 'XCHG_OUT', 7),
        { ...at(ENTRY3, 'That happened at 8.008 ms', 'KTHREAD_EXIT', 8.008), within: 0.01 },
        entry(ENTRY3, 'frees the entry', 'state', 'freed'),
        { says: 'Nothing leaks', of: { of: 'ring', entry: ENTRY3, field: 'count' }, is: 0 },
      ],
    },
    {
      title: 'v6.6: deleting under load, without a refcount',
      text: [
        'Back to the first scenario, on v6.6: key 4 deleted at 20 ms under 4 Mpps. Before you run it: how many references does the entry hold while it waits for the grace period?',
        'None: the inspector shows no refcount. One work item does what the callback and the stop work did: at 21.005 ms a kworker runs `__cpu_map_entry_free`, the kthread drains and exits, and the entry is freed. `cpu_map_free` likewise stops and frees each entry in turn after its `synchronize_rcu`.',
      ],
      query: `kernel=6.6&${DELETE}`,
      startAt: 19_990_000,
      pauseAt: 22 * MS,
      speed: 500_000,
      highlight: [ENTRY4],
      inspect: ENTRY4,
      kernel: [fn('__cpu_map_entry_free', '6.6'), fn('cpu_map_free', '6.6')],
      predict: {
        kind: 'choice',
        when: 'before',
        question: 'On v6.6, how many references does the deleted entry hold while it waits for the grace period?',
        choices: [
          { label: 'Two, as on v6.1', fact: { of: { of: 'entry', entry: ENTRY4, field: 'refcnt' }, is: 2 } },
          { label: "One, the kthread's", fact: { of: { of: 'entry', entry: ENTRY4, field: 'refcnt' }, is: 1 } },
          {
            label: 'None: v6.6 has no refcount',
            fact: { of: { of: 'inspector', field: 'refcnt', element: ENTRY4 }, is: 'none (6.6+)' },
          },
        ],
        answer: 2,
        why: 'v6.6 removed the refcount: the only path to the free is the one rcu_work item, which stops the kthread and waits for it before freeing, so nothing needs counting.',
        where: { on: 'topology', element: ENTRY4 },
      },
      claims: [
        { says: 'deleted at 20 ms', of: { of: 'opAt', index: 0 }, is: 20, scale: MS },
        { says: 'under 4 Mpps', of: { of: 'scenario', field: 'rate' }, is: 4, scale: 1e6 },
        { says: 'the inspector shows no refcount', of: { of: 'inspector', field: 'refcnt' }, is: 'none (6.6+)' },
        { ...at(ENTRY4, 'at 21.005 ms a kworker runs', 'KTHREAD_STOP', 21.005), within: 0.01, run: FREED66 },
        { ...entry(ENTRY4, 'the entry is freed', 'state', 'freed'), run: FREED66 },
      ],
    },
  ],
};
