/**
 * What the page says it refused for a link, put together the way the page does it: the view
 * state's problems (App's boot), then the scenario's (the worker's parse of the same query) and a
 * bad sweep's (the Sweep code, after the first frame, on the full page) or, for
 * a side-by-side link, run A's and `compare`'s (ComparePage); and the lesson panel's (or the
 * embed's) word on a lesson or step that does not exist. The fuzz tests check this list against
 * the link, and the Chromium spec checks that the page shows every entry.
 */
import { parseScenario } from '../../src/scenario/parse';
import type { ScenarioProblem } from '../../src/scenario/types';
import { VIEW_PARAMS } from '../../src/scenario/viewParams';
import { comparePair } from '../../src/ui/compare/compareQuery';
import { LESSONS } from '../../src/lessons';
import { resolveLesson } from '../../src/ui/lessons/resolveLesson';
import { readViewState, type ViewState } from '../../src/ui/url/viewState';
import { readLinkSweep } from '../../src/ui/sweep/linkSweep';

export interface LinkRefusals {
  /** Which page the link opens. */
  page: 'full' | 'embed' | 'compare';
  view: ViewState;
  /** The link notice's entries, in its order. */
  problems: ScenarioProblem[];
  /** The lesson panel's (or the embed's) alert, when the link names a lesson or step that does not exist. */
  lessonProblem: string | null;
}

/** The refusals for a link's query (location.search without its `?`). */
export function linkRefusals(query: string): LinkRefusals {
  const { view, problems: viewProblems } = readViewState(query);
  if (view.compare !== null) {
    const pair = comparePair(query, view.compare);
    return { page: 'compare', view, problems: [...viewProblems, ...pair.problemsA, ...pair.problemsCompare], lessonProblem: null };
  }
  const scenario = parseScenario(query, { extraParams: VIEW_PARAMS });
  const lesson = resolveLesson(view, { lessons: LESSONS, failure: null });
  // The full page's Sweep code (after the first frame) names a bad sweep last and drops it.
  const sweep = !view.embed && view.sweep !== null ? readLinkSweep(view.sweep) : null;
  const sweepProblems = sweep !== null && 'problems' in sweep ? sweep.problems : [];
  return {
    page: view.embed ? 'embed' : 'full',
    view: sweepProblems.length > 0 ? { ...view, sweep: null } : view,
    problems: [...viewProblems, ...scenario.problems, ...sweepProblems],
    lessonProblem: lesson !== null && 'problem' in lesson ? lesson.problem : null,
  };
}
