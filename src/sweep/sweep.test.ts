import { describe, expect, it } from 'vitest';
import { parseSweepList } from './sweepList';
import { sweepParam } from './sweepParams';
import { readAxes, readSweepLink, sweepLinkValue, sweepPoints, splitVaryFlag } from './sweepSpec';
import { pointScenario } from './pointScenario';
import { sweepAnswers } from './sweepAnswer';
import { sweepMetric } from './sweepMetrics';

const list = (param: string, text: string) => parseSweepList(sweepParam(param)!, text);

describe('sweep lists', () => {
  it('reads comma lists and ranges with a factor or a step, ending at the end', () => {
    expect(list('qsize', '32,64,128')).toEqual({ ok: true, values: ['32', '64', '128'] });
    expect(list('qsize', '32..4096x2')).toEqual({ ok: true, values: ['32', '64', '128', '256', '512', '1024', '2048', '4096'] });
    const rates = list('rate', '1M..14.88M+1M');
    expect(rates.ok && rates.values).toEqual([
      '1M',
      '2M',
      '3M',
      '4M',
      '5M',
      '6M',
      '7M',
      '8M',
      '9M',
      '10M',
      '11M',
      '12M',
      '13M',
      '14M',
      '14.88M',
    ]);
    expect(list('drop', '0..1+0.1')).toEqual({
      ok: true,
      values: ['0', '0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1'],
    });
    expect(list('qsize', '100..300x2')).toEqual({ ok: true, values: ['100', '200', '300'] });
  });

  it('refuses bad lists with a message naming the parameter and what is wrong', () => {
    const message = (param: string, text: string) => {
      const r = list(param, text);
      return r.ok ? '' : r.message;
    };
    expect(message('qsize', '32,,64')).toMatch(/qsize=.*empty value/);
    expect(message('qsize', '32,abc')).toMatch(/"abc" is not a whole number/);
    expect(message('qsize', '4096..32x2')).toMatch(/ends before it starts/);
    expect(message('qsize', '0..64x2')).toMatch(/factor above 1 and a start above 0/);
    expect(message('qsize', '1..100000+1')).toMatch(/more than 64 values/);
    expect(message('kernel', '5.0..5.2+0.1')).toMatch(/comma list of values, not a range/);
    expect(message('rate', '1M..2M+0')).toMatch(/step must be more than 0/);
    expect(message('rate', '1M..2M')).toMatch(/needs a step or a factor/);
    expect(message('qsize', '32,32')).toMatch(/listed twice/);
  });
});

describe('sweep axes and points', () => {
  it('makes points in list order, the first parameter slowest', () => {
    const r = readAxes([
      ['targets', '1,2'],
      ['qsize', '64,128'],
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(sweepPoints(r.axes)).toEqual([
      { targets: '1', qsize: '64' },
      { targets: '1', qsize: '128' },
      { targets: '2', qsize: '64' },
      { targets: '2', qsize: '128' },
    ]);
    expect(sweepLinkValue(r.axes)).toBe('targets:1,2;qsize:64,128');
  });

  it('names an unknown parameter, a repeated one, too many, and a link part without a colon', () => {
    const bad = readAxes([['qsise', '1,2']]);
    expect(!bad.ok && bad.messages[0]).toMatch(/"qsise" cannot be swept: use one of qsize, targets/);
    const twice = readAxes([
      ['qsize', '1,2'],
      ['qsize', '3'],
    ]);
    expect(!twice.ok && twice.messages[0]).toMatch(/qsize is varied twice/);
    const three = readAxes([
      ['qsize', '1'],
      ['rate', '1M'],
      ['seed', '1'],
    ]);
    expect(!three.ok && three.messages[0]).toMatch(/at most 2 parameters/);
    const link = readSweepLink('qsize=32');
    expect(!link.ok && link.messages[0]).toMatch(/write PARAM:LIST/);
    expect(splitVaryFlag('qsize')).toMatch(/write PARAM=LIST/);
    expect(readAxes([])).toEqual({ ok: false, messages: [expect.stringMatching(/nothing to vary/)] });
  });
});

describe('point scenarios', () => {
  const base = 'cpus=8&rx=0,1,2,3&entries=4:128,5:128&rate=14.88M';
  it('puts qsize over every entry and targets after the RX CPUs', () => {
    const p = pointScenario(base, { targets: '3', qsize: '512' });
    expect(p.ok && p.scenario.entries).toEqual([
      { cpu: 4, qsize: 512 },
      { cpu: 5, qsize: 512 },
      { cpu: 6, qsize: 512 },
    ]);
  });
  it('rx counts queues from the first RX CPU; plain parameters go through the parser', () => {
    const p = pointScenario(base, { rx: '2', kernel: '5.0', opt: 'consume-batched+alloc-bulk' });
    expect(p.ok && p.scenario.rx).toEqual([0, 1]);
    expect(p.ok && p.scenario.kernel).toBe('5.0');
    expect(p.ok && p.scenario.opt).toEqual(['consume-batched', 'alloc-bulk']);
  });
  it("names a point the scenario refuses, with the scenario's own message", () => {
    const p = pointScenario(base, { targets: '6' });
    expect(p.ok).toBe(false);
    expect(!p.ok && p.messages.join()).toBe('targets=6: targets would need CPU 9, but the scenario has 8 CPUs (0 to 7)');
    const q = pointScenario(base, { rate: '20M' });
    expect(!q.ok && q.messages.join()).toMatch(/^rate=20M: .*line rate/);
  });
});

describe('the answer', () => {
  const axes = readAxes([['qsize', '32,64,128,256']]);
  const ring = sweepMetric('ringFullPps')!;
  const at = (drops: number[]) => drops.map((d, i) => ({ vary: { qsize: String(32 << i) }, values: { ringFullPps: d } }));
  it('is the smallest value from which on there are no drops', () => {
    if (!axes.ok) throw new Error('axes');
    expect(sweepAnswers(axes.axes, at([50, 0, 3, 0]), ring)).toEqual([{ text: 'smallest qsize with no ring-full drops: 256', point: 3 }]);
    expect(sweepAnswers(axes.axes, at([5, 4, 3, 2]), ring)[0].text).toBe(
      'smallest qsize with no ring-full drops: none swept (the largest, 256, still has some)',
    );
    expect(sweepAnswers(axes.axes, at([0, 0, 0, 0]), ring)[0].point).toBe(0);
    expect(sweepAnswers(axes.axes, at([1, 0, 0, 0]), sweepMetric('kthreadPps')!)).toEqual([]);
  });
});
