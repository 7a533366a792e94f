import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { presetTable } from '../../src/scenario/presetTable';
import { Engine } from '../../src/engine/engine';
import { PRESETS } from '../../src/scenario/presets';
import { parseScenario } from '../../src/scenario/parse';

describe('presets', () => {
  it('has at least ten presets with distinct ids', () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  for (const preset of PRESETS) {
    it(`${preset.id}: parses cleanly, runs 30 ms with exact accounting and no invariant violation`, () => {
      const { scenario, problems } = parseScenario(preset.query);
      expect(problems).toEqual([]);
      const engine = new Engine(scenario);
      engine.runUntil(30e6);
      expect(engine.check()).toEqual([]);
      const a = engine.world.acct;
      expect(a.offered).toBeGreaterThan(0);
      expect(a.offered).toBe(a.terminal() + engine.inFlight());
    });
  }

  it('overload: ring-full drops and full bulks of 8', () => {
    const engine = new Engine(parseScenario(PRESETS.find((p) => p.id === 'overload')!.query).scenario);
    engine.runUntil(50e6);
    const c = engine.world.counters;
    const i = 3 * 64 + 4;
    expect(c.enqDrops[i]).toBeGreaterThan(c.enqProcessed[i] / 2);
    expect((c.enqProcessed[i] / c.enqEvents[i]).toFixed(2)).toBe('8.00');
  });

  it('empty-slot: every redirected frame is a redirect error', () => {
    const engine = new Engine(parseScenario(PRESETS.find((p) => p.id === 'empty-slot')!.query).scenario);
    engine.runUntil(10e6);
    const a = engine.world.acct;
    expect(a.redirectErr).toBeGreaterThan(1000);
    expect(a.delivered + a.stackDropped + a.ringFull).toBe(0);
  });

  it('unprivileged: map create fails with -EPERM and frames go to the stack on the RX CPU', () => {
    const engine = new Engine(parseScenario(PRESETS.find((p) => p.id === 'unprivileged')!.query).scenario);
    expect(engine.createResult.result).toBe('-EPERM');
    engine.runUntil(5e6);
    expect(engine.world.acct.delivered).toBeGreaterThan(0);
    expect(engine.world.counters.kthEvents.reduce((x, y) => x + y, 0)).toBe(0);
  });
});

describe('the README', () => {
  it('lists every preset, with its sentence and link, as the code has them', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(presetTable());
  });
});
