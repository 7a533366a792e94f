/**
 * The golden corpus covers what it claims (every preset, every lesson step's scenario, both
 * kernels with every step of the 2019 series, the arrival processes, programs, stacks, rings,
 * wide machines and every kind of timed operation), and recording it is deterministic: the same
 * case recorded twice in one process, with other cases run in between, gives the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES, PRESET_CASE_PREFIX, type GoldenCase } from './corpus';
import { CASE_NAME, recordCase } from './record';
import { PRESETS } from '../../src/scenario/presets';
import { LESSONS } from '../../src/lessons/index';
import { parseScenario } from '../../src/scenario/parse';
import { OPTIMIZATIONS, type MapOpKind, type Scenario } from '../../src/scenario/types';

const parsed: { c: GoldenCase; s: Scenario }[] = GOLDEN_CASES.map((c) => {
  const { scenario, problems } = parseScenario(c.query);
  if (problems.length > 0) throw new Error(`${c.name}: ${problems.map((p) => p.message).join('; ')}`);
  return { c, s: scenario };
});

/** The cases whose scenario satisfies `pred`. */
const casesWhere = (pred: (s: Scenario) => boolean): string[] => parsed.filter(({ s }) => pred(s)).map(({ c }) => c.name);

describe('the golden corpus covers', () => {
  it('cases with unique names a file may have', () => {
    const names = GOLDEN_CASES.map((c) => c.name);
    expect(names.filter((n) => !CASE_NAME.test(n))).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(GOLDEN_CASES.length).toBeGreaterThanOrEqual(45);
  });

  it('every preset, with its query', () => {
    for (const p of PRESETS) {
      const c = GOLDEN_CASES.find((g) => g.name === `${PRESET_CASE_PREFIX}${p.id}`);
      expect(c?.query, `preset ${p.id}`).toBe(p.query);
    }
  });

  it("every lesson step's scenario", () => {
    const queries = new Set(GOLDEN_CASES.map((c) => c.query));
    const missing = LESSONS.flatMap((l) => l.steps.flatMap((s, i) => (queries.has(s.query) ? [] : [`${l.id} step ${i + 1}`])));
    expect(missing).toEqual([]);
  });

  it('both kernels with each prefix of the 2019 series', () => {
    for (const kernel of ['5.0', '5.2'] as const) {
      for (let n = 0; n <= OPTIMIZATIONS.length; n++) {
        const want = OPTIMIZATIONS.slice(0, n).join(',');
        const effective = (s: Scenario): string => (s.opt ?? (s.kernel === '5.0' ? [] : [...OPTIMIZATIONS])).join(',');
        expect(
          casesWhere((s) => s.kernel === kernel && effective(s) === want),
          `kernel ${kernel}, opt=${want || 'none'}`,
        ).not.toEqual([]);
      }
    }
  });

  it('arrivals, seeds, programs, drops, stacks and the preemption models', () => {
    for (const kind of ['constant', 'poisson', 'bursty'])
      expect(
        casesWhere((s) => s.arrival.kind === kind),
        kind,
      ).not.toEqual([]);
    expect(new Set(parsed.filter(({ s }) => s.arrival.kind === 'poisson').map(({ s }) => s.seed)).size).toBeGreaterThanOrEqual(4);
    for (const kind of ['rr', 'hash', 'cpu'])
      expect(
        casesWhere((s) => s.prog.kind === kind),
        kind,
      ).not.toEqual([]);
    for (const stack of ['iptables-drop', 'udp-noport', 'deliver'])
      expect(
        casesWhere((s) => s.stack === stack),
        stack,
      ).not.toEqual([]);
    expect(casesWhere((s) => s.drop > 0 && s.drop < 1)).not.toEqual([]);
    expect(casesWhere((s) => s.drop === 1)).not.toEqual([]);
    expect(casesWhere((s) => s.preempt === 'none').length).toBeGreaterThanOrEqual(2);
  });

  it('a kthread on an RX CPU, fast links with many CPUs, and tiny and big rings', () => {
    expect(casesWhere((s) => s.entries.some((e) => s.rx.includes(e.cpu))).length).toBeGreaterThanOrEqual(3);
    for (const link of [25, 40, 100])
      expect(
        casesWhere((s) => s.link === link && s.cpus >= 32 && s.rx.length >= 16),
        `${link}G`,
      ).not.toEqual([]);
    expect(casesWhere((s) => s.entries.some((e) => e.qsize <= 8))).not.toEqual([]);
    expect(casesWhere((s) => s.entries.some((e) => e.qsize === 16384))).not.toEqual([]);
  });

  it('every kind of timed operation, under load', () => {
    const kinds: MapOpKind[] = ['update', 'delete', 'lookup', 'next', 'free', 'create', 'rate', 'irq', 'failslab'];
    for (const kind of kinds)
      expect(
        casesWhere((s) => s.rate > 0 && s.ops.some((o) => o.op === kind)),
        kind,
      ).not.toEqual([]);
    expect(casesWhere((s) => s.ops.length >= 10).length).toBeGreaterThanOrEqual(6);
  });
});

describe('recording the golden corpus', () => {
  // Three cases at random (named in the test's title), recorded, then recorded again in the
  // other order: what a case records does not depend on what ran before it in the process.
  const picks = [...GOLDEN_CASES]
    .map((c) => ({ c, r: Math.random() }))
    .sort((a, b) => a.r - b.r)
    .slice(0, 3)
    .map(({ c }) => c);
  it(`is deterministic: ${picks.map((c) => c.name).join(', ')} recorded twice give the same bytes`, () => {
    const first = picks.map((c) => recordCase(c));
    const again = [...picks]
      .reverse()
      .map((c) => recordCase(c))
      .reverse();
    picks.forEach((c, i) => {
      for (const kind of ['json', 'trace', 'state'] as const) expect(again[i][kind], `${c.name} ${kind}`).toBe(first[i][kind]);
    });
  });
});
