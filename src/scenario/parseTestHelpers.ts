/** Shared helpers of the scenario parser's tests. */
import { expect } from 'vitest';
import { parseScenario, type ParseOptions } from './parse';
import type { Scenario, ScenarioProblem } from './types';

/** Parses a query that must have no problems. */
export function clean(query: string, options?: ParseOptions): Scenario {
  const { scenario, problems } = parseScenario(query, options);
  expect(problems).toEqual([]);
  return scenario;
}

/** Parses a query that must have exactly one problem, and returns both. */
export function oneProblem(query: string): { scenario: Scenario; problem: ScenarioProblem } {
  const { scenario, problems } = parseScenario(query);
  expect(problems, query).toHaveLength(1);
  return { scenario, problem: problems[0] };
}

/**
 * Checks that `query` is refused with one problem naming `param` and `value`, whose message reads
 * `param: "value" is not allowed: ...` and contains `allowed`. Returns the (fallback) scenario.
 */
export function refused(query: string, param: string, value: string, allowed: string | RegExp): Scenario {
  const { scenario, problem } = oneProblem(query);
  expect(problem.param).toBe(param);
  expect(problem.value).toBe(value);
  expect(problem.message.startsWith(`${param}: ${JSON.stringify(value)} is not allowed: `), problem.message).toBe(true);
  if (typeof allowed === 'string') expect(problem.message).toContain(allowed);
  else expect(problem.message).toMatch(allowed);
  return scenario;
}
