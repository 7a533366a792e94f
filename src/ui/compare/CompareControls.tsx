/**
 * The pair's controls: play/pause, step (by a chosen simulated span), reset, the speed slider,
 * the shared simulated time, and a note when the runs cannot keep up with the speed.
 */
import { nearestNotch, SPEED_NOTCHES, speedWords } from '../format';
import { ClockDisplay } from '../Controls';
import type { PairRunner } from './pairRunner';
import { usePair } from './usePair';

const STEPS: { ns: number; label: string }[] = [
  { ns: 1e4, label: '10 µs' },
  { ns: 1e5, label: '100 µs' },
  { ns: 1e6, label: '1 ms (one interval)' },
];

export function CompareControls({ runner }: { runner: PairRunner }) {
  const playing = usePair(runner, (s) => s.playing);
  const stepNs = usePair(runner, (s) => s.stepNs);
  const speed = usePair(runner, (s) => s.speed);
  const sharedNs = usePair(runner, (s) => s.sharedNs);
  const behind = usePair(runner, (s) => s.behind);
  const words = speedWords(speed);
  return (
    <section className="controls" aria-label="Simulation controls">
      <div className="control-group">
        <button type="button" className="primary play" onClick={() => runner.togglePlay()} aria-keyshortcuts="Space">
          <span aria-hidden="true" className="icon">
            {playing ? '❚❚' : '▶'}
          </span>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={() => runner.step()} aria-keyshortcuts=".">
          Step
        </button>
        <label className="inline">
          Step by{' '}
          <select value={stepNs} onChange={(e) => runner.setStep(Number(e.target.value))}>
            {STEPS.map((s) => (
              <option key={s.ns} value={s.ns}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => runner.reset()}>
          Reset
        </button>
      </div>
      <div className="control-group speed">
        <label htmlFor="compare-speed">Speed</label>
        <input
          id="compare-speed"
          type="range"
          min={0}
          max={SPEED_NOTCHES.length - 1}
          step={1}
          value={nearestNotch(speed)}
          aria-valuetext={words}
          aria-keyshortcuts="+ -"
          onChange={(e) => runner.setSpeed(SPEED_NOTCHES[Number(e.target.value)])}
        />
        <span className="speed-words" aria-hidden="true">
          {words}
        </span>
      </div>
      <ClockDisplay ns={sharedNs} />
      {behind && playing ? <p className="behind-note">The runs cannot keep up with {words}: the slower one sets the pace</p> : null}
    </section>
  );
}
