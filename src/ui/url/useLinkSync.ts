/**
 * Keeps the address bar a link to the current run (history.replaceState: no history entries, no
 * reload): `v=1`, the scenario with the hand-made map operations, the speed, paused and the time,
 * and the selection. It also makes the selection a link asks for once the scenario has loaded.
 */
import { useEffect } from 'react';
import { useUi, type UiState } from '../store';
import { useLink, type LinkState } from './linkState';
import { linkScenarioQuery } from './linkQuery';
import { buildLinkQuery } from './viewState';

let cache: { query: string; manual: LinkState['manualOps']; text: string } | null = null;

/**
 * The link query for the current state, or null before the first scenario has loaded. With
 * `timeWhilePlaying`, the simulated time is in it even while playing (a restart's link).
 */
export function currentLinkQuery(
  ui: UiState = useUi.getState(),
  link: LinkState = useLink.getState(),
  options: { timeWhilePlaying?: boolean } = {},
): string | null {
  if (ui.topology === null) return null;
  if (cache === null || cache.query !== ui.query || cache.manual !== link.manualOps) {
    cache = { query: ui.query, manual: link.manualOps, text: linkScenarioQuery(ui.query, link.manualOps) };
  }
  return buildLinkQuery(
    cache.text,
    {
      speed: ui.speed,
      paused: !ui.running,
      t: ui.simNs,
      sel: ui.selected,
      theme: link.theme,
      ...link.modes,
    },
    options,
  );
}

/** Writes the link into the address bar when it changed. */
export function writeLink(): void {
  const q = currentLinkQuery();
  if (q === null || location.search === `?${q}`) return;
  history.replaceState(history.state, '', `${location.pathname}?${q}`);
}

/** The hook (App): follows the store and the link state. */
export function useLinkSync(): void {
  useEffect(() => {
    const offUi = useUi.subscribe((cur, prev) => {
      if (cur.topology !== prev.topology && cur.topology !== null) {
        const sel = useLink.getState().pendingSel;
        if (sel !== null) {
          useLink.setState({ pendingSel: null });
          cur.select(sel);
          return;
        }
      }
      if (
        cur.topology !== prev.topology ||
        cur.query !== prev.query ||
        cur.speed !== prev.speed ||
        cur.running !== prev.running ||
        cur.selected !== prev.selected ||
        (!cur.running && cur.simNs !== prev.simNs)
      ) {
        writeLink();
      }
    });
    const offLink = useLink.subscribe((cur, prev) => {
      if (cur.manualOps !== prev.manualOps || cur.theme !== prev.theme || cur.modes !== prev.modes) writeLink();
    });
    return () => {
      offUi();
      offLink();
    };
  }, []);
}
