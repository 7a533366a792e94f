/**
 * The lesson being followed, beside the topology: the step's text, its kernel links, a
 * "predict, then run" question when it has one, and the way between steps (buttons, the arrow
 * keys); useLessonRunner enters the steps. A reader who changes the scenario or does map
 * operations has left the script; "Back to this step" returns.
 */
import { useUi } from '../store';
import { useLink } from '../url/linkState';
import { formatSimTime } from '../format';
import { enterStep } from './lessonState';
import { sameScenario } from '../scenarioQuery';
import { resolveLesson } from './resolveLesson';
import { PredictBox } from './PredictBox';
import { LessonOutline } from './LessonOutline';
import { LESSONS } from '../../lessons';

/** Renders `code` spans of a lesson paragraph. */
export function Paragraph({ text }: { text: string }) {
  const parts = text.split('`');
  return <p>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</p>;
}

export function LessonPanel() {
  const modes = useLink((s) => s.modes);
  const setModes = useLink((s) => s.setModes);
  const manualOps = useLink((s) => s.manualOps);
  const query = useUi((s) => s.query);
  const simNs = useUi((s) => s.simNs);
  const running = useUi((s) => s.running);
  const resolved = resolveLesson(modes);

  if (resolved === null) return null;
  if ('problem' in resolved) {
    return (
      <section className="lesson" aria-label="Lesson">
        <p role="alert">{resolved.problem}</p>
        <button type="button" onClick={() => setModes({ lesson: null, step: null })}>
          Close
        </button>
      </section>
    );
  }
  const { lesson, index } = resolved;
  const s = resolved.step;
  const count = lesson.steps.length;
  const offScript = query !== '' && (!sameScenario(query, s.query) || manualOps.length > 0);
  const go = (n: number) => setModes({ step: n + 1 });
  const backToLessons = () => {
    setModes({ lesson: null, step: null });
    document.querySelector<HTMLSelectElement>('.lesson-picker select')?.focus();
  };
  // At the last step, the way on is the next lesson in the list's order.
  const nextLesson = LESSONS[LESSONS.findIndex((l) => l.id === lesson.id) + 1];
  const atCheckpoint = !running && simNs >= s.pauseAt && !offScript;
  return (
    <section className="lesson" aria-label="Lesson">
      <p className="lesson-kicker">
        Lesson: {lesson.title} · step {index + 1} of {count}
      </p>
      <LessonOutline lesson={lesson} index={index} />
      <h2>{s.title}</h2>
      {s.text.map((t, i) => (
        <Paragraph key={i} text={t} />
      ))}
      {s.kernel.length > 0 && (
        <ul className="lesson-kernel" aria-label="Kernel source for this step">
          {s.kernel.map((k) => (
            <li key={k.url}>
              <a href={k.url} target="_blank" rel="noreferrer">
                {k.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      {s.predict !== undefined && !offScript && <PredictBox key={`${lesson.id}:${index}`} step={s} predict={s.predict} />}
      <p className="lesson-state" role="status">
        {offScript
          ? 'You have left the script: the scenario or its map operations differ from this step.'
          : atCheckpoint
            ? `Paused at this step's checkpoint, ${formatSimTime(s.pauseAt)}. Explore, or go on.`
            : ''}
      </p>
      <div className="lesson-nav">
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0} aria-keyshortcuts="ArrowLeft">
          Previous step
        </button>
        {index < count - 1 ? (
          <button type="button" className="primary" onClick={() => go(index + 1)} aria-keyshortcuts="ArrowRight">
            Next step
          </button>
        ) : nextLesson !== undefined ? (
          <button type="button" className="primary" onClick={() => setModes({ lesson: nextLesson.id, step: 1 })}>
            Next lesson: {nextLesson.title}
          </button>
        ) : (
          <button type="button" className="primary" onClick={backToLessons}>
            Back to lessons
          </button>
        )}
        <button type="button" onClick={() => enterStep(s)}>
          {offScript ? 'Back to this step' : 'Replay this step'}
        </button>
        <button type="button" onClick={() => setModes({ lesson: null, step: null })}>
          Leave the lesson
        </button>
      </div>
    </section>
  );
}
