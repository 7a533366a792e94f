/**
 * "Predict, then run": the reader types a guess, runs the step to its checkpoint, and sees the
 * run's answer (read from the statistics there) beside the guess.
 */
import { useState, useSyncExternalStore } from 'react';
import type { LessonStep, Prediction } from '../../lessons/types';
import { answerAt } from '../../lessons/answer';
import { feeds } from '../feeds';
import { useUi } from '../store';
import { runToCheckpoint } from './lessonState';
import { offBy } from './guess';

const subscribe = (fn: () => void) => feeds.subscribe(fn);
const version = () => feeds.version;

/** A number as the statistics table prints it. */
function shown(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: v < 100 ? 2 : 0 });
}

export function PredictBox({ step, predict }: { step: LessonStep; predict: Prediction }) {
  const [text, setText] = useState('');
  const [guess, setGuess] = useState<number | null>(null);
  const [error, setError] = useState('');
  // The answer shows once this step has been run to its checkpoint (not the previous step's run).
  const [ran, setRan] = useState(false);
  const simNs = useUi((s) => s.simNs);
  const running = useUi((s) => s.running);
  useSyncExternalStore(subscribe, version, version);
  const reached = ran && !running && simNs >= step.pauseAt;
  const answer = reached ? answerAt(feeds.stats, predict.answer, predict.windowNs, step.pauseAt) : null;

  const run = (withGuess: boolean) => {
    if (withGuess) {
      const value = Number(text.replace(/[,_\s]/g, ''));
      if (text.trim() === '' || !Number.isFinite(value)) {
        setError('Type a number, or run without a guess.');
        return;
      }
      setGuess(value);
    } else setGuess(null);
    setError('');
    setRan(true);
    runToCheckpoint(step);
  };

  return (
    <div className="predict" role="group" aria-label="Predict, then run">
      <p className="predict-question">{predict.question}</p>
      <div className="predict-row">
        <label>
          Your guess ({predict.unit}){' '}
          <input
            type="text"
            inputMode="decimal"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && run(true)}
            size={12}
          />
        </label>
        <button type="button" className="primary" onClick={() => run(true)}>
          Run to check
        </button>
        <button type="button" onClick={() => run(false)}>
          Run without a guess
        </button>
      </div>
      <div role="alert">{error === '' ? null : <p className="predict-error">{error}</p>}</div>
      <p role="status" className="predict-result">
        {answer === null
          ? ''
          : `The run: ${shown(answer)} ${predict.unit}.` +
            (guess === null ? '' : ` Your guess: ${shown(guess)} (${offBy(guess, answer)}).`)}
      </p>
    </div>
  );
}
