/**
 * The lesson the link follows, resolved: which lesson and step, or why not. And what entering a
 * step does: load its scenario (from its start time), highlight its elements, and, unless it asks
 * for a prediction first, play to its checkpoint and pause there.
 */
import { lessonById } from '../../lessons';
import type { Lesson, LessonStep } from '../../lessons/types';
import { useUi } from '../store';
import { afterLastLoad } from '../workerClient';
import { linkScenarioQuery } from '../url/linkQuery';
import type { LinkModes } from '../url/linkState';

export type ResolvedLesson = { lesson: Lesson; index: number; step: LessonStep } | { problem: string } | null;

/** The step `modes` name (steps counted from 1), null when no lesson is followed. */
export function resolveLesson(modes: Pick<LinkModes, 'lesson' | 'step'>): ResolvedLesson {
  if (modes.lesson === null) return null;
  const lesson = lessonById(modes.lesson);
  if (lesson === undefined) return { problem: `There is no lesson "${modes.lesson}".` };
  const n = modes.step ?? 1;
  if (n > lesson.steps.length) return { problem: `Lesson "${lesson.title}" has ${lesson.steps.length} steps; there is no step ${n}.` };
  return { lesson, index: n - 1, step: lesson.steps[n - 1] };
}

/** A scenario query in its short URL form, so two spellings of one scenario compare equal. */
export function sameScenario(a: string, b: string): boolean {
  return linkScenarioQuery(a, []) === linkScenarioQuery(b, []);
}

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
  if (step.predict === undefined) runToCheckpoint(step);
}

/** Plays to the step's checkpoint, where the worker pauses by itself. */
export function runToCheckpoint(step: LessonStep): void {
  useUi.setState({ running: true });
  useUi.getState().send({ type: 'play', until: step.pauseAt });
}
