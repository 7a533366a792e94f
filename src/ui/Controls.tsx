/**
 * The simulation controls: play/pause, step (with its granularity), reset, the speed slider, the
 * simulated clock, and a note when the worker cannot keep up with the requested speed.
 */
import { useUi } from './store';
import { formatSimTime, nearestNotch, SPEED_NOTCHES, speedWords } from './format';
import type { StepUnit } from '../worker/protocol';
import { StepCaption } from './orient/StepCaption';

const STEP_UNITS: { unit: StepUnit; label: string }[] = [
  { unit: 'event', label: 'next event' },
  { unit: 'poll', label: 'next NAPI poll' },
  { unit: 'batch', label: 'next kthread batch' },
];

/** The control bar above the topology. */
export function Controls() {
  const running = useUi((s) => s.running);
  const togglePlay = useUi((s) => s.togglePlay);
  const step = useUi((s) => s.step);
  const reset = useUi((s) => s.reset);
  const stepUnit = useUi((s) => s.stepUnit);
  const set = useUi((s) => s.set);
  return (
    <section className="controls" aria-label="Simulation controls">
      <div className="control-group">
        <button type="button" className="primary play" onClick={togglePlay} aria-keyshortcuts="Space">
          <span aria-hidden="true" className="icon">
            {running ? '❚❚' : '▶'}
          </span>
          {running ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={step} aria-keyshortcuts=".">
          Step
        </button>
        <label className="inline">
          Step by{' '}
          <select value={stepUnit} onChange={(e) => set({ stepUnit: e.target.value as StepUnit })}>
            {STEP_UNITS.map((u) => (
              <option key={u.unit} value={u.unit}>
                {u.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={reset}>
          Reset
        </button>
      </div>
      <SpeedSlider />
      <SimClock />
      <BehindNote />
      <StepCaption />
    </section>
  );
}

/** Logarithmic speed slider: 1 ns per second up to real time, then "as fast as possible". */
function SpeedSlider() {
  const speed = useUi((s) => s.speed);
  const setSpeed = useUi((s) => s.setSpeed);
  const words = speedWords(speed);
  return (
    <div className="control-group speed">
      <label htmlFor="speed">Speed</label>
      <input
        id="speed"
        type="range"
        aria-label="Speed"
        min={0}
        max={SPEED_NOTCHES.length - 1}
        step={1}
        value={nearestNotch(speed)}
        aria-valuetext={words}
        aria-keyshortcuts="+ -"
        onChange={(e) => setSpeed(SPEED_NOTCHES[Number(e.target.value)])}
      />
      <span className="speed-words" aria-hidden="true">
        {words}
      </span>
    </div>
  );
}

/** The loaded run's simulated time. */
function SimClock() {
  return <ClockDisplay ns={useUi((s) => s.simNs)} />;
}

/** Simulated time; a timer role, so screen readers do not announce it 60 times a second. */
export function ClockDisplay({ ns }: { ns: number }) {
  return (
    <div className="control-group clock">
      <span className="clock-label" aria-hidden="true">
        t =
      </span>
      <span role="timer" aria-label="Simulated time" className="clock-value">
        {formatSimTime(ns)}
      </span>
    </div>
  );
}

/** Shown while the worker achieves less than the requested speed. */
function BehindNote() {
  const behind = useUi((s) => s.behind);
  const running = useUi((s) => s.running);
  const actual = useUi((s) => s.actualSpeed);
  const speed = useUi((s) => s.speed);
  if (!behind || !running) return null;
  return (
    <p className="behind-note">
      Running at {speedWords(actual)} — the worker cannot keep up with {speedWords(speed)}
    </p>
  );
}
