/**
 * Which lesson and step a link names, or why it names none. Pure (no store, no worker), so the
 * link tests can ask what the page will say about a lesson link.
 */
import { lessonById } from '../../lessons';
import type { Lesson, LessonStep } from '../../lessons/types';
import type { LinkModes } from '../url/linkState';

export type ResolvedLesson = { lesson: Lesson; index: number; step: LessonStep } | { problem: string } | null;

/** The step `modes` name (steps counted from 1), null when no lesson is followed. */
export function resolveLesson(modes: Pick<LinkModes, 'lesson' | 'step'>): ResolvedLesson {
  if (modes.lesson === null) return null;
  const lesson = lessonById(modes.lesson);
  if (lesson === undefined) return { problem: `There is no lesson "${modes.lesson}".` };
  const n = modes.step ?? 1;
  if (n > lesson.steps.length) return { problem: `Lesson "${lesson.title}" has ${lesson.steps.length} steps; there is no step ${n}.` };
  return { lesson, index: n - 1, step: lesson.steps[n - 1] };
}
