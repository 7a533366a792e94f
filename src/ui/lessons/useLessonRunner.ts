/**
 * Follows the lesson step the link names: entering a step loads its scenario and runs it to its
 * checkpoint. The first step a link opens is entered if the link names no scenario (a bare
 * `lesson=...&step=3`) or the step's own; a link a reader made off the script keeps their
 * scenario (the panel offers the way back).
 */
import { useEffect, useRef } from 'react';
import { useUi } from '../store';
import { useLink } from '../url/linkState';
import { VIEW_PARAMS } from '../scenarioQuery';
import { enterStep } from './lessonState';
import { sameScenario } from '../scenarioQuery';
import { resolveLesson } from './resolveLesson';

/** Whether a link query has any scenario parameter (not only view parameters). */
function namesScenario(query: string): boolean {
  const view: readonly string[] = VIEW_PARAMS;
  for (const key of new URLSearchParams(query).keys()) if (!view.includes(key)) return true;
  return false;
}

export function useLessonRunner(): void {
  const modes = useLink((s) => s.modes);
  const resolved = resolveLesson(modes);
  const step = resolved !== null && 'step' in resolved ? resolved.step : null;
  const first = useRef(true);
  useEffect(() => {
    const opening = first.current;
    first.current = false;
    if (step === null) {
      useUi.setState({ highlight: [], pendingInspect: null });
      return;
    }
    const linkQuery = location.search.replace(/^\?/, '');
    if (opening && namesScenario(linkQuery) && !sameScenario(linkQuery, step.query)) return;
    enterStep(step);
  }, [step]);
}
