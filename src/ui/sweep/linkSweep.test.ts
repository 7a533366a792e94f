import { describe, expect, it } from 'vitest';
import { buildLinkQuery, EMPTY_VIEW, readViewState } from '../url/viewState';
import { parseScenario } from '../../scenario/parse';
import { VIEW_PARAMS } from '../../scenario/viewParams';
import { readLinkSweep } from './linkSweep';
import { sweepLinkValue } from '../../sweep/sweepSpec';

describe('sweep= in a link', () => {
  it('is a view parameter: kept as given, written back readable, and no scenario problem', () => {
    const { view, problems } = readViewState('rx=0,1&sweep=qsize:32,64;rate:1M..3M%2B1M');
    expect(problems).toEqual([]);
    expect(view.sweep).toBe('qsize:32,64;rate:1M..3M+1M');
    const q = buildLinkQuery('rx=0,1', view);
    expect(q).toBe('v=1&rx=0,1&sweep=qsize:32,64;rate:1M..3M%2B1M');
    expect(readViewState(q).view).toEqual({ ...EMPTY_VIEW, sweep: view.sweep });
    expect(parseScenario('rx=0,1&sweep=qsize:32', { extraParams: VIEW_PARAMS }).problems).toEqual([]);
    // Anything else is escaped whole, a character outside the BMP included; junk is named and left out.
    const written = buildLinkQuery('', { ...EMPTY_VIEW, sweep: 'qsize:32,64;rate:1M..3M+1M&\u{10000}' });
    expect(written).toBe('v=1&sweep=qsize:32,64;rate:1M..3M%2B1M%26%F0%90%80%80');
    // Kept as given by the view state; the Sweep code names it (below).
    expect(readViewState(written).view.sweep).toBe('qsize:32,64;rate:1M..3M+1M&\u{10000}');
  });

  it('is read into axes, a + the address turned into a space read back as +', () => {
    const read = readLinkSweep('qsize:32..256x2;rate:1M..3M 1M');
    expect('axes' in read && read.axes.map((a) => [a.param, a.values])).toEqual([
      ['qsize', ['32', '64', '128', '256']],
      ['rate', ['1M', '2M', '3M']],
    ]);
  });

  it("names a bad value in the link notice's words, with readSweepLink's message", () => {
    const read = (value: string) => {
      const r = readLinkSweep(value);
      return 'problems' in r ? r.problems : [];
    };
    expect(read('qsise:1,2')).toEqual([
      {
        param: 'sweep',
        value: 'qsise:1,2',
        message: expect.stringMatching(/^sweep: "qsise:1,2" is not allowed: "qsise" cannot be swept: use one of qsize, targets/),
      },
    ]);
    expect(read('qsize=32')[0].message).toBe('sweep: "qsize=32" is not allowed: "qsize=32": write PARAM:LIST, e.g. qsize:32,64,128');
    expect(read('qsize:32,,64')[0].message).toMatch(/empty value/);
    // Every reason in one problem; a part that is not PARAM:LIST is not also "nothing to vary".
    expect(read('qsise:1;measure:soon').map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^sweep: "qsise:1;measure:soon" is not allowed: measure: "soon" is not a simulated time .*; "qsise" cannot be swept/,
      ),
    ]);
    expect(read(' ')).toEqual([
      { param: 'sweep', value: ' ', message: 'sweep: "+" is not allowed: "+": write PARAM:LIST, e.g. qsize:32,64,128' },
    ]);
  });

  it('carries the measured span as measure:SPAN, written only when it is not the default', () => {
    const read = readLinkSweep('qsize:32,64;measure:250ms');
    expect('axes' in read && [read.axes.map((a) => a.param), read.measuredNs]).toEqual([['qsize'], 250e6]);
    const plain = readLinkSweep('qsize:32,64');
    expect('axes' in plain && plain.measuredNs).toBe(100e6);
    if (!('axes' in read)) return;
    expect(sweepLinkValue(read.axes, 250e6)).toBe('qsize:32,64;measure:250ms');
    expect(sweepLinkValue(read.axes, 100e6)).toBe('qsize:32,64');
    const problems = (value: string) => {
      const r = readLinkSweep(value);
      return 'problems' in r ? r.problems.map((p) => p.message) : [];
    };
    expect(problems('qsize:32;measure:soon')).toEqual([
      'sweep: "qsize:32;measure:soon" is not allowed: measure: "soon" is not a simulated time such as 100ms or 1s',
    ]);
    expect(problems('qsize:32;measure:11s')).toEqual(['sweep: "qsize:32;measure:11s" is not allowed: measure: at most 10s per point']);
    expect(problems('measure:1s')).toEqual([expect.stringMatching(/^sweep: "measure:1s" is not allowed: nothing to vary/)]);
  });

  it('is named and ignored side by side', () => {
    const { view, problems } = readViewState('compare=kernel%3D5.0&sweep=qsize:32');
    expect(view.sweep).toBeNull();
    expect(problems.map((p) => p.param)).toEqual(['sweep']);
  });
});
