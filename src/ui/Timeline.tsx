/**
 * The timeline under the topology: scrub to any simulated time this run has reached, or step
 * back. Going back restores the latest checkpoint before the chosen time and replays exactly; a
 * map operation done after going back forks the run (the note says what was discarded).
 */
import { useEffect, useRef, useState } from 'react';
import { useUi } from './store';
import { formatSimTime } from './format';

/** Keyboard steps across the whole timeline (arrow keys on the slider). */
const SLIDER_STEPS = 500;

export function Timeline() {
  const simNs = useUi((s) => s.simNs);
  const furthest = useUi((s) => s.furthestNs);
  const seeks = useUi((s) => s.seeks);
  const lastSeekMs = useUi((s) => s.lastSeekMs);
  const forkNote = useUi((s) => s.forkNote);
  const stepBack = useUi((s) => s.stepBack);
  const seek = useUi((s) => s.seek);
  // While dragging, the thumb follows the pointer; one seek at a time goes to the worker.
  const [scrub, setScrub] = useState<number | null>(null);
  const inFlight = useRef(false);
  const pending = useRef<number | null>(null);

  useEffect(() => {
    inFlight.current = false;
    const next = pending.current;
    if (next === null) return;
    pending.current = null;
    inFlight.current = true;
    seek(next);
  }, [seeks, seek]);

  const request = (t: number) => {
    setScrub(t);
    if (inFlight.current) {
      pending.current = t;
      return;
    }
    inFlight.current = true;
    seek(t);
  };
  const release = () => setScrub(null);

  const value = scrub ?? Math.min(simNs, furthest);
  return (
    <section className="timeline" aria-label="Timeline">
      <button type="button" onClick={stepBack} aria-keyshortcuts="," disabled={simNs <= 0}>
        Step back
      </button>
      <input
        type="range"
        className="timeline-slider"
        aria-label="Go to simulated time"
        min={0}
        max={Math.max(furthest, 1)}
        step={Math.max(1, Math.round(furthest / SLIDER_STEPS))}
        value={value}
        aria-valuetext={formatSimTime(value)}
        onChange={(e) => request(Number(e.target.value))}
        onPointerUp={release}
        onBlur={release}
      />
      <span className="timeline-end" title="The furthest simulated time this run has reached">
        of {formatSimTime(furthest)}
      </span>
      {lastSeekMs !== null && <span className="timeline-cost">went back in {Math.round(lastSeekMs)} ms</span>}
      <p role="status" className="fork-note">
        {forkNote}
      </p>
    </section>
  );
}
