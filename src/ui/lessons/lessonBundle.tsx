/** What opening a lesson fetches, as one file: every lesson's content and the lesson panel. */
import type { ReactNode } from 'react';
import { LessonPanel } from './LessonPanel';

export { LESSONS } from '../../lessons';

/** The lesson panel, as an element (the page holds it once fetched). */
export function lessonPanel(): ReactNode {
  return <LessonPanel />;
}
