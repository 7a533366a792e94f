import { describe, expect, it } from 'vitest';
import { readViewState } from '../url/viewState';
import { comparePair } from './compareQuery';
import { aloneLinkQuery, pairLinkQuery } from './pairLinks';

const LINK =
  'kernel=5.0&rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant&stack=iptables-drop&speed=max&compare=entries%3D4%3A64%26bogus%3D1';

describe("the pair's links", () => {
  const pair = comparePair(LINK, 'entries=4:64&bogus=1');

  it('share the pair: opening the link gives the same two scenarios, without the bad parts', () => {
    const query = pairLinkQuery(pair.a, pair.applied, { speed: Infinity, playing: false, sharedNs: 20e6, theme: 'dark' });
    const { view, problems } = readViewState(query);
    expect(problems).toEqual([]);
    expect(view).toMatchObject({ speed: Infinity, paused: true, t: 20e6, theme: 'dark', compare: 'entries=4:64' });
    const again = comparePair(query, view.compare ?? '');
    expect([again.a, again.b]).toEqual([pair.a, pair.b]);
    expect(again.problemsCompare).toEqual([]);
  });

  it('open one run alone, paused at the shared time', () => {
    const { view } = readViewState(aloneLinkQuery(pair.b, { speed: 1e6, playing: true, sharedNs: 5e6, theme: null }));
    expect(view).toMatchObject({ speed: 1e6, paused: true, t: 5e6, compare: null });
    expect(aloneLinkQuery(pair.b, { speed: 1e6, playing: true, sharedNs: 5e6, theme: null })).toContain('entries=4:64');
  });

  it('open one run alone from the start, as the pair plays, before it has moved', () => {
    const { view } = readViewState(aloneLinkQuery(pair.a, { speed: 1e6, playing: true, sharedNs: 0, theme: null }));
    expect(view).toMatchObject({ paused: false, t: null });
  });
});
