/** The statistics interval: a select of 10 µs to 1 s (1-2-5 steps) that tells the run's worker. */
import { useId } from 'react';
import { useStatsSource } from './statsSource';
import { INTERVALS, intervalLabel } from './intervals';

/** `current` is the worker's interval (simulated ns), as the last frame reported it. */
export function IntervalSelect({ current }: { current: number }) {
  const { setInterval } = useStatsSource();
  // A label beside (not around) the select, so its accessible name is just "Interval".
  const id = useId();
  // A value outside the choices (none today) still shows, rather than a silently wrong option.
  const options = INTERVALS.includes(current) ? INTERVALS : [...INTERVALS, current].sort((a, b) => a - b);
  return (
    <p className="stats-interval">
      <label htmlFor={id}>Interval</label>{' '}
      <select id={id} value={String(current)} onChange={(e) => setInterval(Number(e.target.value))}>
        {options.map((ns) => (
          <option key={ns} value={String(ns)}>
            {intervalLabel(ns)}
          </option>
        ))}
      </select>{' '}
      <span className="stats-current">one sample per {intervalLabel(current)} of simulated time</span>
    </p>
  );
}
