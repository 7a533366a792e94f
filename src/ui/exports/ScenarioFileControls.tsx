/**
 * "Download scenario" and "Open scenario file" (checked as a URL is, then loaded without a
 * reload). The file's reader and writer are fetched when first used: the first frame needs only
 * the buttons.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { showInAddressBar } from '../scenarioQuery';
import { useUi } from '../store';
import { downloadText } from './download';
import './exports.css';

export function ScenarioFileControls() {
  const loadScenario = useUi((s) => s.loadScenario);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  const onDownload = async () => {
    const { SCENARIO_FILE, scenarioFileText } = await import('./scenarioFile');
    downloadText(SCENARIO_FILE, scenarioFileText(useUi.getState().query), 'application/json');
  };

  const onOpen = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (file === undefined) return;
    const { MAX_SCENARIO_FILE_BYTES, readScenarioFile } = await import('./scenarioFile');
    const result =
      file.size > MAX_SCENARIO_FILE_BYTES
        ? readScenarioFile('', file.size)
        : await file.text().then(
            (text) => readScenarioFile(text, file.size),
            () => ({ ok: false as const, message: 'The file could not be read.' }),
          );
    // The same file may be chosen again after a fix.
    input.value = '';
    if (!result.ok) {
      setError(`${file.name}: ${result.message}`);
      return;
    }
    setError(null);
    loadScenario(result.query);
    showInAddressBar(result.query);
  };

  return (
    <div className="scenario-file">
      <button type="button" onClick={() => void onDownload()}>
        Download scenario
      </button>{' '}
      <label htmlFor={inputId} className="scenario-file-open">
        Open scenario file
      </label>{' '}
      <input id={inputId} type="file" accept=".json,application/json" onChange={(e) => void onOpen(e)} />
      {error === null ? null : (
        <p role="alert" className="problems">
          {error}
        </p>
      )}
    </div>
  );
}
