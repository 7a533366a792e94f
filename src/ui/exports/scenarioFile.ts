/**
 * Scenario files: `{ version: 1, query, scenario }`. Reading one validates it exactly as the
 * page validates a URL (the scenario is written back as a query and parsed by parseScenario);
 * a file that is not such an object, or whose scenario has problems, is refused with a message.
 */
import { parseScenario } from '../../scenario/parse';
import { serializeScenario } from '../../scenario/serialize';
import type { Scenario } from '../../scenario/types';
import { VIEW_PARAMS } from '../scenarioQuery';

export const SCENARIO_FILE = 'cpumap-scenario.json';
export const SCENARIO_FILE_VERSION = 1;
/** Larger files are refused unread. */
export const MAX_SCENARIO_FILE_BYTES = 1024 * 1024;

export interface ScenarioFile {
  version: typeof SCENARIO_FILE_VERSION;
  query: string;
  scenario: Scenario;
}

/** The file for the loaded `query` (view parameters such as `speed` are left out). */
export function scenarioFile(query: string): ScenarioFile {
  const { scenario } = parseScenario(query, { extraParams: VIEW_PARAMS });
  return { version: SCENARIO_FILE_VERSION, query: serializeScenario(scenario), scenario };
}

export function scenarioFileText(query: string): string {
  return JSON.stringify(scenarioFile(query), null, 2) + '\n';
}

export type ReadResult = { ok: true; query: string } | { ok: false; message: string };

function refuse(message: string): ReadResult {
  return { ok: false, message };
}

/**
 * The query of a scenario file's text (`bytes`: the file's size, checked before anything else).
 * The `scenario` object is used when present (re-serialized, then parsed like a URL); otherwise
 * the `query` string.
 */
export function readScenarioFile(text: string, bytes = new Blob([text]).size): ReadResult {
  if (bytes > MAX_SCENARIO_FILE_BYTES)
    return refuse(`The file is too large: ${bytes} bytes, a scenario file has at most ${MAX_SCENARIO_FILE_BYTES} (1 MB).`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return refuse('The file is not JSON: a scenario file is the JSON that "Download scenario" saves.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return refuse('The file is not a scenario file: expected a JSON object with version, query and scenario.');
  const file = data as Record<string, unknown>;
  if (file.version !== SCENARIO_FILE_VERSION)
    return refuse(
      `Unsupported scenario file version ${JSON.stringify(file.version) ?? 'missing'}: this page reads version ${SCENARIO_FILE_VERSION}.`,
    );

  let query: string;
  if (typeof file.scenario === 'object' && file.scenario !== null && !Array.isArray(file.scenario)) {
    try {
      query = serializeScenario(file.scenario as Scenario);
    } catch (error) {
      return refuse(`The file's scenario cannot be read: ${error instanceof Error ? error.message : 'bad value'}.`);
    }
  } else if (typeof file.query === 'string') {
    query = file.query;
  } else {
    return refuse('The file has neither a scenario object nor a query string.');
  }

  const parsed = parseScenario(query, { extraParams: VIEW_PARAMS });
  if (parsed.problems.length > 0) return refuse(`The file's scenario has problems: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return { ok: true, query: serializeScenario(parsed.scenario) };
}
