/**
 * Follows the lesson step the link names: entering a step loads its scenario and runs it to its
 * checkpoint. The first step a link opens is entered only if the link's scenario is the step's
 * own: a link a reader made off the script keeps their scenario (the panel offers the way back).
 */
import { useEffect, useRef } from 'react';
import { useUi } from '../store';
import { useLink } from '../url/linkState';
import { enterStep, resolveLesson, sameScenario } from './lessonState';

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
    if (opening && !sameScenario(location.search.replace(/^\?/, ''), step.query)) return;
    enterStep(step);
  }, [step]);
}
