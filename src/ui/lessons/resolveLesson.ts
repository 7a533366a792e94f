/**
 * Which lesson and step a link names, or why it names none. Pure (no worker; the lessons are the
 * library's unless given), so the link tests can ask what the page will say about a lesson link.
 */
import type { Lesson, LessonStep } from '../../lessons/types';
import type { LinkModes } from '../url/linkState';
import { useLessonLibrary, type LessonLibrary } from './lessonLibrary';

export type ResolvedLesson = { lesson: Lesson; index: number; step: LessonStep } | { problem: string } | null;

/**
 * The step `modes` name (steps counted from 1), null when no lesson is followed or while the
 * lessons are still being fetched.
 */
export function resolveLesson(
  modes: Pick<LinkModes, 'lesson' | 'step'>,
  library: Pick<LessonLibrary, 'lessons' | 'failure'> = useLessonLibrary.getState(),
): ResolvedLesson {
  if (modes.lesson === null) return null;
  if (library.lessons === null) return library.failure === null ? null : { problem: library.failure };
  const lesson = library.lessons.find((l) => l.id === modes.lesson);
  if (lesson === undefined) return { problem: `There is no lesson "${modes.lesson}".` };
  const n = modes.step ?? 1;
  if (n > lesson.steps.length) return { problem: `Lesson "${lesson.title}" has ${lesson.steps.length} steps; there is no step ${n}.` };
  return { lesson, index: n - 1, step: lesson.steps[n - 1] };
}
