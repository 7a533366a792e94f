import { describe, expect, it } from 'vitest';
import { bootFromLink } from './boot';
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
