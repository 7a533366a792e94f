/** How a simulation worker starts: from the address bar at first, from the run's link after a crash. */
import type { InspectTarget } from '../../worker/protocol';
import { MAX_START_NS } from '../../worker/settings';
import { INITIAL_SPEED } from '../format';
import type { UiState } from '../store';
import type { LinkState } from '../url/linkState';
import { currentLinkQuery } from '../url/useLinkSync';
import { readViewState } from '../url/viewState';

export interface BootOptions {
  /** Scenario query (view parameters in it are ignored by the worker). */
  query: string;
  /** Simulated ns per wall second. */
  speed: number;
  playing: boolean;
  /** Simulated time (whole ns) to run to before the first frame (a shared link's `t`). */
  startNs?: number;
}

/** The start a link describes (its scenario, speed, play state and time), and its selection. */
export function bootFromLink(link: string): { boot: BootOptions; sel: InspectTarget | null } {
  const { view } = readViewState(link);
  const boot: BootOptions = { query: link, speed: view.speed ?? INITIAL_SPEED, playing: !view.paused };
  if (view.t !== null) boot.startNs = view.t;
  return { boot, sel: view.sel };
}

/**
 * The link a restarted worker starts from: the address bar's, with the simulated time even while
 * playing, and no later than MAX_START_NS (a link asking for more would start from 0). Null
 * before the first scenario has loaded.
 */
export function restartLinkQuery(ui: UiState, link: LinkState): string | null {
  return currentLinkQuery({ ...ui, simNs: Math.min(ui.simNs, MAX_START_NS) }, link, { timeWhilePlaying: true });
}
