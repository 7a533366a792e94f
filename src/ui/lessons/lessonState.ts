/**
 * The lesson the link follows (resolveLesson.ts says which step, or why none). And what entering a
 * step does: load its scenario (from its start time), highlight its elements, and, unless it asks
 * for a prediction first, play to its checkpoint and pause there.
 */
import { asksFirst, type LessonStep } from '../../lessons/types';
import { useUi } from '../store';
import { afterLastLoad } from '../workerClient';

/** Loads `step`'s scenario paused at its start, highlights its elements, and plays to the checkpoint unless it asks for a prediction. */
export function enterStep(step: LessonStep): void {
  const ui = useUi.getState();
  ui.send({ type: 'pause' });
  ui.setSpeed(step.speed);
  useUi.setState({ running: false, highlight: step.highlight, pendingInspect: null });
  ui.send(step.startAt ? { type: 'load', query: step.query, startNs: step.startAt } : { type: 'load', query: step.query });
  // The element to inspect belongs to the step's scenario: ask for it once that has loaded (a
  // load clears the selection, and an earlier scenario may have an element of the same name).
  const inspect = step.inspect;
  if (inspect !== undefined) afterLastLoad(() => useUi.setState({ pendingInspect: inspect }));
  if (!asksFirst(step.predict)) runToCheckpoint(step);
}

/** Plays to the step's checkpoint, where the worker pauses by itself. */
export function runToCheckpoint(step: LessonStep): void {
  useUi.setState({ running: true });
  useUi.getState().send({ type: 'play', until: step.pauseAt });
}
