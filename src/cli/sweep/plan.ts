/**
 * A sweep checked before anything runs: the base query, the `--vary` flags, and every point's
 * scenario. All problems are gathered, so one try shows them all.
 */
import { parseScenario } from '../../scenario/parse';
import type { Scenario } from '../../scenario/types';
import { pointScenario } from '../../sweep/pointScenario';
import { readAxes, splitVaryFlag, sweepPoints, type SweepAxis, type SweepVary } from '../../sweep/sweepSpec';

export interface PlannedPoint {
  vary: SweepVary;
  scenario: Scenario;
}

export type SweepPlan = { ok: true; axes: SweepAxis[]; points: PlannedPoint[] } | { ok: false; message: string };

const indent = (lines: readonly string[]) => lines.map((l) => `  ${l}`).join('\n');

/** The sweep of `varyFlags` (`PARAM=LIST` each) over `query`, or what is wrong with it. */
export function planSweep(query: string, varyFlags: readonly string[]): SweepPlan {
  const { problems } = parseScenario(query);
  // As `npm run sim` prints an invalid scenario: the parser's messages, one a line.
  if (problems.length > 0) return { ok: false, message: `invalid scenario:\n${indent(problems.map((p) => p.message))}` };
  const pairs: (readonly [string, string])[] = [];
  const flagProblems: string[] = [];
  for (const flag of varyFlags) {
    const split = splitVaryFlag(flag);
    if (typeof split === 'string') flagProblems.push(split);
    else pairs.push(split);
  }
  if (flagProblems.length > 0) return { ok: false, message: flagProblems.join('\n') };
  const read = readAxes(pairs);
  if (!read.ok) return { ok: false, message: read.messages.map((m) => `--vary: ${m}`).join('\n') };
  const points: PlannedPoint[] = [];
  const refused: string[][] = [];
  for (const vary of sweepPoints(read.axes)) {
    const point = pointScenario(query, vary);
    if (point.ok) points.push({ vary, scenario: point.scenario });
    else refused.push(point.messages);
  }
  if (refused.length > 0) {
    const which = refused.length === 1 ? 'a point' : `${refused.length} points`;
    return { ok: false, message: `the scenario refuses ${which}:\n${indent(refused.flat())}` };
  }
  return { ok: true, axes: read.axes, points };
}
