import { describe, expect, it } from 'vitest';
import { SCENARIO_PARAMS } from '../../scenario/parse';
import { comparePair } from './compareQuery';
import { addableParams, checkRunB, rowFromA, rowsOf, withValue } from './runBForm';

const OVERLOAD = 'kernel=5.0&rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant&stack=iptables-drop';

describe('the Run B form', () => {
  it('shows the parameters run B changes, as the link applied them', () => {
    const pair = comparePair(OVERLOAD, 'entries=4:64&kernel=5.2');
    expect(rowsOf(pair.applied)).toEqual([
      { param: 'kernel', value: '5.2' },
      { param: 'entries', value: '4:64' },
    ]);
    expect(rowsOf('')).toEqual([]);
  });

  it('offers every other scenario parameter, in the scenario order, starting from run A’s value', () => {
    const rows = rowsOf('kernel=5.2');
    expect(addableParams(rows)).toEqual(SCENARIO_PARAMS.filter((p) => p !== 'kernel'));
    expect(rowFromA(OVERLOAD, 'entries')).toEqual({ param: 'entries', value: '4:128' });
    // A parameter the link left out reads as its default, written out.
    expect(rowFromA(OVERLOAD, 'seed')).toEqual({ param: 'seed', value: '1' });
  });

  it('builds compare from the edited rows, in the link’s own spelling', () => {
    const rows = withValue([rowFromA(OVERLOAD, 'entries'), { param: 'kernel', value: '5.2' }], 'entries', ' 4:64 ');
    expect(checkRunB(OVERLOAD, rows)).toEqual({ ok: true, compare: 'kernel=5.2&entries=4:64' });
    expect(comparePair(OVERLOAD, 'kernel=5.2&entries=4:64').differences).toEqual(['kernel=5.2', 'entries=4:64']);
    // No rows: run B is run A.
    expect(checkRunB(OVERLOAD, [])).toEqual({ ok: true, compare: '' });
  });

  it('names a refused value with the parser’s message and applies nothing', () => {
    const result = checkRunB(OVERLOAD, [
      { param: 'kernel', value: '5.2' },
      { param: 'rate', value: '99G' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.param)).toEqual(['rate']);
    expect(result.problems[0].message).toMatch(/^rate: "99G" is not allowed/);
  });

  it('names a parameter of run A that run B’s values make invalid', () => {
    // Run A receives on CPU 3; run B with 2 CPUs has no CPU 3.
    const result = checkRunB(OVERLOAD, [{ param: 'cpus', value: '2' }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const rx = result.problems.find((p) => p.param === 'rx');
    expect(rx?.message).toContain("(run A's rx; add rx to run B to change it)");
  });
});
