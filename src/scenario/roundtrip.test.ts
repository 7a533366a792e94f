import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SCENARIO } from './defaults';
import { parseScenario, SCENARIO_PARAMS } from './parse';
import { serializeScenario } from './serialize';
import { OPTIMIZATIONS, type Scenario } from './types';
import { validScenario } from './scenarioArbitraries';

describe('serializeScenario', () => {
  it('writes nothing for the default scenario in short mode', () => {
    expect(serializeScenario(DEFAULT_SCENARIO)).toBe('');
  });

  it('writes every parameter in the fixed order in full mode, commas and colons unencoded', () => {
    expect(serializeScenario(DEFAULT_SCENARIO, 'full')).toBe(
      'kernel=5.2&preempt=full&cpus=8&max=8&rx=0,1&ring=512&entries=4:192,5:192&rate=1M&size=64&link=10&flows=64' +
        '&arrival=poisson&prog=hash&drop=0&stack=udp-noport&seed=1&cap=1&ops=',
    );
  });

  it('writes rates, durations and optional arguments in their short forms', () => {
    const s: Scenario = {
      ...DEFAULT_SCENARIO,
      opt: [...OPTIMIZATIONS],
      rate: 14_880_000,
      arrival: { kind: 'bursty', burst: 64 },
      prog: { kind: 'cpu', cpu: 9 },
      ops: [
        { at: 1_000_000, op: 'update', key: 4, qsize: 64, flags: 0 },
        { at: 1_500_000, op: 'update', key: 4, qsize: 64, flags: 2 },
        { at: 2_000_000, op: 'next', key: null },
        { at: 2_500, op: 'failslab', count: 1 },
        { at: 3_000_000_000, op: 'failslab', count: 3 },
        { at: 3_000_000_000, op: 'create', max: null },
        { at: 3_000_000_000, op: 'create', max: 4 },
        { at: 3_500_000_000, op: 'rate', rate: 500_000 },
        { at: 4_000_000_000, op: 'irq', queue: 1, cpu: 6 },
      ],
    };
    expect(serializeScenario(s)).toBe(
      'opt=all&rate=14.88M&arrival=bursty&prog=cpu:9&ops=1ms:update:4:64,1.5ms:update:4:64:2,2ms:next,2.5us:failslab,3s:failslab:3,' +
        '3s:create,3s:create:4,3.5s:rate:500k,4s:irq:1:6',
    );
  });

  it('omits max when it equals cpus, and rx when it is the default for cpus', () => {
    expect(serializeScenario({ ...DEFAULT_SCENARIO, cpus: 1, max: 1, rx: [0] })).toBe('cpus=1');
    expect(serializeScenario({ ...DEFAULT_SCENARIO, cpus: 4, max: 8 })).toBe('cpus=4&max=8');
  });

  it('writes a lone surrogate (from a scenario file) as U+FFFD instead of throwing', () => {
    expect(serializeScenario({ ...DEFAULT_SCENARIO, kernel: '5.2\uD800' as '5.2', stack: '\uDC00x' as 'deliver' })).toBe(
      'kernel=5.2%EF%BF%BD&stack=%EF%BF%BDx',
    );
  });

  it('writes preempt only when it is not the default full', () => {
    expect(serializeScenario({ ...DEFAULT_SCENARIO, preempt: 'none' })).toBe('preempt=none');
    expect(serializeScenario({ ...DEFAULT_SCENARIO, kernel: '5.0', preempt: 'none' })).toBe('kernel=5.0&preempt=none');
  });

  it('writes mode only for generic XDP (skb), in both modes, so native scenarios read as before', () => {
    expect(serializeScenario({ ...DEFAULT_SCENARIO, mode: 'skb' })).toBe('mode=skb');
    expect(serializeScenario({ ...DEFAULT_SCENARIO, kernel: '5.15', mode: 'skb' }, 'full')).toContain('&prog=hash&mode=skb&drop=0&');
    expect(serializeScenario(DEFAULT_SCENARIO, 'full')).not.toContain('mode=');
  });

  it('writes opt=none for an empty list and leaves out a null opt in both modes', () => {
    expect(serializeScenario({ ...DEFAULT_SCENARIO, opt: [] })).toBe('opt=none');
    expect(serializeScenario(DEFAULT_SCENARIO, 'full')).not.toContain('opt=');
  });
});

describe('round trip: parseScenario(serializeScenario(s)) gives s back', () => {
  it.each(['short', 'full'] as const)('in %s mode, for every valid scenario, with no problems', (mode) => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const { scenario, problems } = parseScenario(serializeScenario(s, mode));
        expect(problems).toEqual([]);
        expect(scenario).toEqual(s);
      }),
      { numRuns: 500 },
    );
  });

  it('writes only characters that need no percent-encoding, and short is never longer than full', () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const short = serializeScenario(s, 'short');
        const full = serializeScenario(s, 'full');
        expect(full).toMatch(/^[A-Za-z0-9=&.,:_-]*$/);
        expect(short.length).toBeLessThanOrEqual(full.length);
        const order = full.split('&').map((part) => part.slice(0, part.indexOf('=')));
        const written = (p: string) =>
          (p !== 'opt' || s.opt !== null) && (p !== 'traffic' || s.traffic.kind !== 'udp') && (p !== 'mode' || s.mode !== 'native');
        expect(order).toEqual(SCENARIO_PARAMS.filter(written));
      }),
    );
  });
});
