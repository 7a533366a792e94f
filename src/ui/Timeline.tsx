/**
 * The timeline under the topology: scrub to any simulated time this run has reached, or step
 * back. Going back restores the latest checkpoint before the chosen time and replays exactly; a
 * map operation done after going back forks the run (the note says what was discarded).
 */
import { useEffect, useRef, useState } from 'react';
import { useUi } from './store';
import { formatSimTime } from './format';

/** Keyboard steps across the whole timeline (arrow keys on the slider; Page keys move ten). */
const SLIDER_STEPS = 500;

/** Where a key on the slider goes, or null for a key it does not handle. */
export function keyTarget(key: string, value: number, furthest: number): number | null {
  const step = Math.max(1, Math.round(furthest / SLIDER_STEPS));
  const clamp = (t: number) => Math.min(furthest, Math.max(0, Math.round(t)));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(value - step);
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(value + step);
    case 'PageDown':
      return clamp(value - 10 * step);
    case 'PageUp':
      return clamp(value + 10 * step);
    case 'Home':
      return 0;
    case 'End':
      return furthest;
    default:
      return null;
  }
}

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
        // Any time can be chosen; the arrow keys move by a 500th of the timeline (onKeyDown).
        step="any"
        value={value}
        onKeyDown={(e) => {
          const to = keyTarget(e.key, value, furthest);
          if (to === null) return;
          e.preventDefault();
          request(to);
        }}
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
