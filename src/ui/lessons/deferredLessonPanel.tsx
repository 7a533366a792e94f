/**
 * The lesson panel, once fetched with the lessons' content (lessonLibrary.ts): without a lesson it
 * shows nothing, so a plain visit's first frame does not need it, and a lesson link fetches both
 * before the page's first render. If the fetch failed, it says so in the panel's place.
 */
import { useLink } from '../url/linkState';
import { useLessonLibrary } from './lessonLibrary';

export function LessonPanel() {
  const open = useLink((s) => s.modes.lesson !== null);
  const setModes = useLink((s) => s.setModes);
  const panel = useLessonLibrary((s) => s.panel);
  const failure = useLessonLibrary((s) => s.failure);
  if (!open) return null;
  if (panel !== null) return panel();
  if (failure === null) return null;
  return (
    <section className="lesson" aria-label="Lesson">
      <p role="alert">{failure}</p>
      <button type="button" onClick={() => setModes({ lesson: null, step: null })}>
        Close
      </button>
    </section>
  );
}
