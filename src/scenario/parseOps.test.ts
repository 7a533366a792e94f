import { describe, it, expect } from 'vitest';
import { MAX_OP_TIME_NS, parseScenario } from './parse';
import { clean, oneProblem, refused } from './parseTestHelpers';
import { serializeScenario } from './serialize';

describe('parseScenario: ops', () => {
  it('reads the example timeline', () => {
    expect(clean('ops=1ms:update:4:64,2ms:delete:5,2ms:lookup:4,2ms:next:4,9ms:free').ops).toEqual([
      { at: 1_000_000, op: 'update', key: 4, qsize: 64, flags: 0 },
      { at: 2_000_000, op: 'delete', key: 5 },
      { at: 2_000_000, op: 'lookup', key: 4 },
      { at: 2_000_000, op: 'next', key: 4 },
      { at: 9_000_000, op: 'free' },
    ]);
  });

  it('reads optional arguments and their defaults', () => {
    expect(clean('ops=0:update:4:64:2,0:next,0:failslab,0:failslab:1000').ops).toEqual([
      { at: 0, op: 'update', key: 4, qsize: 64, flags: 2 },
      { at: 0, op: 'next', key: null },
      { at: 0, op: 'failslab', count: 1 },
      { at: 0, op: 'failslab', count: 1000 },
    ]);
  });

  it('leaves flags above 2 and large qsizes to the engine (-EINVAL, -EOVERFLOW)', () => {
    expect(clean('ops=0:update:4:16385:4294967295').ops).toEqual([{ at: 0, op: 'update', key: 4, qsize: 16_385, flags: 4_294_967_295 }]);
  });

  it('sorts by time, keeping the written order at equal times', () => {
    expect(
      clean('ops=3ms:free,1ms:lookup:1,1ms:lookup:2,0:lookup:3,1ms:lookup:0').ops.map((o) => [o.at, o.op === 'lookup' ? o.key : o.op]),
    ).toEqual([
      [0, 3],
      [1_000_000, 1],
      [1_000_000, 2],
      [1_000_000, 0],
      [3_000_000, 'free'],
    ]);
  });

  it('reads an empty value as no operations', () => {
    expect(clean('ops=').ops).toEqual([]);
  });

  it('accepts times up to 3600 s and refuses later ones', () => {
    expect(clean('ops=3600s:free').ops).toEqual([{ at: MAX_OP_TIME_NS, op: 'free' }]);
    refused('ops=3600.000000001s:free', 'ops', '3600.000000001s:free', '("3600.000000001s" is after 3600s)');
  });

  it('reports each bad operation by name, drops only those, and keeps the valid ones', () => {
    const { scenario, problems } = parseScenario('ops=1ms:free,x:free,2ms:update:4,3ms:lookup:1,4ms:bogus,,5ms:next:1:2');
    expect(problems.map((p) => [p.param, p.value])).toEqual([
      ['ops', 'x:free'],
      ['ops', '2ms:update:4'],
      ['ops', '4ms:bogus'],
      ['ops', ''],
      ['ops', '5ms:next:1:2'],
    ]);
    expect(problems[0].message).toMatch(/^ops: "x:free" is not allowed: TIME:OP, with TIME a duration .*\("x" is not a duration\)$/);
    expect(problems[1].message).toBe(
      'ops: "2ms:update:4" is not allowed: TIME:update:KEY:QSIZE or TIME:update:KEY:QSIZE:FLAGS, with KEY, QSIZE and FLAGS whole numbers from 0 to 4294967295, then on kernel 5.10 and later optionally :prog= as in entries',
    );
    expect(problems[2].message).toMatch(/\("bogus" is not an operation\)$/);
    expect(problems[3].message).toMatch(/\(an empty item\)$/);
    expect(problems[4].message).toContain('TIME:next or TIME:next:KEY');
    expect(scenario.ops).toEqual([
      { at: 1_000_000, op: 'free' },
      { at: 3_000_000, op: 'lookup', key: 1 },
    ]);
  });

  it.each([
    ['1ms', 'no operation'],
    ['1ms:delete', 'TIME:delete:KEY'],
    ['1ms:lookup:4294967296', 'TIME:lookup:KEY'],
    ['1ms:free:1', 'TIME:free, without arguments'],
    ['1ms:failslab:0', 'TIME:failslab or TIME:failslab:N, with N a whole number from 1 to 1000'],
    ['1ms:failslab:1001', 'from 1 to 1000'],
    ['1ms:update:1:2:3:4', 'TIME:update:KEY:QSIZE'],
    ['1ms:update:1e3:2', 'exponent notation'],
    ['1.5ns:free', '"1.5ns" is not a duration'],
    ['1:free', '"1" is not a duration'],
    ['-1ms:free', 'negative numbers are not accepted'],
  ])('refuses the operation %j', (op, allowed) => {
    expect(refused(`ops=${op}`, 'ops', op, allowed).ops).toEqual([]);
  });

  it('accepts 1000 operations and refuses 1001 whole, with one problem', () => {
    const ops = (n: number): string => Array.from({ length: n }, (_, i) => `${i}ns:free`).join(',');
    expect(clean(`ops=${ops(1000)}`).ops).toHaveLength(1000);
    const { scenario, problem } = oneProblem(`ops=${ops(1001)}`);
    expect(problem.param).toBe('ops');
    expect(problem.message).toMatch(/at most 1,000 operations \(this list has 1,001\); none are used$/);
    expect(scenario.ops).toEqual([]);
  });

  it('reads create with and without MAX, rate changes and RX interrupt moves', () => {
    expect(clean('rx=0,1,2&ops=1ms:create,2ms:create:4,3ms:create:0,4ms:rate:14.88M,5ms:rate:0,6ms:irq:2:7,7ms:irq:0:0').ops).toEqual([
      { at: 1_000_000, op: 'create', max: null },
      { at: 2_000_000, op: 'create', max: 4 },
      { at: 3_000_000, op: 'create', max: 0 },
      { at: 4_000_000, op: 'rate', rate: 14_880_000 },
      { at: 5_000_000, op: 'rate', rate: 0 },
      { at: 6_000_000, op: 'irq', queue: 2, cpu: 7 },
      { at: 7_000_000, op: 'irq', queue: 0, cpu: 0 },
    ]);
  });

  it('leaves max_entries 0 or above NR_CPUS to the create (-EINVAL, -E2BIG), as for max', () => {
    expect(clean('ops=0:create:4294967295').ops).toEqual([{ at: 0, op: 'create', max: 4_294_967_295 }]);
  });

  it("refuses a rate item above the line rate of the scenario's link and frame size, as for rate", () => {
    refused(
      'ops=1ms:rate:20M',
      'ops',
      '1ms:rate:20M',
      'TIME:rate:RATE, with RATE at most 14,880,952 pps, the line rate of a 10 Gbit/s link for 64-byte frames',
    );
    refused(
      'link=2.5&size=1518&ops=1ms:rate:1M',
      'ops',
      '1ms:rate:1M',
      'at most 203,185 pps, the line rate of a 2.5 Gbit/s link for 1518-byte frames',
    );
    expect(clean('link=2.5&size=1518&ops=1ms:rate:203k').ops).toEqual([{ at: 1_000_000, op: 'rate', rate: 203_000 }]);
    refused(
      'ops=1ms:rate:1e6',
      'ops',
      '1ms:rate:1e6',
      'TIME:rate:RATE, with RATE frames per second: a decimal number with an optional k, M or G suffix',
    );
  });

  it('refuses an irq item naming an RX queue or a CPU the scenario does not have', () => {
    refused(
      'cpus=4&rx=0,1&ops=1ms:irq:2:1',
      'ops',
      '1ms:irq:2:1',
      'TIME:irq:QUEUE:CPU, with QUEUE an RX queue from 0 to 1 (rx has 2 queues) and CPU from 0 to 3 since cpus is 4 (RX queue 2 does not exist)',
    );
    refused(
      'cpus=4&rx=3&ops=1ms:irq:0:4',
      'ops',
      '1ms:irq:0:4',
      'with QUEUE 0 (rx has 1 queue) and CPU from 0 to 3 since cpus is 4 (CPU 4 does not exist)',
    );
    // The checks use the scenario as read: a bad rx falls back to the default (two queues).
    const { scenario, problems } = parseScenario('rx=9&ops=1ms:irq:1:7,1ms:irq:2:0');
    expect(problems.map((p) => [p.param, p.value])).toEqual([
      ['rx', '9'],
      ['ops', '1ms:irq:2:0'],
    ]);
    expect(scenario.ops).toEqual([{ at: 1_000_000, op: 'irq', queue: 1, cpu: 7 }]);
  });

  it.each([
    ['1ms:create:x', 'TIME:create or TIME:create:MAX, with MAX a whole number from 0 to 4294967295'],
    ['1ms:create:1:2', 'TIME:create or TIME:create:MAX'],
    ['1ms:create:4294967296', 'TIME:create or TIME:create:MAX'],
    ['1ms:rate', 'TIME:rate:RATE, with RATE frames per second as for the rate parameter'],
    ['1ms:rate:1M:2', 'TIME:rate:RATE'],
    ['1ms:irq:0', 'TIME:irq:QUEUE:CPU'],
    ['1ms:irq:0:1:2', 'TIME:irq:QUEUE:CPU'],
    ['1ms:irq:-1:1', 'negative numbers are not accepted'],
  ])('refuses the operation %j', (op, allowed) => {
    expect(refused(`ops=${op}`, 'ops', op, allowed).ops).toEqual([]);
  });
});

describe('parseScenario: an update with an entry program (5.9+)', () => {
  it('5.10: reads update:KEY:QSIZE[:FLAGS]:prog=ACTION[:FRACTION]', () => {
    expect(
      clean('kernel=5.10&ops=20ms:update:4:2048:prog=drop,30ms:update:5:64:2:prog=redirect:0.25,40ms:update:6:64:prog=pass').ops,
    ).toEqual([
      { at: 20_000_000, op: 'update', key: 4, qsize: 2048, flags: 0, prog: { action: 'drop', fraction: 1 } },
      { at: 30_000_000, op: 'update', key: 5, qsize: 64, flags: 2, prog: { action: 'redirect', fraction: 0.25 } },
      { at: 40_000_000, op: 'update', key: 6, qsize: 64, flags: 0, prog: { action: 'pass', fraction: 1 } },
    ]);
  });

  it('5.4: refuses an update with a program with the same words as entries, and keeps the other items', () => {
    const { scenario, problem } = oneProblem('kernel=5.4&ops=1ms:lookup:4,20ms:update:4:2048:prog=drop');
    expect(problem.message).toContain('"20ms:update:4:2048:prog=drop": entry programs need kernel 5.9 or later (kernel=5.10 or newer)');
    expect(scenario.ops).toEqual([{ at: 1_000_000, op: 'lookup', key: 4 }]);
  });

  it('5.10: names what is wrong with a bad program', () => {
    refused(
      'kernel=5.10&ops=0:update:4:64:prog=tx',
      'ops',
      '0:update:4:64:prog=tx',
      'after KEY:QSIZE[:FLAGS] comes prog=pass, prog=drop or prog=redirect',
    );
    refused('kernel=5.10&ops=0:update:4:64:prog=drop:1.5', 'ops', '0:update:4:64:prog=drop:1.5', 'may take one fraction from 0 to 1');
    refused('kernel=5.10&ops=0:update:4:64:prog=pass:0.5', 'ops', '0:update:4:64:prog=pass:0.5', 'may take one fraction from 0 to 1');
    // The program comes after the numbers, never between them.
    refused('kernel=5.10&ops=0:update:4:prog=drop', 'ops', '0:update:4:prog=drop', 'TIME:update:KEY:QSIZE');
  });

  it('5.10: round-trips through serializeScenario', () => {
    const query = 'kernel=5.10&ops=20ms:update:4:2048:prog=drop:0.25,30ms:update:5:64:2:prog=pass';
    const s = clean(query);
    expect(serializeScenario(s)).toBe(query);
    expect(clean(serializeScenario(s))).toEqual(s);
  });
});
