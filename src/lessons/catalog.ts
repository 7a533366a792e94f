/**
 * The lessons' ids, titles and summaries, in the order the lesson list shows them: all the page
 * needs before a lesson is opened (their content, src/lessons/index.ts, is fetched then). A test
 * keeps it equal to the content's own.
 */
export interface LessonEntry {
  id: string;
  title: string;
  summary: string;
}

export const LESSON_CATALOG: readonly LessonEntry[] = [
  {
    id: 'one-frame',
    title: 'The path of one frame',
    summary:
      'How one frame goes from a NIC queue on one CPU, through the XDP program, a bulk queue and a ptr_ring, to a kthread that builds an SKB and hands it to the stack on another CPU.',
  },
  {
    id: 'bulk-queues',
    title: 'Bulk queues of 8',
    summary:
      "Why an RX CPU gathers redirected frames 8 at a time before touching the remote CPU's ring, and how the load, through the NIC's interrupt moderation, decides how full those bulks are.",
  },
  {
    id: 'ptr-ring',
    title: 'The ptr_ring and its batched NULLing',
    summary:
      'How the ring between an RX CPU and a kthread refuses frames: why a small ring drops even when the kthread has time to spare, and why it can refuse with free slots left.',
  },
  {
    id: 'kthread-sleep',
    title: "The kthread's sleep and wake-up",
    summary:
      'When the cpumap kthread sleeps, who wakes it, and how it goes to sleep without missing a frame that arrives at the same moment.',
  },
  {
    id: 'teardown',
    title: 'Teardown under load: RCU and refcounts',
    summary:
      'What happens, in order, when an entry is deleted or replaced while frames are on their way to it: why none of those frames is lost, and why the frames redirected to an emptied slot are.',
  },
  {
    id: 'v50-v52',
    title: 'v5.0 against v5.2: the 2019 bulk optimizations',
    summary:
      'What each of the four patches of the April 2019 series did to the kthread, replaying the measurements of its cover letter one step at a time.',
  },
  {
    id: 'overload',
    title: 'Overload: when the ring is always full',
    summary:
      'What the counters look like when one kthread receives far more than it can process, replaying the xdp_redirect_cpu output published with the 2019 series.',
  },
  {
    id: 'shared-cpu',
    title: 'An RX CPU that is also a target',
    summary:
      'What happens when the CPU that receives the traffic also runs a cpumap kthread: softirq first, then ksoftirqd and the kthread sharing the CPU.',
  },
  {
    id: 'flush-list',
    title: 'The flush list against the bitmap',
    summary:
      'How v5.3 changed the way an RX CPU remembers which bulk queues to flush, from a bitmap of map keys to a list of bulk queues, and why a delete in the middle of a poll then no longer leaves a bit that keeps a map from being freed.',
  },
];
