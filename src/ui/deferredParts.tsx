/**
 * The scenario form (with the preset picker and its presets' texts) and the Embed button's dialog,
 * fetched after the first frame: neither is what the first frame is about. Each one's landmark or
 * button stands in its place meanwhile.
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
