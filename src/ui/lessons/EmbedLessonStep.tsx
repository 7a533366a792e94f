/**
 * A lesson step inside an iframe (`embed=1`): the step's heading, its text, its question and the
 * way to the previous and next steps, beside the topology. Only the text scrolls (in its own
 * area), so the question and the buttons stay in the frame however long the step is; moving
 * between steps changes the frame's own address, as on the full page.
 */
import type { Lesson } from '../../lessons/types';
import { useLink } from '../url/linkState';
import { Paragraph } from './LessonPanel';
import { PredictBox } from './PredictBox';
import './embedLesson.css';

export function EmbedLessonStep({ lesson, index }: { lesson: Lesson; index: number }) {
  const setModes = useLink((s) => s.setModes);
  const step = lesson.steps[index];
  const count = lesson.steps.length;
  const go = (n: number) => setModes({ step: n + 1 });
  return (
    <section className="embed-lesson" aria-label="Lesson">
      <p className="lesson-kicker">
        {lesson.title} · step {index + 1} of {count}
      </p>
      <h2>{step.title}</h2>
      {/* Focusable, so the keyboard can scroll a long text too. */}
      <div className="embed-lesson-text" role="region" aria-label="Step text" tabIndex={0}>
        {step.text.map((t, i) => (
          <Paragraph key={i} text={t} />
        ))}
      </div>
      {step.predict !== undefined && <PredictBox key={`${lesson.id}:${index}`} step={step} predict={step.predict} />}
      <div className="embed-lesson-nav">
        <button type="button" onClick={() => go(index - 1)} disabled={index === 0} aria-keyshortcuts="ArrowLeft">
          Previous step
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => go(index + 1)}
          disabled={index === count - 1}
          aria-keyshortcuts="ArrowRight"
        >
          Next step
        </button>
      </div>
    </section>
  );
}
