/**
 * The lesson panel, fetched when a lesson is first opened (with the lessons' content, see
 * lessonLibrary.ts): without one it shows nothing, so the first frame of a plain visit does not
 * need it.
 */
import { lazy, Suspense } from 'react';
import { useLink } from '../url/linkState';

const Loaded = lazy(() => import('./LessonPanel').then((m) => ({ default: m.LessonPanel })));

export function LessonPanel() {
  const open = useLink((s) => s.modes.lesson !== null);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <Loaded />
    </Suspense>
  );
}
