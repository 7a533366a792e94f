/**
 * The scenario of one sweep point: the base scenario with the point's values put over it. Plain
 * parameters go into the query as written and are read by the scenario parser, so its defaults
 * follow them as in a link (`cpus=16` without `max` gives max_entries 16); then the shorthands are
 * applied in a fixed order whatever the axis order: `rx`, then `targets` (placed after the RX
 * CPUs), then `qsize` (over every entry, including those `targets` placed).
 */
import { parseScenario } from '../scenario/parse';
import { serializeScenario } from '../scenario/serialize';
import type { Scenario } from '../scenario/types';
import type { SweepVary } from './sweepSpec';

const SHORTHANDS = new Set(['qsize', 'targets', 'rx']);

export type PointScenario = { ok: true; query: string; scenario: Scenario } | { ok: false; messages: string[] };

/** "qsize=32 targets=2": how a point is named in messages and tables. */
export function describeVary(vary: SweepVary): string {
  return Object.entries(vary)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

function consecutive(from: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => from + i);
}

/** The first CPU `rx` places queues on: the base's first RX CPU. */
function firstRx(s: Scenario): number {
  return s.rx.length > 0 ? Math.min(...s.rx) : 0;
}

/** `rx`: n queues on consecutive CPUs from the base's first RX CPU. */
function setRxCount(s: Scenario, n: number): string {
  return consecutive(firstRx(s), n).join(',');
}

/** The first CPU `targets` places entries on: the one after the last RX CPU. */
function firstTarget(s: Scenario): number {
  return s.rx.length > 0 ? Math.max(...s.rx) + 1 : 0;
}

/** `targets`: n entries on the CPUs after the last RX CPU, with the base's first qsize. */
function setTargets(s: Scenario, n: number): string {
  const after = firstTarget(s);
  const qsize = s.entries[0]?.qsize ?? 192;
  return consecutive(after, n)
    .map((cpu) => `${cpu}:${qsize}`)
    .join(',');
}

function setQsize(s: Scenario, qsize: string): string {
  return s.entries.map((e) => `${e.cpu}:${qsize}`).join(',');
}

/** Reads `query` and names its problems as the point's. */
function read(query: string, vary: SweepVary): PointScenario {
  const { scenario, problems } = parseScenario(query);
  if (problems.length > 0) return { ok: false, messages: problems.map((p) => `${describeVary(vary)}: ${p.message}`) };
  return { ok: true, query: serializeScenario(scenario), scenario };
}

/** The scenario of the point `vary` over `baseQuery` (a valid scenario query). */
export function pointScenario(baseQuery: string, vary: SweepVary): PointScenario {
  const params = new URLSearchParams(serializeScenario(parseScenario(baseQuery).scenario));
  for (const [param, value] of Object.entries(vary)) {
    if (!SHORTHANDS.has(param)) params.set(param, param === 'opt' ? value.replaceAll('+', ',') : value);
  }
  let current = read(params.toString(), vary);
  const steps: [string, (s: Scenario, v: string) => string, string][] = [
    ['rx', (s, v) => setRxCount(s, Number(v)), 'rx'],
    ['targets', (s, v) => setTargets(s, Number(v)), 'entries'],
    ['qsize', setQsize, 'entries'],
  ];
  for (const [param, apply, into] of steps) {
    const value = vary[param];
    if (value === undefined || !current.ok) continue;
    if (param !== 'qsize' && Number(value) < 1) return { ok: false, messages: [`${describeVary(vary)}: ${param} must be at least 1`] };
    const last = (param === 'rx' ? firstRx(current.scenario) : firstTarget(current.scenario)) + Number(value) - 1;
    if (param !== 'qsize' && last >= current.scenario.cpus) {
      const cpus = current.scenario.cpus;
      return {
        ok: false,
        messages: [`${describeVary(vary)}: ${param} would need CPU ${last}, but the scenario has ${cpus} CPUs (0 to ${cpus - 1})`],
      };
    }
    params.set(into, apply(current.scenario, value));
    current = read(params.toString(), vary);
  }
  return current;
}
