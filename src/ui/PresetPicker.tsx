/**
 * The preset picker: choosing a preset loads it at once and says why it matters.
 */
import { useMemo } from 'react';
import { useUi } from './store';
import { PRESETS } from '../scenario/presets';
import { sameScenario, showInAddressBar } from './scenarioQuery';

/** A select of PRESETS, showing the one the loaded scenario matches, if any. */
export function PresetPicker() {
  const query = useUi((s) => s.query);
  const loadScenario = useUi((s) => s.loadScenario);
  const current = useMemo(() => PRESETS.find((p) => sameScenario(p.query, query)) ?? null, [query]);
  return (
    <div className="field preset">
      <label htmlFor="preset">Preset</label>
      <select
        id="preset"
        value={current?.id ?? ''}
        aria-describedby="preset-why"
        onChange={(e) => {
          const preset = PRESETS.find((p) => p.id === e.target.value);
          if (preset === undefined) return;
          loadScenario(preset.query);
          showInAddressBar(preset.query);
        }}
      >
        <option value="">{current !== null ? 'Choose a preset…' : sameScenario(query, '') ? 'Default scenario' : 'Custom scenario'}</option>
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
      <p id="preset-why" className="hint">
        {current?.why ?? 'Pick a ready-made scenario, or edit the fields below and apply.'}
      </p>
    </div>
  );
}
