import { describe, expect, it } from 'vitest';
import { bootFromLink, restartLinkQuery } from './boot';
import { useUi } from '../store';
import { useLink } from '../url/linkState';
import { buildLinkQuery, EMPTY_VIEW } from '../url/viewState';
import { INITIAL_SPEED } from '../format';

describe('bootFromLink', () => {
  it('starts where a paused link says: scenario, speed, time, selection', () => {
    const link = 'v=1&rx=3&entries=4:128&ops=2ms:delete:4&speed=5000&paused=1&t=12.5ms&sel=cpu:3';
    expect(bootFromLink(link)).toEqual({
      boot: { query: link, speed: 5000, playing: false, startNs: 12.5e6 },
      sel: { kind: 'cpu', cpu: 3 },
    });
  });

  it('a bare address: the default speed, playing, from 0', () => {
    expect(bootFromLink('')).toEqual({ boot: { query: '', speed: INITIAL_SPEED, playing: true }, sel: null });
  });

  it('a restart’s link keeps a playing run’s time (the shared link does not)', () => {
    const view = { ...EMPTY_VIEW, speed: 2000, paused: false, t: 3_000_001.2 };
    const shared = buildLinkQuery('rx=3', view);
    const restart = buildLinkQuery('rx=3', view, { timeWhilePlaying: true });
    expect(shared).toBe('v=1&rx=3&speed=2000');
    expect(bootFromLink(restart).boot).toEqual({ query: restart, speed: 2000, playing: true, startNs: 3_000_002 });
    // Paused, both are the same.
    const paused = { ...view, paused: true };
    expect(buildLinkQuery('rx=3', paused, { timeWhilePlaying: true })).toBe(buildLinkQuery('rx=3', paused));
  });
});

describe('restartLinkQuery', () => {
  const loaded = () => ({
    ...useUi.getInitialState(),
    query: 'rx=3&entries=4:128',
    topology: { cpus: 8, maxEntries: 8, kernel: '5.2' as const, rx: [], stack: 'none' },
  });

  it('is the address bar’s link with the time, even while playing, and the hand-made operations', () => {
    const link = { ...useLink.getInitialState(), manualOps: [{ at: 2e6, op: 'delete' as const, key: 4 }] };
    const q = restartLinkQuery({ ...loaded(), running: true, speed: 5000, simNs: 3.5e6 }, link);
    expect(q).toBe('v=1&rx=3&entries=4:128&ops=2ms:delete:4&speed=5000&t=3.5ms');
    expect(bootFromLink(q!).boot).toEqual({ query: q, speed: 5000, playing: true, startNs: 3.5e6 });
  });

  it('starts no later than a link can (10 s): past it, at 10 s rather than from 0', () => {
    const q = restartLinkQuery({ ...loaded(), running: false, simNs: 12.5e9 }, useLink.getInitialState());
    expect(bootFromLink(q!).boot.startNs).toBe(10e9);
  });

  it('is null before a scenario has loaded', () => {
    expect(restartLinkQuery(useUi.getInitialState(), useLink.getInitialState())).toBeNull();
  });
});
