import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { parseScenario } from '../scenario/parse';
import { takeSnapshot } from '../engine/snapshot';
import { withEntryProgs } from './entryProgLabels';
import { inspect } from './inspect';

function engineAt(query: string, ns: number): Engine {
  const { scenario, problems } = parseScenario(query);
  expect(problems).toEqual([]);
  const e = new Engine(scenario);
  e.runUntil(ns);
  return e;
}

const QUERY = 'kernel=5.10&rx=0&rate=1M&prog=rr&arrival=constant&stack=deliver&entries=4:2048:prog=drop:0.25';

describe('the Inspector and the snapshot show an entry program', () => {
  it('5.10: prog=drop:0.25: the entry names its program and counts its verdicts, which match the tracepoint counters', () => {
    const e = engineAt(QUERY, 5e6);
    const entry = e.world.map!.lookup(4)!;
    const fields = new Map(inspect(e, { kind: 'entry', uid: entry.uid }).fields);
    expect(fields.get('XDP program (rcpu->prog)')).toBe('drop 25%');
    const c = e.world.counters;
    const verdicts = fields.get('program verdicts') ?? '';
    const [pass, drop, redirect] = [...verdicts.matchAll(/[\d,]+/g)].map((m) => Number(m[0].replace(/,/g, '')));
    expect(verdicts).toMatch(/^pass [\d,]+ · drop [\d,]+ · redirect 0$/);
    // The tracepoint counts a batch when its iteration ends: at most one batch behind.
    expect(drop - c.kthXdpDrop[4]).toBeGreaterThanOrEqual(0);
    expect(drop - c.kthXdpDrop[4]).toBeLessThanOrEqual(8);
    expect(Math.abs(drop - (pass + drop) / 4)).toBeLessThanOrEqual(1);
    expect(redirect).toBe(0);
    expect(withEntryProgs(e, takeSnapshot(e)).entries.find((s) => s.uid === entry.uid)?.prog).toBe('drop 25%');
    // The recorded snapshot keeps its form.
    expect(takeSnapshot(e).entries[0]).not.toHaveProperty('prog');
  });

  it('5.10: an entry without a program has no program fields and no prog in its snapshot', () => {
    const e = engineAt(QUERY.replace(':prog=drop:0.25', ''), 1e6);
    const entry = e.world.map!.lookup(4)!;
    expect(inspect(e, { kind: 'entry', uid: entry.uid }).fields.map(([k]) => k)).not.toContain('program verdicts');
    expect(withEntryProgs(e, takeSnapshot(e)).entries[0]).not.toHaveProperty('prog');
  });
});
