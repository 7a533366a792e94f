import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse';
import { comparePair } from './compareQuery';

const OVERLOAD = 'kernel=5.0&rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant&stack=iptables-drop';

describe('the two scenarios of a side-by-side link', () => {
  it('runs A as the link says and B with compare over it', () => {
    const pair = comparePair(`${OVERLOAD}&speed=max&compare=kernel%3D5.2`, 'kernel=5.2');
    expect(parseScenario(pair.a).scenario).toEqual(parseScenario(OVERLOAD).scenario);
    expect(parseScenario(pair.b).scenario).toEqual(parseScenario(OVERLOAD.replace('kernel=5.0', 'kernel=5.2')).scenario);
    expect(pair.kernels).toEqual(['5.0', '5.2']);
    expect(pair.differences).toEqual(['kernel=5.2']);
    expect(pair.applied).toBe('kernel=5.2');
    expect(pair.problemsA).toEqual([]);
    expect(pair.problemsCompare).toEqual([]);
  });

  it('overrides only what compare names (qsize 64 against 128)', () => {
    const pair = comparePair(OVERLOAD, 'entries=4:64');
    expect(parseScenario(pair.b).scenario.entries).toEqual([{ cpu: 4, qsize: 64 }]);
    expect(parseScenario(pair.b).scenario.kernel).toBe('5.0');
    expect(pair.differences).toEqual(['entries=4:64']);
    expect(pair.applied).toBe('entries=4:64');
  });

  it('an empty compare, or one equal to A, makes B the same scenario', () => {
    expect(comparePair(OVERLOAD, '').differences).toEqual([]);
    const same = comparePair(OVERLOAD, 'kernel=5.0');
    expect(same.b).toBe(same.a);
    expect(same.differences).toEqual([]);
    expect(same.applied).toBe('kernel=5.0');
  });

  it('shortens a long name or value of compare in its problems, as the scenario parser does', () => {
    const key = 'k'.repeat(900);
    const { problemsCompare } = comparePair(OVERLOAD, `${key}=${'v'.repeat(90)}&${key}=1`);
    expect(problemsCompare.map((p) => [p.param, p.value])).toEqual([
      [`compare.${'k'.repeat(79)}…`, `${'v'.repeat(79)}…`],
      [`compare.${'k'.repeat(79)}…`, '1'],
    ]);
    expect(problemsCompare[1].message).toBe(`compare: ${'k'.repeat(79)}… is given twice; the first value is used`);
    expect(problemsCompare.every((p) => p.message.length < 400)).toBe(true);
  });

  it('names bad parts of compare and keeps the valid ones', () => {
    const pair = comparePair(OVERLOAD, 'kernel=5.9&bogus=1&speed=5&entries=4:64&cpus=100000&entries=4:32&rate=99G');
    const messages = pair.problemsCompare.map((p) => p.message);
    expect(messages).toHaveLength(6);
    expect(messages.every((m) => m.startsWith('compare: '))).toBe(true);
    expect(messages.find((m) => m.includes('"bogus"'))).toContain('unknown parameter');
    expect(messages.find((m) => m.includes('speed'))).toContain('view parameter');
    expect(messages.find((m) => m.includes('entries is given twice'))).toBeDefined();
    for (const param of ['kernel', 'cpus', 'rate']) {
      expect(messages.find((m) => m.startsWith(`compare: ${param}: `))).toContain("run B keeps run A's value");
    }
    // Only the valid override is used; B keeps A's kernel, CPUs and rate.
    const b = parseScenario(pair.b).scenario;
    expect(b.entries).toEqual([{ cpu: 4, qsize: 64 }]);
    expect(b.kernel).toBe('5.0');
    expect(b.cpus).toBe(parseScenario(pair.a).scenario.cpus);
    expect(b.rate).toBe(14.7e6);
    expect(pair.applied).toBe('entries=4:64');
    expect(pair.differences).toEqual(['entries=4:64']);
  });

  it('an override that makes one of A parameters invalid: that one takes its default in B, and says so', () => {
    const pair = comparePair(OVERLOAD, 'cpus=2');
    const b = parseScenario(pair.b);
    expect(b.problems).toEqual([]);
    expect(b.scenario.cpus).toBe(2);
    expect(b.scenario.rx).toEqual([0, 1]);
    expect(pair.problemsCompare.map((p) => p.message)).toEqual([
      expect.stringMatching(/^compare: in run B, rx: "3" is not allowed: .*; run B uses the default$/),
    ]);
    expect(pair.applied).toBe('cpus=2');
  });

  it("names the link's own scenario problems: both runs use the default", () => {
    const pair = comparePair('kernel=4.19&rx=3', 'entries=4:64');
    expect(pair.problemsA.map((p) => p.message)).toEqual([
      expect.stringMatching(/^kernel: "4.19" is not allowed: .*; both runs use the default$/),
    ]);
    expect(pair.kernels).toEqual(['5.2', '5.2']);
  });
});
