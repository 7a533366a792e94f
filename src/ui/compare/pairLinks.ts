/**
 * The links the side-by-side page offers: the pair itself (share), and each run alone in the
 * single view, paused at the shared time so it opens where the comparison stands. Pure.
 */
import { buildLinkQuery, EMPTY_VIEW, MAX_START_NS } from '../url/viewState';

export interface PairView {
  speed: number;
  playing: boolean;
  /** Simulated time both runs have reached. */
  sharedNs: number;
  theme: 'light' | 'dark' | null;
}

/** The pair's link query: run A's scenario, the view, and `compare` with the overrides run B uses. */
export function pairLinkQuery(a: string, applied: string, view: PairView): string {
  return buildLinkQuery(a, {
    ...EMPTY_VIEW,
    speed: view.speed,
    paused: !view.playing,
    t: view.sharedNs,
    theme: view.theme,
    compare: applied,
  });
}

/**
 * The single view's link query for one run's scenario: paused at the shared time once the pair
 * has moved (and the time is one a link may start at), otherwise from the start as the pair is.
 */
export function aloneLinkQuery(scenario: string, view: PairView): string {
  const atTime = view.sharedNs > 0 && view.sharedNs <= MAX_START_NS;
  return buildLinkQuery(scenario, {
    ...EMPTY_VIEW,
    speed: view.speed,
    paused: atTime || !view.playing,
    t: atTime ? view.sharedNs : null,
    theme: view.theme,
  });
}
