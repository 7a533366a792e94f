/** The lesson list in the header: choosing one starts it at its first step. */
import { LESSON_CATALOG } from '../../lessons/catalog';
import { useLink } from '../url/linkState';

export function LessonPicker() {
  const lesson = useLink((s) => s.modes.lesson);
  const setModes = useLink((s) => s.setModes);
  return (
    <label className="inline lesson-picker">
      Lesson{' '}
      <select
        value={lesson ?? ''}
        onChange={(e) => setModes(e.target.value === '' ? { lesson: null, step: null } : { lesson: e.target.value, step: 1 })}
      >
        <option value="">None (explore freely)</option>
        {LESSON_CATALOG.map((l) => (
          <option key={l.id} value={l.id}>
            {l.title}
          </option>
        ))}
      </select>
    </label>
  );
}
