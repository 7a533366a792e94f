/**
 * A lesson step's question. A number question is "predict, then run": the reader types a guess
 * (read as the scenario form reads a rate: `2M`, `500k`), runs the step to its checkpoint, and sees
 * the run's answer (read from the statistics there) beside the guess. A multiple choice is asked
 * before the run (the step waits at its start) or at the checkpoint. Either way the feedback says
 * why, names where the page shows the answer, and highlights it there.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ChoiceQuestion, LessonStep, NumberQuestion, Question, ScreenPlace } from '../../lessons/types';
import { answerAt, statPlace } from '../../lessons/answer';
import { feeds } from '../feeds';
import { useUi } from '../store';
import { runToCheckpoint } from './lessonState';
import { offBy, parseGuess } from './guess';
import { placeText, pointAt, showPlace } from './pointer';

const subscribe = (fn: () => void) => feeds.subscribe(fn);
const version = () => feeds.version;

/** A number as the statistics table prints it. */
function shown(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: v < 100 ? 2 : 0 });
}

/** Whether this step has been run to its checkpoint since the reader asked (not the previous step's run). */
function useReached(step: LessonStep, ran: boolean): boolean {
  const simNs = useUi((s) => s.simNs);
  const running = useUi((s) => s.running);
  return ran && !running && simNs >= step.pauseAt;
}

/** The rates row's words while a question waits for its guess. */
const WITHHELD_REASON = 'kept back until you answer the question';

/**
 * While a question asked before the run waits, the rates row keeps back its measured figures: the
 * step starts after a warm-up, whose rates would give the answer away.
 */
function useWithholdRates(step: LessonStep, asked: boolean): void {
  // Played to the checkpoint some other way (Play), the step has shown its answer anyway.
  const before = useUi((s) => s.simNs < step.pauseAt);
  const waiting = asked && before;
  useEffect(() => {
    if (!waiting) return undefined;
    useUi.setState({ ratesWithheld: WITHHELD_REASON });
    return () => useUi.setState({ ratesWithheld: null });
  }, [waiting]);
}

/** Renders `code` spans of a sentence. */
function Words({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

/** Why the answer is what it is, and where the page shows it (highlighted there while the feedback shows). */
function Explanation({ why, where }: { why: string; where: ScreenPlace }) {
  useEffect(() => {
    pointAt(where);
    return () => pointAt(null);
  }, [where]);
  return (
    <>
      <p className="predict-why">
        <strong>Why:</strong> <Words text={why} />
      </p>
      <p className="predict-where">
        <strong>Where:</strong> see {placeText(where)}, highlighted.{' '}
        <button type="button" onClick={() => showPlace(where)}>
          Show me
        </button>
      </p>
    </>
  );
}

function NumberBox({ step, q }: { step: LessonStep; q: NumberQuestion }) {
  const [text, setText] = useState('');
  const [guess, setGuess] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [ran, setRan] = useState(false);
  useWithholdRates(step, !ran);
  useSyncExternalStore(subscribe, version, version);
  const reached = useReached(step, ran);
  const answer = reached ? answerAt(feeds.stats, q.answer, q.windowNs, step.pauseAt) : null;
  const where = useMemo(() => statPlace(q.answer), [q]);

  const run = (withGuess: boolean) => {
    if (withGuess) {
      const read = parseGuess(text);
      if ('problem' in read) {
        setError(read.problem);
        return;
      }
      setGuess(read.value);
    } else setGuess(null);
    setError('');
    setRan(true);
    runToCheckpoint(step);
  };

  return (
    <div className="predict" role="group" aria-label="Predict, then run">
      <p className="predict-question">{q.question}</p>
      <div className="predict-row">
        <label>
          Your guess ({q.unit}){' '}
          <input
            type="text"
            inputMode="decimal"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && run(true)}
            size={12}
            placeholder="e.g. 2M"
            aria-describedby="predict-hint"
          />
        </label>
        <button type="button" className="primary" onClick={() => run(true)}>
          Run to check
        </button>
        <button type="button" onClick={() => run(false)}>
          Run without a guess
        </button>
      </div>
      <p id="predict-hint" className="predict-hint">
        Write numbers as the Rate field does: 2M, 500k, 3,180,074 or 2.4.
      </p>
      <div role="alert">{error === '' ? null : <p className="predict-error">{error}</p>}</div>
      <div role="status" className="predict-result">
        {answer === null ? null : (
          <>
            <p>
              {`The run: ${shown(answer)} ${q.unit}.` + (guess === null ? '' : ` Your guess: ${shown(guess)} (${offBy(guess, answer)}).`)}
            </p>
            <Explanation why={q.why} where={where} />
          </>
        )}
      </div>
    </div>
  );
}

function ChoiceBox({ step, q }: { step: LessonStep; q: ChoiceQuestion }) {
  const [picked, setPicked] = useState<number | null>(null);
  const [answered, setAnswered] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [ran, setRan] = useState(false);
  const reached = useReached(step, ran);
  const before = q.when === 'before';
  useWithholdRates(step, before && !ran);
  const feedback = answered !== null && (!before || reached);
  const name = `choice-${step.pauseAt}`;

  const submit = () => {
    if (picked === null) {
      setError('Pick one of the answers first.');
      return;
    }
    setError('');
    setAnswered(picked);
    if (before) {
      setRan(true);
      runToCheckpoint(step);
    }
  };

  return (
    <div className="predict" role="group" aria-label={before ? 'Predict, then run' : 'Question'}>
      <fieldset className="predict-choices">
        <legend className="predict-question">{q.question}</legend>
        <div role="radiogroup" aria-label={q.question}>
          {q.choices.map((c, i) => (
            <label key={c.label} className="predict-choice">
              <input
                type="radio"
                name={name}
                checked={picked === i}
                onChange={() => setPicked(i)}
                onKeyDown={(e) => e.key === 'Enter' && submit()}
              />{' '}
              {c.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="predict-row">
        <button type="button" className="primary" onClick={submit}>
          {before ? 'Answer and run' : 'Check my answer'}
        </button>
      </div>
      <div role="alert">{error === '' ? null : <p className="predict-error">{error}</p>}</div>
      <div role="status" className="predict-result">
        {!feedback || answered === null ? null : (
          <>
            <p>
              {answered === q.answer ? 'Right: ' : `Not quite. You chose “${q.choices[answered].label}”; the answer is `}
              {`“${q.choices[q.answer].label}”.`}
            </p>
            <Explanation why={q.why} where={q.where} />
          </>
        )}
      </div>
    </div>
  );
}

export function PredictBox({ step, predict }: { step: LessonStep; predict: Question }) {
  return predict.kind === 'choice' ? <ChoiceBox step={step} q={predict} /> : <NumberBox step={step} q={predict} />;
}
