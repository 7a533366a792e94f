import { describe, it, expect } from 'vitest';
import { DEFAULT_SCENARIO } from './defaults';
import { MAX_QUERY_LENGTH, parseScenario, SCENARIO_PARAMS } from './parse';
import { OPTIMIZATIONS } from './types';
import { clean, oneProblem, refused } from './parseTestHelpers';
import { serializeScenario } from './serialize';

describe('parseScenario: defaults and general behaviour', () => {
  it('gives the default scenario for an empty query, with or without the leading ?', () => {
    expect(clean('')).toEqual(DEFAULT_SCENARIO);
    expect(clean('?')).toEqual(DEFAULT_SCENARIO);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_SCENARIO).toEqual({
      kernel: '5.2',
      opt: null,
      preempt: 'full',
      cpus: 8,
      max: 8,
      rx: [0, 1],
      ring: 512,
      entries: [
        { cpu: 4, qsize: 192 },
        { cpu: 5, qsize: 192 },
      ],
      rate: 1_000_000,
      size: 64,
      link: 10,
      flows: 64,
      arrival: { kind: 'poisson' },
      traffic: { kind: 'udp' },
      prog: { kind: 'hash' },
      mode: 'native',
      drop: 0,
      stack: 'udp-noport',
      seed: 1,
      cap: true,
      ops: [],
    });
  });

  it('returns a fresh scenario that can be changed without touching the defaults', () => {
    const s = clean('');
    s.entries.push({ cpu: 6, qsize: 64 });
    s.rx[0] = 7;
    expect(DEFAULT_SCENARIO.entries).toHaveLength(2);
    expect(DEFAULT_SCENARIO.rx).toEqual([0, 1]);
    expect(Object.isFrozen(DEFAULT_SCENARIO.entries)).toBe(true);
  });

  it('accepts a leading ? and percent-encoded values', () => {
    const s = clean('?stack=udp%2Dnoport&ops=1ms%3Afree&cpus=%34');
    expect(s.cpus).toBe(4);
    expect(s.ops).toEqual([{ at: 1_000_000, op: 'free' }]);
  });

  it('keeps every valid parameter when others fall back to their defaults', () => {
    const { scenario, problems } = parseScenario('cpus=4&ring=1&rate=2M&stack=nope&seed=7');
    expect(problems.map((p) => p.param)).toEqual(['ring', 'stack']);
    expect(scenario).toEqual({ ...DEFAULT_SCENARIO, cpus: 4, max: 4, rate: 2_000_000, seed: 7 });
  });

  it('reports an unknown parameter, listing the known ones', () => {
    const { scenario, problem } = oneProblem('speed=2&cpus=4');
    expect(problem).toMatchObject({ param: 'speed', value: '2' });
    expect(problem.message).toBe(`speed: "2" is not allowed: unknown parameter (the parameters are ${SCENARIO_PARAMS.join(', ')})`);
    expect(scenario.cpus).toBe(4);
  });

  it('ignores the extra (view) parameters it is told about, even when repeated', () => {
    expect(clean('speed=2&speed=3&view=map&cpus=4', { extraParams: ['speed', 'view'] }).cpus).toBe(4);
  });

  it('reports a parameter given twice and uses the first value', () => {
    const { scenario, problem } = oneProblem('cpus=4&cpus=6');
    expect(problem).toMatchObject({ param: 'cpus', value: '6' });
    expect(problem.message).toBe('cpus: "6" is not allowed: a parameter may be given only once (the first value, "4", is used)');
    expect(scenario.cpus).toBe(4);
  });

  it('falls back to the default when the first of a repeated parameter is bad, reporting both', () => {
    const { scenario, problems } = parseScenario('cpus=99&cpus=4');
    expect(problems.map((p) => [p.param, p.value])).toEqual([
      ['cpus', '99'],
      ['cpus', '4'],
    ]);
    expect(scenario.cpus).toBe(8);
  });

  it('lists problems in the order of the parameters in the query', () => {
    const { problems } = parseScenario('stack=x&foo=1&rate=20M&cpus=0&ops=x:free');
    expect(problems.map((p) => p.param)).toEqual(['stack', 'foo', 'rate', 'cpus', 'ops']);
  });

  it('shortens long values to 80 characters in the problem, without splitting a surrogate pair', () => {
    const long = '😀'.repeat(100);
    const { problem } = oneProblem(`stack=${encodeURIComponent(long)}`);
    expect(Array.from(problem.value)).toHaveLength(80);
    expect(problem.value).toBe(`${'😀'.repeat(79)}…`);
    expect(problem.message).toContain(`"${'😀'.repeat(79)}…"`);
    expect(problem.message.length).toBeLessThan(400);
  });

  it('keeps a value of exactly 80 characters whole', () => {
    const value = 'x'.repeat(80);
    expect(oneProblem(`stack=${value}`).problem.value).toBe(value);
  });

  it('keeps messages on one line by escaping quotes and control characters in the value', () => {
    const { problem } = oneProblem('stack=a%0Ab%22c');
    expect(problem.value).toBe('a\nb"c');
    expect(problem.message).toBe('stack: "a\\nb\\"c" is not allowed: iptables-drop, udp-noport or deliver');
  });

  it(`refuses a query longer than ${MAX_QUERY_LENGTH} characters whole, with one problem`, () => {
    const query = `cpus=4&pad=${'x'.repeat(MAX_QUERY_LENGTH)}`;
    const { scenario, problem } = oneProblem(query);
    expect(scenario).toEqual(DEFAULT_SCENARIO);
    expect(problem.param).toBe('query');
    expect(problem.message).toMatch(/at most 65,536 characters \(this one has 65,547\); the defaults are used$/);
  });

  it(`reads a query of exactly ${MAX_QUERY_LENGTH} characters`, () => {
    const head = 'cpus=4&pad=';
    const query = head + 'x'.repeat(MAX_QUERY_LENGTH - head.length);
    expect(query).toHaveLength(MAX_QUERY_LENGTH);
    expect(clean(query, { extraParams: ['pad'] }).cpus).toBe(4);
  });
});

describe('parseScenario: kernel', () => {
  it.each(['5.0', '5.2', '5.4', '5.10', '5.15', '6.1', '6.6', '6.12', '6.18'] as const)('reads kernel=%s', (kernel) => {
    expect(clean(`kernel=${kernel}`).kernel).toBe(kernel);
  });

  it.each(['5.1', '', '5', 'v5.0', '5.0 ', '5.3', '5.9', '5.1O', '6.10', '7.0'])(
    'refuses kernel=%j, naming every version it accepts',
    (value) => {
      expect(
        refused(`kernel=${encodeURIComponent(value)}`, 'kernel', value, '5.0, 5.2, 5.4, 5.10, 5.15, 6.1, 6.6, 6.12 or 6.18').kernel,
      ).toBe('5.2');
    },
  );
});

describe('parseScenario: preempt', () => {
  it('is full (CONFIG_PREEMPT, the calibration kernel) when absent, so links without it keep their meaning', () => {
    expect(clean('').preempt).toBe('full');
    expect(clean('kernel=5.0&rate=14.7M').preempt).toBe('full');
  });

  it.each(['full', 'none'] as const)('reads preempt=%s', (preempt) => {
    expect(clean(`preempt=${preempt}`).preempt).toBe(preempt);
  });

  it.each(['', 'voluntary', 'FULL', 'rt', '1'])('refuses preempt=%j, naming full and none', (value) => {
    expect(refused(`preempt=${value}`, 'preempt', value, 'full or none').preempt).toBe('full');
  });
});

describe('parseScenario: mode', () => {
  it('is native (the program in the driver) when absent, so links without it keep their meaning', () => {
    expect(clean('').mode).toBe('native');
    expect(clean('kernel=5.15&rate=14.7M').mode).toBe('native');
  });

  it.each(['native', 'skb'] as const)('reads mode=%s on every kernel (generic XDP before 5.15 is modelled, not refused)', (mode) => {
    expect(clean(`mode=${mode}`).mode).toBe(mode);
    expect(clean(`kernel=5.0&mode=${mode}`).mode).toBe(mode);
  });

  it.each(['', 'generic', 'SKB', 'hw', 'drv', '1'])('refuses mode=%j, naming native and skb, and keeps every other parameter', (value) => {
    const s = refused(`kernel=5.15&rate=2M&mode=${value}`, 'mode', value, 'native or skb (skb is generic XDP, as xdp-bench -m skb)');
    expect(s.mode).toBe('native');
    expect(s.kernel).toBe('5.15');
    expect(s.rate).toBe(2_000_000);
  });
});

describe('parseScenario: opt', () => {
  it('is null when absent', () => {
    expect(clean('').opt).toBeNull();
  });

  it('reads none as the empty list and all as every optimization in order', () => {
    expect(clean('opt=none').opt).toEqual([]);
    expect(clean('opt=all').opt).toEqual([...OPTIMIZATIONS]);
  });

  it('reads a comma list, keeping its order', () => {
    expect(clean('opt=prefetchw,consume-batched').opt).toEqual(['prefetchw', 'consume-batched']);
  });

  it('refuses a repeated name', () => {
    const s = refused('opt=alloc-bulk,alloc-bulk', 'opt', 'alloc-bulk,alloc-bulk', /each at most once \(alloc-bulk is listed twice\)$/);
    expect(s.opt).toBeNull();
  });

  it.each(['bulk', '', 'none,all', 'alloc-bulk,', 'ALL'])('refuses opt=%j, naming the allowed names', (value) => {
    refused(`opt=${value}`, 'opt', value, `none, all, or a comma-separated list of ${OPTIMIZATIONS.slice(0, 3).join(', ')} or prefetchw`);
  });
});

describe('parseScenario: cpus and max', () => {
  it.each([1, 8, 64])('reads cpus=%i, and max follows it', (cpus) => {
    const s = clean(`cpus=${cpus}`);
    expect(s.cpus).toBe(cpus);
    expect(s.max).toBe(cpus);
  });

  it('says what is allowed for cpus', () => {
    expect(oneProblem('cpus=99').problem.message).toBe('cpus: "99" is not allowed: a whole number from 1 to 64');
  });

  it.each(['0', '65', '1.5', '-4', '', 'eight', '0x8'])('refuses cpus=%j', (value) => {
    const s = refused(`cpus=${value}`, 'cpus', value, 'a whole number from 1 to 64');
    expect(s.cpus).toBe(8);
    expect(s.max).toBe(8);
  });

  it('refuses exponent notation and says so', () => {
    refused('cpus=1e1', 'cpus', '1e1', 'exponent notation such as 1e30 is not accepted');
  });

  it('refuses surrounding spaces, including a + that a URL turns into a space', () => {
    refused('cpus=+4', 'cpus', ' 4', /spaces are not accepted \(in a URL, \+ stands for a space\)/);
    refused('cpus=%204', 'cpus', ' 4', 'spaces are not accepted');
    refused('cpus=%2B4', 'cpus', '+4', 'a leading + is not accepted');
  });

  it('accepts any u32 for max, including 0 and values above 64 that the engine rejects', () => {
    expect(clean('max=0').max).toBe(0);
    expect(clean('max=65').max).toBe(65);
    expect(clean('max=4294967295').max).toBe(4_294_967_295);
    expect(clean('cpus=4&max=8').max).toBe(8);
  });

  it('refuses max beyond u32 and falls back to cpus', () => {
    const { scenario, problems } = parseScenario('cpus=4&max=4294967296');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe('max: "4294967296" is not allowed: a whole number from 0 to 4294967295');
    expect(scenario.max).toBe(4);
  });

  it('lets max follow the default cpus when cpus is bad', () => {
    expect(parseScenario('cpus=0').scenario.max).toBe(8);
  });
});

describe('parseScenario: rx', () => {
  it('reads a list of CPUs, repeats allowed (two queues on one CPU)', () => {
    expect(clean('rx=3').rx).toEqual([3]);
    expect(clean('rx=0,1,2,3').rx).toEqual([0, 1, 2, 3]);
    expect(clean('rx=2,2').rx).toEqual([2, 2]);
  });

  it('accepts up to 64 queues', () => {
    const rx = Array.from({ length: 64 }, (_, i) => i);
    expect(clean(`cpus=64&rx=${rx.join(',')}`).rx).toEqual(rx);
  });

  it('refuses 65 queues', () => {
    const value = Array.from({ length: 65 }, () => '0').join(',');
    refused(`rx=${value}`, 'rx', value.slice(0, 79) + '…', /1 to 64 CPU numbers.*\(65 queues\)/);
  });

  it('refuses a CPU that does not exist with the parsed cpus (a cross-field rule)', () => {
    const s = refused(
      'cpus=4&rx=0,4',
      'rx',
      '0,4',
      'rx: "0,4" is not allowed: a comma-separated list of 1 to 64 CPU numbers, each from 0 to 3 since cpus is 4 (CPU 4 does not exist)',
    );
    expect(s.rx).toEqual([0, 1]);
  });

  it.each(['', '0,', 'a', '0;1', '-1', '1.0'])('refuses rx=%j', (value) => {
    expect(refused(`rx=${value}`, 'rx', value, 'a comma-separated list of 1 to 64 CPU numbers').rx).toEqual([0, 1]);
  });

  it('defaults to the default queues that exist: [0] with one CPU', () => {
    expect(clean('cpus=1').rx).toEqual([0]);
    expect(parseScenario('cpus=1&rx=1').scenario.rx).toEqual([0]);
  });
});

describe('parseScenario: ring, size, flows, seed (whole numbers)', () => {
  it.each([
    ['ring', 32, 8192],
    ['size', 64, 1518],
    ['flows', 1, 65_536],
    ['seed', 0, 4_294_967_295],
  ] as const)('reads %s from %i to %i and refuses values just outside', (param, min, max) => {
    expect(clean(`${param}=${min}`)[param]).toBe(min);
    expect(clean(`${param}=${max}`)[param]).toBe(max);
    for (const value of [String(min - 1), String(max + 1), `${min}.5`, 'x']) {
      const s = refused(`${param}=${value}`, param, value, `from ${min} to ${max}`);
      expect(s[param]).toBe(DEFAULT_SCENARIO[param]);
    }
  });
});

describe('parseScenario: entries', () => {
  it('reads CPU:QSIZE pairs', () => {
    expect(clean('entries=4:192,6:64').entries).toEqual([
      { cpu: 4, qsize: 192 },
      { cpu: 6, qsize: 64 },
    ]);
  });

  it('reads an empty value as no entries', () => {
    expect(clean('entries=').entries).toEqual([]);
  });

  it('leaves ranges such as qsize > 16384 or keys beyond cpus to the engine', () => {
    expect(clean('entries=4294967295:4294967295,9:16385').entries).toEqual([
      { cpu: 4_294_967_295, qsize: 4_294_967_295 },
      { cpu: 9, qsize: 16_385 },
    ]);
  });

  it('refuses a key given twice', () => {
    refused('entries=4:1,4:2', 'entries', '4:1,4:2', /each CPU at most once \(CPU 4 is listed twice\)$/);
  });

  it.each(['4', '4:', ':4', '4:1:2', '4:1,', 'a:b', '4:4294967296', '4294967296:1', '4:-1'])('refuses entries=%j', (value) => {
    const s = refused(`entries=${value}`, 'entries', value, 'CPU:QSIZE pairs of whole numbers from 0 to 4294967295');
    expect(s.entries).toEqual(DEFAULT_SCENARIO.entries);
  });

  it('refuses more than 64 entries', () => {
    const value = Array.from({ length: 65 }, (_, i) => `${i}:1`).join(',');
    expect(parseScenario(`entries=${value}`).problems[0].message).toMatch(/\(65 entries\)$/);
    const ok = Array.from({ length: 64 }, (_, i) => `${i}:1`).join(',');
    expect(clean(`entries=${ok}`).entries).toHaveLength(64);
  });
});

describe('parseScenario: entry programs (5.9+)', () => {
  it.each([
    ['4:2048:prog=drop', { action: 'drop', fraction: 1 }],
    ['4:2048:prog=pass', { action: 'pass', fraction: 1 }],
    ['4:2048:prog=redirect', { action: 'redirect', fraction: 1 }],
    ['4:2048:prog=drop:0.25', { action: 'drop', fraction: 0.25 }],
    ['4:2048:prog=redirect:0', { action: 'redirect', fraction: 0 }],
  ])('5.10: reads entries=%s', (entries, prog) => {
    expect(clean(`kernel=5.10&entries=${entries}`).entries).toEqual([{ cpu: 4, qsize: 2048, prog }]);
  });

  it.each(['4:2048:prog=drop', '4:2048:prog=pass', '5:64,4:2048:prog=drop:0.5'])(
    '5.4: refuses entries=%s: entry programs need 5.9',
    (entries) => {
      refused(`kernel=5.4&entries=${entries}`, 'entries', entries, 'entry programs need kernel 5.9 or later (kernel=5.10 or newer)');
    },
  );

  it('refuses entry programs on the default kernel (5.2) too', () => {
    refused('entries=4:2048:prog=drop', 'entries', '4:2048:prog=drop', 'entry programs need kernel 5.9 or later (kernel=5.10 or newer)');
  });

  it.each([
    '4:2048:prog=tx',
    '4:2048:drop',
    '4:2048:prog=pass:0.5',
    '4:2048:prog=drop:1.5',
    '4:2048:prog=drop:x',
    '4:2048:prog=drop:0.5:1',
  ])('5.10: refuses entries=%s, saying what may follow CPU:QSIZE', (entries) => {
    refused(`kernel=5.10&entries=${entries}`, 'entries', entries, /prog=/);
  });

  it('5.10: entry programs round-trip through serializeScenario', () => {
    const query = 'kernel=5.10&entries=4:2048:prog=drop:0.25,5:256:prog=redirect,6:64:prog=pass,7:128';
    const s = clean(query);
    const text = serializeScenario(s, 'full');
    expect(text).toContain('entries=4:2048:prog=drop:0.25,5:256:prog=redirect,6:64:prog=pass,7:128');
    expect(clean(text)).toEqual(s);
  });
});
