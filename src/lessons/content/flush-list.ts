import type { Claim, Lesson } from '../types';
import { fn, MS } from './refs';

/** Two RX queues hash 4 Mpps over CPUs 4 and 5; key 4 is deleted in the middle of CPU 1's poll. */
const DELETE = 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=20003us:delete:4';
const V52 = `kernel=5.2&${DELETE}`;
const V54 = `kernel=5.4&${DELETE}`;
/** The same, and the map is freed (the program detached) 5 ms after the delete. */
const FREE52 = `${V52},25ms:free`;
const FREE54 = `${V54},25ms:free`;

const ENTRY = 'Entry for CPU 4';
/** Step 3's checkpoint, for the claims about the end of the poll (not true yet where the step waits for the answer). */
const AFTER = { pauseAt: 20_010_000 };
const OTHER = 'Entry for CPU 5';
const BULKQ = 'Bulk queue CPU 1 to CPU 4';
const bulkq = (says: string, is: number): Claim => ({ says, of: { of: 'bulkq', name: BULKQ }, is });
const flushList = (says: string, is: string): Claim => ({ says, of: { of: 'inspector', field: 'flush list', element: 'CPU 1' }, is });

export const flushListLesson: Lesson = {
  id: 'flush-list',
  title: 'The flush list against the bitmap',
  summary:
    'How v5.3 changed the way an RX CPU remembers which bulk queues to flush, from a bitmap of map keys to a list of bulk queues, and why a delete in the middle of a poll then no longer leaves a bit that keeps a map from being freed.',
  steps: [
    {
      title: 'A bitmap of keys, a list of bulk queues',
      text: [
        "Two RX queues, on CPUs 0 and 1, hash 4 Mpps over the entries for CPUs 4 and 5, on kernel v5.4. CPU 1 is in the middle of a NAPI poll and has put 7 frames into its bulk queue for CPU 4. Each redirected frame goes through `bq_enqueue`, which, from v5.3 on, puts the bulk queue on CPU 1's flush list if it is not there yet: the list holds the bulk queue for CPU 5, then the one for CPU 4 (the newest first, as `__cpu_map_flush` will walk it).",
        "On v5.2 the same moment looks different: `__cpu_map_insert_ctx` set bit 4 and bit 5 in CPU 1's `flush_needed` bitmap, one bit per map key, and the flush will look each key up in the map to find its bulk queue.",
      ],
      query: V54,
      startAt: 19_990_000,
      pauseAt: 20_002_900,
      speed: 5_000,
      highlight: ['CPU 1', BULKQ],
      inspect: 'CPU 1',
      kernel: [fn('bq_enqueue', '5.4'), fn('__cpu_map_flush', '5.4')],
      claims: [
        { says: 'hash 4 Mpps', of: { of: 'scenario', field: 'rate' }, is: 4, scale: 1e6 },
        { says: 'in the middle of a NAPI poll', of: { of: 'cpu', cpu: 1, field: 'inPoll' }, is: true },
        bulkq('has put 7 frames', 7),
        flushList('the list holds the bulk queue for CPU 5, then the one for CPU 4', 'bulk queue for CPU 5, bulk queue for CPU 4'),
        { says: 'set bit 4 and bit 5', of: { of: 'flushNeeded', cpu: 1 }, is: '4,5', run: { query: V52 } },
      ],
    },
    {
      title: 'v5.2: the delete leaves a bit set',
      text: [
        "At 20.003 ms user space deletes key 4, while CPU 1's poll still runs. On v5.2, `__cpu_map_flush` at the end of that poll reads slot 4, finds it empty and skips it: the 7 frames stay in the old entry's bulk queue until the RCU callback `__cpu_map_entry_free` flushes them, and bit 4 stays set in CPU 1's bitmap, because only a flush that finds an entry clears it.",
      ],
      query: V52,
      startAt: 20_002_900,
      pauseAt: 20_010_000,
      speed: 2_000,
      highlight: ['CPU 1', BULKQ],
      inspect: BULKQ,
      kernel: [fn('__cpu_map_flush', '5.2'), fn('__cpu_map_entry_free', '5.2')],
      claims: [
        { says: 'At 20.003 ms', of: { of: 'opAt', index: 0 }, is: 20.003, scale: 1e6 },
        { says: 'deletes key 4', of: { of: 'entry', entry: ENTRY, field: 'inSlot' }, is: false },
        { says: 'at the end of that poll', of: { of: 'cpu', cpu: 1, field: 'inPoll' }, is: false },
        bulkq('the 7 frames stay', 7),
        { says: 'bit 4 stays set', of: { of: 'flushNeeded', cpu: 1 }, is: '4' },
      ],
    },
    {
      title: 'v5.4: the poll flushes the old bulk queue',
      text: [
        "The same delete at the same moment on v5.4. Before you run it: where will CPU 1's 7 frames for CPU 4 be once the poll has ended?",
        "`__cpu_map_flush` walks the list, not the map: each bulk queue knows its entry, so the old entry's bulk queue is flushed into the old entry's ring like any other and its kthread is woken. Flushing takes the bulk queue off the list, so CPU 1's flush list is empty again: nothing is left marked.",
      ],
      query: V54,
      startAt: 20_002_900,
      pauseAt: 20_010_000,
      speed: 2_000,
      highlight: ['CPU 1', BULKQ, ENTRY],
      inspect: 'CPU 1',
      kernel: [fn('__cpu_map_flush', '5.4'), fn('bq_flush_to_queue', '5.4')],
      predict: {
        kind: 'choice',
        when: 'before',
        question:
          "Here key 4 is deleted while CPU 1's bulk queue for CPU 4 holds 7 frames. On v5.4, where are those frames once the poll has ended?",
        choices: [
          {
            label: "Still in the bulk queue, until the grace period's callback flushes them (as on v5.2)",
            fact: { of: { of: 'bulkq', name: BULKQ }, is: 7 },
          },
          {
            label: "In the old entry's ring: the poll's flush found the bulk queue on its list",
            fact: { of: { of: 'bulkq', name: BULKQ }, is: 0 },
          },
          {
            label: 'Lost as redirect errors, since the slot is empty',
            fact: { of: { of: 'frames', field: 'redirectErr', since: 'start' }, is: 31 },
          },
        ],
        answer: 1,
        why: "The frames were already in a bulk queue when the slot was emptied, and on v5.4 the end-of-poll flush reaches that bulk queue through the flush list, without reading the slot. They go into the old entry's ring at once and its kthread processes them; only the frames redirected to key 4 after the delete are redirect errors.",
        where: { on: 'topology', element: BULKQ },
      },
      claims: [
        { ...bulkq("CPU 1's 7 frames for CPU 4", 7), run: { step: 1 } },
        { ...bulkq('holds 7 frames', 7), run: { step: 1 } },
        { says: 'the poll has ended', of: { of: 'cpu', cpu: 1, field: 'inPoll' }, is: false, run: AFTER },
        { says: "flushed into the old entry's ring", of: { of: 'bulkq', name: BULKQ }, is: 0, run: AFTER },
        { says: 'its kthread is woken', of: { of: 'kthread', entry: ENTRY, field: 'shown' }, is: 'sleeping', run: AFTER },
        { says: 'its kthread is woken', of: { of: 'ring', entry: ENTRY, field: 'count' }, is: 0, run: AFTER },
        { ...flushList("CPU 1's flush list is empty again", 'empty'), run: AFTER },
        { says: 'nothing is left marked', of: { of: 'flushNeeded', cpu: 1 }, is: '', run: AFTER },
      ],
    },
    {
      title: 'Freeing the map: stuck on v5.2, done on v5.4',
      text: [
        "At 25 ms the program is detached and the map's last reference goes. `cpu_map_free` waits for an RCU grace period, then for every CPU's record of pending flushes to be empty, and only then empties the slots. On v5.4 the flush lists are empty, so the free goes on and tears down the entry for CPU 5 too.",
        'On v5.2 the wait is on the bitmaps, and bit 4 of CPU 1 is never cleared: the program is gone, so no poll will ever flush slot 4 again. `cpu_map_free` waits for ever, and the entry for CPU 5, its ring and its kthread, stay. v5.6 later removed the wait altogether, once the grace period itself guaranteed that every poll had flushed.',
      ],
      query: FREE54,
      startAt: 24_000_000,
      pauseAt: 30 * MS,
      speed: 1_000_000,
      highlight: [OTHER],
      inspect: OTHER,
      kernel: [fn('cpu_map_free', '5.4')],
      claims: [
        { says: 'At 25 ms', of: { of: 'opAt', index: 1 }, is: 25, scale: 1e6 },
        { says: 'tears down the entry for CPU 5 too', of: { of: 'entry', entry: OTHER, field: 'state' }, is: 'freed' },
        { says: 'bit 4 of CPU 1 is never cleared', of: { of: 'flushNeeded', cpu: 1 }, is: '4', run: { query: FREE52 } },
        {
          says: 'the entry for CPU 5, its ring and its kthread, stay',
          of: { of: 'entry', entry: OTHER, field: 'state' },
          is: 'live',
          run: { query: FREE52 },
        },
      ],
    },
  ],
};
