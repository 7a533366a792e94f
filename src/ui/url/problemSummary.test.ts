import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse';
import type { ScenarioProblem } from '../../scenario/types';
import { MAX_LISTED_PROBLEMS, summarizeProblems } from './problemSummary';

const problem = (param: string): ScenarioProblem => ({ param, value: '', message: `${param}: "" is not allowed: x` });

describe('the link notice of a link with many problems', () => {
  it('lists every problem of a short list in full', () => {
    const problems = parseScenario('cpus=0&stack=x&foo=1').problems;
    expect(summarizeProblems(problems)).toEqual({ listed: problems, more: null });
  });

  it(`names every problem of a link of thousands of parameters: ${MAX_LISTED_PROBLEMS} in full, the rest by parameter in one line`, () => {
    const { problems } = parseScenario(`${'a&'.repeat(30_000)}b=1&c=2&${'cpus=1&'.repeat(3)}`);
    expect(problems).toHaveLength(30_004);
    const { listed, more } = summarizeProblems(problems);
    expect(listed).toEqual(problems.slice(0, MAX_LISTED_PROBLEMS));
    expect(more).toBe('…and 29,954 more problems, in "a" ×29,950, "b", "c" and "cpus" ×2.');
  });

  it('says "problem" for one more, and quotes names as text', () => {
    const problems = [...Array(MAX_LISTED_PROBLEMS).fill(problem('x')), problem('<b id="x">')];
    expect(summarizeProblems(problems).more).toBe('…and 1 more problem, in "<b id=\\"x\\">".');
  });
});
