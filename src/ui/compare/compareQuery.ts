/**
 * The two scenarios of a side-by-side link: run A is the link's scenario, run B is A's with the
 * parameters of `compare` put over it. Pure and forgiving like the scenario parser: a bad part of
 * `compare` is named and ignored (run B keeps A's value there), the valid parts are kept.
 */
import { parseScenario, SCENARIO_PARAMS, type ScenarioParam } from '../../scenario/parse';
import { quote, shorten } from '../../scenario/check';
import { serializeScenario } from '../../scenario/serialize';
import type { KernelVersion, ScenarioProblem } from '../../scenario/types';
import { VIEW_PARAMS } from '../scenarioQuery';

export interface ComparePair {
  /** Run A's scenario, short URL form. */
  a: string;
  /** Run B's scenario, short URL form. */
  b: string;
  /** The overrides run B uses, as a query in parameter order: what a share link writes as `compare`. */
  applied: string;
  /** Run A's and run B's kernel versions. */
  kernels: [KernelVersion, KernelVersion];
  /** What run B changes from run A, one `param=value` each (its own value, in parameter order). */
  differences: string[];
  /** Problems of the link's scenario (run A): those parameters take their defaults in both runs. */
  problemsA: ScenarioProblem[];
  /** Problems of `compare`, each ignored: named `compare: ...`. */
  problemsCompare: ScenarioProblem[];
}

const SCENARIO_SET = new Set<string>(SCENARIO_PARAMS);
const VIEW_SET = new Set<string>(VIEW_PARAMS);

/** A problem of `compare`; names and values shortened as the scenario parser shortens its own. */
function compareProblem(param: string, value: string, message: string): ScenarioProblem {
  return { param: `compare.${shorten(param)}`, value: shorten(value), message: `compare: ${message}` };
}

/** Every parameter's value in the full URL form of `query` (a valid scenario query). */
function fullValues(query: string): URLSearchParams {
  return new URLSearchParams(serializeScenario(parseScenario(query).scenario, 'full'));
}

/** The scenarios of a side-by-side link whose query is `linkQuery` and whose `compare` is `compare`. */
export function comparePair(linkQuery: string, compare: string): ComparePair {
  const parsedA = parseScenario(linkQuery, { extraParams: VIEW_PARAMS });
  const a = serializeScenario(parsedA.scenario);
  const problemsCompare: ScenarioProblem[] = [];

  const overrides = new Map<ScenarioParam, string>();
  const seen = new Set<string>();
  for (const [key, value] of new URLSearchParams(compare)) {
    if (seen.has(key)) {
      problemsCompare.push(compareProblem(key, value, `${shorten(key)} is given twice; the first value is used`));
    } else if (SCENARIO_SET.has(key)) {
      overrides.set(key as ScenarioParam, value);
    } else if (VIEW_SET.has(key)) {
      problemsCompare.push(
        compareProblem(key, value, `${key} is a view parameter, not a scenario one: both runs share the link's view; ignored`),
      );
    } else {
      problemsCompare.push(
        compareProblem(key, value, `unknown parameter ${quote(key)} (the parameters are ${SCENARIO_PARAMS.join(', ')}); ignored`),
      );
    }
    seen.add(key);
  }

  // Drop the overrides the parser refuses, then parse again: a dropped one may have been what
  // made another invalid (cpus and rx, size and rate).
  let parsedB = parseScenario(a);
  for (let round = 0; round <= SCENARIO_PARAMS.length; round++) {
    const query = new URLSearchParams(a);
    for (const [param, value] of overrides) query.set(param, value);
    parsedB = parseScenario(query.toString());
    const refused = parsedB.problems.filter((p) => overrides.has(p.param as ScenarioParam));
    if (refused.length === 0) break;
    for (const p of refused) {
      overrides.delete(p.param as ScenarioParam);
      problemsCompare.push(compareProblem(p.param, p.value, `${p.message}; run B keeps run A's value`));
    }
  }
  // What is left is a parameter of A that an override made invalid: it takes its default in B.
  for (const p of parsedB.problems)
    problemsCompare.push(compareProblem(p.param, p.value, `in run B, ${p.message}; run B uses the default`));

  const b = serializeScenario(parsedB.scenario);
  const fullA = fullValues(a);
  const fullB = fullValues(b);
  const differences = SCENARIO_PARAMS.filter((p) => fullA.get(p) !== fullB.get(p)).map((p) => `${p}=${fullB.get(p) ?? ''}`);
  // B's own spelling of each kept override (canonical, and encoded as links write it).
  const applied = serializeScenario(parsedB.scenario, 'full')
    .split('&')
    .filter((part) => overrides.has(part.slice(0, part.indexOf('=')) as ScenarioParam))
    .join('&');
  const problemsA = parsedA.problems.map((p) => ({ ...p, message: `${p.message}; both runs use the default` }));
  return { a, b, kernels: [parsedA.scenario.kernel, parsedB.scenario.kernel], applied, differences, problemsA, problemsCompare };
}
