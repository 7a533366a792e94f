/**
 * The lessons' content (src/lessons), the lesson panel and the embedded step pane, fetched when a
 * lesson is first opened:
 * before that the page needs only the lesson list's titles (src/lessons/catalog.ts), and the first
 * frame loads faster without the rest.
 */
import { useEffect, type ReactNode } from 'react';
import { create } from 'zustand';
import type { Lesson } from '../../lessons/types';

export interface LessonLibrary {
  /** Every lesson, once fetched. */
  lessons: readonly Lesson[] | null;
  /** The lesson panel, fetched with them. */
  panel: (() => ReactNode) | null;
  /** An embedded lesson's step pane, fetched with them. */
  embedStep: ((lesson: Lesson, index: number) => ReactNode) | null;
  /** Why the fetch failed, if it did (it is tried again when a lesson is next opened). */
  failure: string | null;
}

export const useLessonLibrary = create<LessonLibrary>(() => ({ lessons: null, panel: null, embedStep: null, failure: null }));

let loading: Promise<void> | null = null;

/** Fetches the lessons' content (once); resolves when it is in the library or has failed. */
export function loadLessons(): Promise<void> {
  loading ??= import('./lessonBundle').then(
    ({ LESSONS, lessonPanel, embedLessonStep }) =>
      useLessonLibrary.setState({ lessons: LESSONS, panel: lessonPanel, embedStep: embedLessonStep, failure: null }),
    (e: unknown) => {
      loading = null;
      useLessonLibrary.setState({ failure: `The lessons could not be loaded (${e instanceof Error ? e.message : String(e)}).` });
    },
  );
  return loading;
}

/**
 * Fetches the content as soon as the link names a lesson, and renders again when it arrives (the
 * page reads it through resolveLesson).
 */
export function useLessonContent(lesson: string | null): void {
  useLessonLibrary((s) => s.lessons !== null || s.failure !== null);
  useEffect(() => {
    if (lesson !== null) void loadLessons();
  }, [lesson]);
}
