/** Every lesson, in the order the lesson list shows them. */
import type { Lesson } from './types';
import { oneFrame } from './content/one-frame';
import { bulkQueues } from './content/bulk-queues';
import { ptrRing } from './content/ptr-ring';
import { kthreadSleep } from './content/kthread-sleep';
import { teardown } from './content/teardown';
import { v50v52 } from './content/v50-v52';
import { overload } from './content/overload';
import { sharedCpu } from './content/shared-cpu';
import { flushListLesson } from './content/flush-list';
import { remoteProg } from './content/remote-prog';
import { groLesson } from './content/gro';
import { teardownThenAndNowLesson } from './content/teardown-then-and-now';

export const LESSONS: readonly Lesson[] = [
  oneFrame,
  bulkQueues,
  ptrRing,
  kthreadSleep,
  teardown,
  v50v52,
  overload,
  sharedCpu,
  flushListLesson,
  remoteProg,
  groLesson,
  teardownThenAndNowLesson,
];

/** The lesson with `id`, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
