import { describe, expect, it } from 'vitest';
import { buildLinkQuery, EMPTY_VIEW, formatSel, parseSel, readViewState, type ViewState } from './viewState';
import { linkScenarioQuery, manualOpSpec } from './linkQuery';
import type { InspectTarget } from '../../worker/protocol';
import { parseScenario } from '../../scenario/parse';
import { VIEW_PARAMS } from '../scenarioQuery';

describe('view state in a link', () => {
  it('round-trips every field', () => {
    const view: ViewState = { ...EMPTY_VIEW, speed: 500000, paused: true, t: 2_500_000, sel: { kind: 'entry', uid: 4 }, theme: 'dark' };
    const q = buildLinkQuery('rx=3&entries=4:192', view);
    expect(q).toBe('v=1&rx=3&entries=4:192&speed=500000&paused=1&t=2.5ms&sel=entry:4&theme=dark');
    expect(readViewState(q)).toEqual({ view, problems: [] });
    const max = buildLinkQuery('', { ...EMPTY_VIEW, speed: Infinity, paused: false, t: null });
    expect(max).toBe('v=1&speed=max');
    expect(readViewState(max).view).toEqual({ ...EMPTY_VIEW, speed: Infinity, paused: false, t: null });
  });

  it('round-trips the lesson, its step, presentation, embed and a side-by-side pair', () => {
    const view: ViewState = { ...EMPTY_VIEW, paused: true, lesson: 'one-frame', step: 3, present: true, embed: true };
    const q = buildLinkQuery('kernel=5.0', view);
    expect(q).toBe('v=1&kernel=5.0&paused=1&lesson=one-frame&step=3&present=1&embed=1');
    expect(readViewState(q)).toEqual({ view, problems: [] });
    const pair: ViewState = { ...EMPTY_VIEW, paused: true, present: true, compare: 'kernel=5.2&entries=4:64' };
    const pq = buildLinkQuery('kernel=5.0', pair);
    expect(pq).toBe('v=1&kernel=5.0&paused=1&present=1&compare=kernel%3D5.2%26entries%3D4%3A64');
    expect(readViewState(pq)).toEqual({ view: pair, problems: [] });
    const bad = readViewState('lesson=<b>x</b>&step=0&embed=yes&present=2&compare=' + 'x'.repeat(2001));
    expect(bad.view).toEqual(EMPTY_VIEW);
    expect(bad.problems.map((p) => p.param)).toEqual(['lesson', 'step', 'embed', 'present', 'compare']);
  });

  it('round-trips every kind of selection', () => {
    const sels: InspectTarget[] = [
      { kind: 'cpu', cpu: 3 },
      { kind: 'nic', queue: 0 },
      { kind: 'entry', uid: 7 },
      { kind: 'bulkq', uid: 7, cpu: 3 },
      { kind: 'frame', frame: 12 },
    ];
    for (const sel of sels) expect(parseSel(formatSel(sel))).toEqual(sel);
  });

  it('writes t only when paused, rounded up to whole nanoseconds', () => {
    expect(buildLinkQuery('', { ...EMPTY_VIEW, speed: 2000, paused: false, t: 5 })).toBe('v=1&speed=2000');
    expect(buildLinkQuery('', { ...EMPTY_VIEW, speed: 2000, paused: true, t: 1.2 })).toBe('v=1&speed=2000&paused=1&t=2ns');
  });

  it('ignores junk with a problem message naming the value', () => {
    const { view, problems } = readViewState('v=2&speed=fast&paused=yes&t=-1ms&sel=<script>&theme=pink&cpus=4');
    expect(view).toEqual({ ...EMPTY_VIEW, speed: null, paused: false, t: null });
    expect(problems.map((p) => p.param)).toEqual(['v', 'speed', 'paused', 't', 'sel', 'theme']);
    expect(problems[1].message).toContain('"fast"');
    expect(problems[4].message).toContain('"<script>"');
  });

  it('names a repeated view parameter and reads only its first value', () => {
    const { view, problems } = readViewState('speed=5&theme=dark&speed=junk&theme=%3Cimg%3E&lesson=ptr-ring&lesson=x');
    expect(view).toEqual({ ...EMPTY_VIEW, speed: 5, theme: 'dark', lesson: 'ptr-ring' });
    expect(problems.map((p) => [p.param, p.value])).toEqual([
      ['speed', 'junk'],
      ['theme', '<img>'],
      ['lesson', 'x'],
    ]);
    expect(problems[0].message).toBe('speed: "junk" is not allowed: a parameter may be given only once (only the first, "5", is read)');
  });

  it('names the lesson, step, selection and embedding a side-by-side link ignores', () => {
    const { view, problems } = readViewState('compare=kernel%3D5.0&lesson=one-frame&step=2&sel=cpu:1&embed=1&present=1&embed=0');
    expect(view).toEqual({ ...EMPTY_VIEW, compare: 'kernel=5.0', present: true });
    expect(problems.map((p) => p.param)).toEqual(['embed', 'lesson', 'step', 'sel', 'embed']);
    expect(problems[1].message).toMatch(/^lesson: "one-frame" is not allowed: not used side by side .*; ignored$/);
  });

  it('names a step without a lesson', () => {
    for (const q of ['step=2', 'step=2&lesson=Bad!']) {
      const { view, problems } = readViewState(q);
      expect(view.step).toBeNull();
      expect(problems.at(-1)?.message).toBe('step: "2" is not allowed: a step of a lesson: it needs a valid lesson=ID beside it; ignored');
    }
  });

  it('refuses a start time past 10 s, and NaN or absurd values', () => {
    expect(readViewState('t=11s').problems[0].message).toContain('at most 10s');
    expect(readViewState('t=NaN&speed=NaN&sel=entry:NaN').problems).toHaveLength(3);
    expect(readViewState('sel=cpu:99999999999999').problems).toHaveLength(1);
    expect(readViewState('t=10s').view.t).toBe(10e9);
  });

  it('leaves an over-long query to the scenario parser', () => {
    expect(readViewState(`speed=x&${'a'.repeat(70_000)}`)).toEqual({ view: readViewState('').view, problems: [] });
  });
});

describe('hand-made map operations in the link', () => {
  it('are appended to ops by time and parse back', () => {
    const op = manualOpSpec({ at: 2_345_000, op: 'update', key: 6, qsize: 64, flags: 0, result: '0', value: null, next: null, reason: '' });
    const del = manualOpSpec({ at: 500, op: 'delete', key: 4, qsize: null, flags: null, result: '0', value: null, next: null, reason: '' });
    expect(op).not.toBeNull();
    const q = linkScenarioQuery('rx=3&ops=1ms:lookup:4&speed=max&paused=1', [op!, del!]);
    expect(q).toBe('rx=3&ops=500ns:delete:4,1ms:lookup:4,2345us:update:6:64');
    expect(parseScenario(q, { extraParams: VIEW_PARAMS }).problems).toEqual([]);
  });

  it('replay a re-created map, a rate change and an RX interrupt move', () => {
    const rec = { key: null, qsize: null, flags: null, result: '0', value: null, next: null, reason: '' } as const;
    const create = manualOpSpec({ ...rec, at: 1_000_000, op: 'create', qsize: 8, flags: 0, result: '-EBUSY' });
    const rate = manualOpSpec({ ...rec, at: 2_000_000, op: 'rate', value: 14_880_952.380952381 });
    const irq = manualOpSpec({ ...rec, at: 3_000_000, op: 'irq', key: 1, value: 5 });
    expect([create, rate, irq]).toEqual([
      { at: 1_000_000, op: 'create', max: 8 },
      { at: 2_000_000, op: 'rate', rate: 14_880_952.380952381 },
      { at: 3_000_000, op: 'irq', queue: 1, cpu: 5 },
    ]);
    const q = linkScenarioQuery('rx=0,1', [create!, rate!, irq!]);
    expect(q).toBe('ops=1ms:create:8,2ms:rate:14880952.38095238,3ms:irq:1:5');
    expect(parseScenario(q).problems).toEqual([]);
  });

  it('leave out what cannot be replayed', () => {
    expect(
      manualOpSpec({ at: 0, op: 'irq', key: 9, qsize: null, flags: null, result: '-ENOENT', value: 1, next: null, reason: '' }),
    ).toBeNull();
    expect(
      manualOpSpec({ at: NaN, op: 'free', key: null, qsize: null, flags: null, result: '0', value: null, next: null, reason: '' }),
    ).toBeNull();
  });
});
