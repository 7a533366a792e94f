/**
 * A lesson's steps as a list of links, the current one marked: a disclosure in the lesson pane, so
 * a teacher can jump to any step. Each link is the step's own bare lesson link (it stands on its
 * own); clicking it moves the page there without a reload.
 */
import type { Lesson } from '../../lessons/types';
import { useLink } from '../url/linkState';

export function LessonOutline({ lesson, index }: { lesson: Lesson; index: number }) {
  const setModes = useLink((s) => s.setModes);
  return (
    <details className="lesson-outline">
      <summary>
        Steps ({index + 1} of {lesson.steps.length})
      </summary>
      <nav aria-label="Lesson outline">
        <ol>
          {lesson.steps.map((s, i) => (
            <li key={i}>
              <a
                href={`?lesson=${lesson.id}&step=${i + 1}`}
                aria-current={i === index ? 'step' : undefined}
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  setModes({ step: i + 1 });
                }}
              >
                {s.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
    </details>
  );
}
