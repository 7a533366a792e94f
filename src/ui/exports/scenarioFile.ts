/**
 * Scenario files: `{ version: 1, query, scenario }`. Reading one validates it exactly as the
 * page validates a URL (the scenario is written back as a query and parsed by parseScenario);
 * a file that is not such an object, or whose scenario has problems, is refused with a message.
 */
import { parseScenario } from '../../scenario/parse';
import { serializeScenario } from '../../scenario/serialize';
import { quote } from '../../scenario/check';
import type { Scenario, ScenarioProblem } from '../../scenario/types';
import { scenarioShapeProblem, withAddedFields } from './scenarioShape';
import { VIEW_PARAMS } from '../scenarioQuery';

export const SCENARIO_FILE = 'cpumap-scenario.json';
export const SCENARIO_FILE_VERSION = 1;
/** Larger files are refused unread. */
export const MAX_SCENARIO_FILE_BYTES = 1024 * 1024;

const BOM = '\uFEFF';

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

/** Problems listed in a refusal; the rest are counted, so the message stays readable. */
const MAX_LISTED_PROBLEMS = 5;

/** A file's `version` as a refusal names it: short, whatever the file holds there. */
function describeVersion(version: unknown): string {
  if (version === undefined) return 'missing';
  if (typeof version === 'string') return quote(version);
  if (typeof version === 'number' || typeof version === 'boolean' || version === null) return String(version);
  return Array.isArray(version) ? 'a list' : 'an object';
}

/** The parser's problems, the first few in full and the rest counted. */
function problemList(problems: readonly ScenarioProblem[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => p.message);
  const more = problems.length - listed.length;
  return listed.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/**
 * The query of a scenario file's text (`bytes`: the file's size, checked before anything else).
 * The `scenario` object is used when present (its types checked, re-serialized, then parsed like
 * a URL); otherwise the `query` string. Never throws, and a refusal's message is short.
 */
export function readScenarioFile(text: string, bytes = new Blob([text]).size): ReadResult {
  if (bytes > MAX_SCENARIO_FILE_BYTES)
    return refuse(`The file is too large: ${bytes} bytes, a scenario file has at most ${MAX_SCENARIO_FILE_BYTES} (1 MB).`);
  let data: unknown;
  try {
    // A byte order mark, as some editors write, is not part of the JSON.
    data = JSON.parse(text.startsWith(BOM) ? text.slice(BOM.length) : text);
  } catch {
    return refuse('The file is not JSON: a scenario file is the JSON that "Download scenario" saves.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return refuse('The file is not a scenario file: expected a JSON object with version, query and scenario.');
  // Own fields only: an inherited `constructor` or `__proto__` is no part of the file.
  const field = (key: string): unknown => (Object.hasOwn(data, key) ? (data as Record<string, unknown>)[key] : undefined);
  const version = field('version');
  if (version !== SCENARIO_FILE_VERSION)
    return refuse(`Unsupported scenario file version ${describeVersion(version)}: this page reads version ${SCENARIO_FILE_VERSION}.`);

  let query: string;
  const scenario = field('scenario');
  const fileQuery = field('query');
  if (typeof scenario === 'object' && scenario !== null && !Array.isArray(scenario)) {
    const shape = scenarioShapeProblem(scenario);
    if (shape !== null) return refuse(`The file's scenario cannot be read: ${shape}.`);
    try {
      query = serializeScenario(withAddedFields(scenario as Record<string, unknown>) as unknown as Scenario);
    } catch (error) {
      // Types are right by now: this is a number no scenario has (negative, fractional time...).
      return refuse(`The file's scenario cannot be read: ${error instanceof Error ? error.message : 'bad value'}.`);
    }
  } else if (typeof fileQuery === 'string') {
    query = fileQuery;
  } else {
    return refuse('The file has neither a scenario object nor a query string.');
  }

  const parsed = parseScenario(query, { extraParams: VIEW_PARAMS });
  if (parsed.problems.length > 0) return refuse(`The file's scenario has problems: ${problemList(parsed.problems)}`);
  return { ok: true, query: serializeScenario(parsed.scenario) };
}
