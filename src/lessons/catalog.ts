/**
 * The lessons' ids and titles, in the order the lesson list shows them: all the page
 * needs before a lesson is opened (their content, src/lessons/index.ts, is fetched then). A test
 * keeps it equal to the content's own.
 */
export interface LessonEntry {
  id: string;
  title: string;
}

export const LESSON_CATALOG: readonly LessonEntry[] = [
  {
    id: 'one-frame',
    title: 'The path of one frame',
  },
  {
    id: 'bulk-queues',
    title: 'Bulk queues of 8',
  },
  {
    id: 'ptr-ring',
    title: 'The ptr_ring and its batched NULLing',
  },
  {
    id: 'kthread-sleep',
    title: "The kthread's sleep and wake-up",
  },
  {
    id: 'teardown',
    title: 'Teardown under load: RCU and refcounts',
  },
  {
    id: 'v50-v52',
    title: 'v5.0 against v5.2: the 2019 bulk optimizations',
  },
  {
    id: 'overload',
    title: 'Overload: when the ring is always full',
  },
  {
    id: 'shared-cpu',
    title: 'An RX CPU that is also a target',
  },
  {
    id: 'flush-list',
    title: 'The flush list against the bitmap',
  },
  {
    id: 'remote-prog',
    title: 'A program on the remote CPU',
  },
  {
    id: 'gro',
    title: 'GRO in the kthread',
  },
  {
    id: 'teardown-then-and-now',
    title: 'Teardown then and now',
  },
];
