import { describe, expect, it } from 'vitest';
import { SimController } from './simWorker';
import { fakeHost } from './fakeHost';
import { ALIVE_EVERY_MS, FAST_FORWARD_SLICE_NS, FRAME_MS } from './settings';
import type { FromWorker, StateMessage } from './protocol';

const QUERY = 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash';

function lastState(posted: { msg: FromWorker }[]): StateMessage {
  const s = posted
    .map((p) => p.msg)
    .filter((m): m is StateMessage => m.type === 'state')
    .at(-1);
  if (s === undefined) throw new Error('no state report');
  return s;
}

describe('SimController: what the page needs to notice and survive faults', () => {
  it('answers a ping with a pong, playing or not', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'ping' });
    expect(h.last()).toEqual({ type: 'pong' });
    c.receive({ type: 'load', query: QUERY });
    c.receive({ type: 'play' });
    h.advance(100);
    c.receive({ type: 'ping' });
    expect(h.last()).toEqual({ type: 'pong' });
  });

  it('says it is alive during a long run at once (a link start time), never silent longer than ALIVE_EVERY_MS plus a slice', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    // Every clock reading costs 40 ms of wall time: the 20 ms run at once takes seconds of "wall".
    h.clock.perRead = 40;
    c.receive({ type: 'load', query: QUERY, startNs: 20e6 });
    const walls = h.posted.map((p) => p.wall);
    expect(walls.at(-1)! - walls[0]).toBeGreaterThan(4 * ALIVE_EVERY_MS);
    const pongs = h.posted.filter((p) => p.msg.type === 'pong');
    expect(pongs.length).toBeGreaterThan(3);
    let gap = 0;
    for (let i = 1; i < walls.length; i++) gap = Math.max(gap, walls[i] - walls[i - 1]);
    // A slice reads the clock a few times.
    expect(gap).toBeLessThan(ALIVE_EVERY_MS + 200);
    // And the run is the same as without the signs of life.
    const plain = fakeHost();
    const p = new SimController(plain.host);
    p.receive({ type: 'load', query: QUERY, startNs: 20e6 });
    expect(h.frames().at(-1)?.snapshot).toEqual(plain.frames().at(-1)?.snapshot);
  });

  it('says it is alive while running forward at once and while going back in time', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: QUERY });
    h.clock.perRead = 40;
    const before = h.posted.length;
    c.receive({ type: 'runTo', t: 10e6 });
    expect(h.posted.slice(before).filter((p) => p.msg.type === 'pong').length).toBeGreaterThan(0);
    // Run forward costing no wall time: no checkpoint after the start, so going back replays from 0.
    const g = fakeHost();
    const d = new SimController(g.host);
    d.receive({ type: 'load', query: QUERY });
    d.receive({ type: 'runTo', t: 10e6 });
    g.clock.perRead = 40;
    const mid = g.posted.length;
    d.receive({ type: 'seek', t: 9e6 });
    const during = g.posted.slice(mid);
    expect(during.filter((p) => p.msg.type === 'pong').length).toBeGreaterThan(0);
    const walls = during.map((p) => p.wall);
    for (let i = 1; i < walls.length; i++) expect(walls[i] - walls[i - 1]).toBeLessThan(ALIVE_EVERY_MS + 200);
    expect(d.current?.now).toBe(9e6);
  });

  it('stretches a run at once on request (a test hook): each slice takes at least the least wall time asked, alive, the same run', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'stretchRuns', minSliceMs: 300 });
    c.receive({ type: 'load', query: QUERY, startNs: 20e6 });
    const walls = h.posted.map((p) => p.wall);
    // 20 slices of 1 ms, each padded to 300 ms of wall time, though the engine's own take none here.
    expect(walls.at(-1)! - walls[0]).toBeGreaterThanOrEqual((20e6 / FAST_FORWARD_SLICE_NS) * 300);
    expect(h.posted.filter((p) => p.msg.type === 'pong').length).toBeGreaterThan(5);
    for (let i = 1; i < walls.length; i++) expect(walls[i] - walls[i - 1]).toBeLessThanOrEqual(ALIVE_EVERY_MS + 300);
    const plain = fakeHost();
    new SimController(plain.host).receive({ type: 'load', query: QUERY, startNs: 20e6 });
    expect(h.frames().at(-1)?.snapshot).toEqual(plain.frames().at(-1)?.snapshot);
    // Running forward and going back are stretched too.
    let from = h.clock.wall;
    c.receive({ type: 'runTo', t: 25e6 });
    expect(h.clock.wall - from).toBeGreaterThanOrEqual(5 * 300);
    from = h.clock.wall;
    c.receive({ type: 'seek', t: 24e6 });
    expect(h.clock.wall - from).toBeGreaterThan(0);
    // Never longer than a sign of life's interval a slice; 0, or nonsense, turns it off.
    c.receive({ type: 'stretchRuns', minSliceMs: 1e9 });
    from = h.clock.wall;
    c.receive({ type: 'runTo', t: c.current!.now + 2e6 });
    expect(h.clock.wall - from).toBe(2 * ALIVE_EVERY_MS);
    for (const off of [0, Number.NaN, -5]) {
      c.receive({ type: 'stretchRuns', minSliceMs: off });
      from = h.clock.wall;
      c.receive({ type: 'runTo', t: c.current!.now + 2e6 });
      expect(h.clock.wall - from).toBe(0);
    }
  });

  it('holds a playing run while the page is hidden, and resumes where it was when shown', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: QUERY });
    c.receive({ type: 'speed', nsPerSecond: 1e6 });
    c.receive({ type: 'play' });
    h.advance(500);
    const held = c.current!.now;
    c.receive({ type: 'hidden', hidden: true });
    const posts = h.posted.length;
    h.advance(3000);
    // Nothing ran, nothing was posted, no timer is pending.
    expect(c.current!.now).toBe(held);
    expect(h.posted.length).toBe(posts);
    expect(h.timers.size).toBe(0);
    // A speed change while hidden does not start ticking either.
    c.receive({ type: 'speed', nsPerSecond: 2e6 });
    h.advance(100);
    expect(c.current!.now).toBe(held);
    c.receive({ type: 'hidden', hidden: false });
    // At once, a frame that still says "playing", at the time it was held.
    const shown = h.frames().at(-1)!;
    expect(shown.running).toBe(true);
    expect(shown.snapshot.simNs).toBe(held);
    // Then it plays on from there at the requested speed, without a leap.
    h.advance(FRAME_MS);
    expect(c.current!.now - held).toBeLessThanOrEqual((2e6 * FRAME_MS) / 1000 + 1);
    h.advance(1000);
    expect(c.current!.now - held).toBeGreaterThan(0.9 * 2e6);
    expect(c.current!.now - held).toBeLessThan(1.1 * 2e6 + (2e6 * FRAME_MS) / 1000);
  });

  it('does not start pacing when told to play while hidden, until shown', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'hidden', hidden: true });
    c.receive({ type: 'load', query: QUERY });
    c.receive({ type: 'play' });
    h.advance(1000);
    expect(c.current!.now).toBe(0);
    expect(h.frames().at(-1)?.running).toBe(true);
    c.receive({ type: 'hidden', hidden: false });
    h.advance(1000);
    expect(c.current!.now).toBeGreaterThan(0);
  });

  it('reports its whole state: the scenario, hand-made operations, results, time, inspection', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: QUERY, startNs: 2e6 });
    c.receive({ type: 'mapOp', op: { at: 0, op: 'update', key: 6, qsize: 64, flags: 0 } });
    c.receive({ type: 'step', unit: 'poll' });
    c.receive({ type: 'mapOp', op: { at: 0, op: 'delete', key: 4 } });
    c.receive({ type: 'inspect', target: { kind: 'cpu', cpu: 1 } });
    const before = h.posted.length;
    c.receive({ type: 'getState', purpose: 'probe' });
    // A probe changes nothing the page gets: only the report.
    expect(h.posted.length).toBe(before + 1);
    const s = lastState(h.posted);
    const engine = c.current!;
    expect(s.purpose).toBe('probe');
    expect(s.loads).toBe(1);
    expect(s.loaded).toMatchObject({ type: 'loaded', query: QUERY, create: '0' });
    // The results of the two done by hand, as their opResults said.
    const results = h.posted.flatMap((p) => (p.msg.type === 'opResult' && p.msg.scheduled !== true ? [p.msg.record] : []));
    expect(s.handOps.map((r) => [r.op, r.key, r.at])).toEqual([
      ['update', 6, 2e6],
      ['delete', 4, engine.ops.at(-1)!.at],
    ]);
    expect(s.handOps).toEqual(results);
    // The results since the load (not the create and the scenario's entries), the last one's text.
    expect(s.ops.map((r) => r.op)).toEqual(['update', 'delete']);
    expect(s.ops).toEqual(engine.ops.slice(-2));
    expect(s.lastOpText).toMatch(/^delete key 4: 0/);
    expect(s.simNs).toBe(engine.now);
    expect(s.furthestNs).toBe(engine.now);
    expect(s.running).toBe(false);
    expect(s.stats.map((x) => x.endNs)).toEqual([1e6, 2e6]);
    expect(s.target).toEqual({ kind: 'cpu', cpu: 1 });
    expect(s.inspection?.title).toMatch(/CPU 1/);
  });

  it('follows a resync report with a frame', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: QUERY });
    c.receive({ type: 'getState', purpose: 'resync' });
    expect(h.posted.at(-2)?.msg.type).toBe('state');
    expect(h.last().type).toBe('frame');
  });

  it('counts loads, resets not among them (the page counts the loads it sent)', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: QUERY });
    c.receive({ type: 'reset' });
    c.receive({ type: 'load', query: 'rx=3' });
    c.receive({ type: 'getState', purpose: 'probe' });
    const s = lastState(h.posted);
    expect(s.loads).toBe(2);
    expect(s.loaded?.query).toBe('rx=3');
  });

  it('fails on request in the ways a worker can: throw, close, hang, lose messages', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    expect(() => c.receive({ type: 'crash', how: 'throw' })).toThrow(/crash/);
    c.receive({ type: 'crash', how: 'close' });
    c.receive({ type: 'crash', how: 'hang' });
    c.receive({ type: 'dropOutgoing', count: 2, kind: 'opResult' });
    c.receive({ type: 'dropOutgoing', count: 1 });
    expect(h.faults).toEqual(['close', 'hang', 'drop 2 opResult', 'drop 1 any']);
  });
});
