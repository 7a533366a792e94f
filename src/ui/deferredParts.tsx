/**
 * The scenario form (with the preset picker and its presets' texts), the Embed button's dialog and
 * the keyboard help, fetched after the first frame: none is what the first frame is about. Each
 * one's landmark or button stands in its place meanwhile (a "?" pressed before then opens the help
 * once it has arrived: its open state is the store's).
 */
import { deferred } from './deferred';

export const ScenarioForm = deferred(
  () => import('./ScenarioForm').then((m) => m.ScenarioForm),
  <section className="scenario" aria-label="Scenario" aria-busy="true">
    <h2>Scenario</h2>
    <p>Loading…</p>
  </section>,
);

export const EmbedCode = deferred(
  () => import('./EmbedCode').then((m) => m.EmbedCode),
  <div className="embed-code">
    <button type="button" aria-expanded={false} aria-busy="true" disabled>
      Embed
    </button>
  </div>,
);

/** The header's Compare button (src/ui/compare/CompareButton.tsx): the side-by-side link is built when pressed. */
export const CompareButton = deferred(
  () => import('./compare/CompareButton').then((m) => m.CompareButton),
  <button type="button" aria-busy="true" disabled>
    Compare
  </button>,
);

export const HelpOverlay = deferred(
  () => import('./HelpOverlay').then((m) => m.HelpOverlay),
  <button type="button" className="help-button" aria-label="Help: keyboard shortcuts (?)" aria-busy="true" disabled>
    ?
  </button>,
);
