/**
 * What opening a lesson fetches, as one file: every lesson's content, the lesson panel and the
 * step pane of an embedded lesson.
 */
import type { ReactNode } from 'react';
import { LessonPanel } from './LessonPanel';
import { EmbedLessonStep } from './EmbedLessonStep';
import type { Lesson } from '../../lessons/types';

export { LESSONS } from '../../lessons';

/** The lesson panel, as an element (the page holds it once fetched). */
export function lessonPanel(): ReactNode {
  return <LessonPanel />;
}

/** An embedded lesson's step pane, as an element. */
export function embedLessonStep(lesson: Lesson, index: number): ReactNode {
  return <EmbedLessonStep lesson={lesson} index={index} />;
}
