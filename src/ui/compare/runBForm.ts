/**
 * The "Run B" form's arithmetic: run B as rows of parameters over run A (one per parameter it
 * changes, as the link's `compare` lists them), the parameters that can still be added, and the
 * `compare` for edited rows, checked by the scenario parser as every parameter is. Pure.
 */
import { parseScenario, SCENARIO_PARAMS, type ScenarioParam } from '../../scenario/parse';
import { serializeScenario } from '../../scenario/serialize';
import type { ScenarioProblem } from '../../scenario/types';
import { comparePair } from './compareQuery';

/** One parameter of run B, as typed. */
export interface RunBRow {
  param: ScenarioParam;
  value: string;
}

const SCENARIO_SET = new Set<string>(SCENARIO_PARAMS);

/** The rows of a `compare` query (its valid parameters, as comparePair's `applied` writes them). */
export function rowsOf(applied: string): RunBRow[] {
  const rows: RunBRow[] = [];
  for (const [param, value] of new URLSearchParams(applied)) {
    if (SCENARIO_SET.has(param) && !rows.some((r) => r.param === param)) rows.push({ param: param as ScenarioParam, value });
  }
  return rows;
}

/** Parameters not yet in `rows`, in the scenario's order. */
export function addableParams(rows: readonly RunBRow[]): ScenarioParam[] {
  return SCENARIO_PARAMS.filter((p) => !rows.some((r) => r.param === p));
}

/** A new row for `param`, starting from run A's value (the defaults written out). */
export function rowFromA(a: string, param: ScenarioParam): RunBRow {
  const full = new URLSearchParams(serializeScenario(parseScenario(a).scenario, 'full'));
  return { param, value: full.get(param) ?? '' };
}

/** `rows` with `param`'s value replaced. */
export function withValue(rows: readonly RunBRow[], param: ScenarioParam, value: string): RunBRow[] {
  return rows.map((r) => (r.param === param ? { param, value } : r));
}

/** What Apply does with the rows: the new `compare`, or the problems (and nothing applied). */
export type RunBCheck = { ok: true; compare: string } | { ok: false; problems: ScenarioProblem[] };

/**
 * Run B for `rows` over run A's scenario `a`. A value the parser refuses is named with its
 * message; so is a parameter of A that a row makes invalid (rx on a CPU that B no longer has).
 */
export function checkRunB(a: string, rows: readonly RunBRow[]): RunBCheck {
  const query = new URLSearchParams(serializeScenario(parseScenario(a).scenario));
  // Stray spaces from typing are not worth a problem message, as in the scenario form.
  for (const r of rows) query.set(r.param, r.value.trim());
  const { problems } = parseScenario(query.toString());
  if (problems.length > 0) {
    const inRows = new Set<string>(rows.map((r) => r.param));
    return {
      ok: false,
      problems: problems.map((p) =>
        inRows.has(p.param) ? p : { ...p, message: `${p.message} (run A's ${p.param}; add ${p.param} to run B to change it)` },
      ),
    };
  }
  const overrides = new URLSearchParams();
  for (const r of rows) overrides.set(r.param, r.value.trim());
  return { ok: true, compare: comparePair(a, overrides.toString()).applied };
}
