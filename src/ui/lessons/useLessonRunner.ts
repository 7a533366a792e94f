/**
 * Follows the lesson step the link names: entering a step loads its scenario and runs it to its
 * checkpoint. The first step a link opens is entered if the link names no scenario (a bare
 * `lesson=...&step=3`) or the step's own; a link a reader made off the script keeps their
 * scenario (the panel offers the way back).
 */
import { useEffect, useRef } from 'react';
import type { LessonStep } from '../../lessons/types';
import { useUi } from '../store';
import { useLink } from '../url/linkState';
import { sameScenario, VIEW_PARAMS } from '../scenarioQuery';
import { enterStep } from './lessonState';
import { useLessonLibrary } from './lessonLibrary';
import { resolveLesson } from './resolveLesson';

/** Whether a link query has any scenario parameter (not only view parameters). */
function namesScenario(query: string): boolean {
  const view: readonly string[] = VIEW_PARAMS;
  for (const key of new URLSearchParams(query).keys()) if (!view.includes(key)) return true;
  return false;
}

/** Whether the page, opened with `linkQuery` (its address without `?`), enters `step` (see the file's comment). */
export function linkEntersStep(linkQuery: string, step: LessonStep): boolean {
  return !namesScenario(linkQuery) || sameScenario(linkQuery, step.query);
}

export function useLessonRunner(): void {
  const modes = useLink((s) => s.modes);
  // The step the link opens is known once the link has been read and, for a link with a lesson,
  // once the lessons (fetched after the first frame) have arrived.
  const booted = useLink((s) => s.booted);
  const known = useLessonLibrary((s) => s.lessons !== null || s.failure !== null);
  const resolved = resolveLesson(modes);
  const step = resolved !== null && 'step' in resolved ? resolved.step : null;
  const first = useRef(true);
  useEffect(() => {
    if (!booted || (modes.lesson !== null && !known)) return;
    const opening = first.current;
    first.current = false;
    if (step === null) {
      useUi.setState({ highlight: [], pendingInspect: null });
      return;
    }
    if (opening && !linkEntersStep(location.search.replace(/^\?/, ''), step)) return;
    enterStep(step);
  }, [step, booted, known, modes.lesson]);
}
