/**
 * The lessons' content (src/lessons), fetched when a lesson is first opened: before that the page
 * needs only the lesson list's titles (src/lessons/catalog.ts), and the first frame loads faster
 * without the rest.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Lesson } from '../../lessons/types';

export interface LessonLibrary {
  /** Every lesson, once fetched. */
  lessons: readonly Lesson[] | null;
  /** Why the fetch failed, if it did (it is tried again when a lesson is next opened). */
  failure: string | null;
}

export const useLessonLibrary = create<LessonLibrary>(() => ({ lessons: null, failure: null }));

let loading: Promise<void> | null = null;

/** Fetches the lessons' content (once); resolves when it is in the library or has failed. */
export function loadLessons(): Promise<void> {
  loading ??= import('../../lessons').then(
    ({ LESSONS }) => useLessonLibrary.setState({ lessons: LESSONS, failure: null }),
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
