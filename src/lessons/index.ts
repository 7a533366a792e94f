/** Every lesson, in the order the lesson list shows them. */
import type { Lesson } from './types';

export const LESSONS: readonly Lesson[] = [];

/** The lesson with `id`, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
