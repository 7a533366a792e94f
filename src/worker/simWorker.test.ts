import { describe, expect, it } from 'vitest';
import { SimController } from './simWorker';
import { DEFAULT_SPEED } from './settings';
import { fakeHost } from './fakeHost';
import type { FrameMessage } from './protocol';

describe('SimController', () => {
  it('loads a scenario: loaded (with topology and problems), then a first frame', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: 'rx=0,1&speed=5&theme=dark&bogus=1' });
    const loaded = h.posted[0].msg;
    expect(loaded.type).toBe('loaded');
    if (loaded.type !== 'loaded') return;
    expect(loaded.create).toBe('0');
    expect(loaded.topology.cpus).toBe(8);
    expect(loaded.topology.rx).toEqual([
      { queue: 0, cpu: 0, size: 512 },
      { queue: 1, cpu: 1, size: 512 },
    ]);
    // View parameters are accepted; only the unknown one is a problem.
    expect(loaded.problems.map((p) => p.param)).toEqual(['bogus']);
    const frame = h.last();
    expect(frame.type).toBe('frame');
    if (frame.type !== 'frame') return;
    expect(frame.running).toBe(false);
    expect(frame.speed).toBe(DEFAULT_SPEED);
    expect(frame.moves).not.toBeNull();
  });

  it('does no work while paused, and runs at the requested speed while playing', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: '' });
    h.advance(1000);
    expect(h.timers.size).toBe(0);
    expect(c.current?.now).toBe(0);
    c.receive({ type: 'speed', nsPerSecond: 1e6 });
    c.receive({ type: 'play' });
    h.advance(1000);
    // The fake clock does not move during engine work: exactly wall time times the speed.
    expect(c.current?.now).toBeGreaterThan(0.95e6);
    expect(c.current?.now).toBeLessThan(1.05e6);
    const frames = h.frames();
    expect(frames.at(-1)?.running).toBe(true);
    // About one frame per 16 ms.
    expect(frames.length).toBeGreaterThan(50);
    expect(frames.length).toBeLessThan(70);
    c.receive({ type: 'pause' });
    expect(h.timers.size).toBe(0);
    expect(h.frames().at(-1)?.running).toBe(false);
  });

  it('records and transfers journeys only at speeds where frames can be followed', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: 'rate=10M' });
    c.receive({ type: 'speed', nsPerSecond: 1e6 });
    c.receive({ type: 'play' });
    h.advance(100);
    const withMoves = h.posted.filter((p) => p.msg.type === 'frame' && p.msg.moves !== null && p.msg.moves.count > 0);
    expect(withMoves.length).toBeGreaterThan(0);
    expect(withMoves[0].transfer).toHaveLength(4);
    c.receive({ type: 'speed', nsPerSecond: 1e8 });
    h.advance(50);
    const f = h.frames().at(-1);
    expect(f?.moves).toBeNull();
    expect(c.current?.world.moves).toBeNull();
  });

  it('steps to the next NAPI poll and the next kthread batch, paused, with a frame', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: '' });
    const engine = c.current;
    if (engine === null) throw new Error('no engine');
    const polls = engine.world.polls;
    c.receive({ type: 'step', unit: 'poll' });
    expect(engine.world.polls).toBe(polls + 1);
    const batches = engine.kthreadIterations();
    c.receive({ type: 'step', unit: 'batch' });
    expect(engine.kthreadIterations()).toBeGreaterThan(batches);
    const t = engine.now;
    c.receive({ type: 'step', unit: 'event' });
    expect(engine.now).toBeGreaterThanOrEqual(t);
    expect(h.last().type).toBe('frame');
    expect(h.timers.size).toBe(0);
  });

  it('gives up a step after one simulated second', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    // No map, so no kthread ever runs a batch.
    c.receive({ type: 'load', query: 'cap=0&rate=1k' });
    c.receive({ type: 'step', unit: 'batch' });
    expect(c.current?.now).toBe(1e9);
  });

  it('applies a map operation now and reports it in the kernel’s words', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: '' });
    c.receive({ type: 'mapOp', op: { at: 0, op: 'update', key: 70, qsize: 64, flags: 0 } });
    const res = h.posted.find((p) => p.msg.type === 'opResult')?.msg;
    expect(res?.type === 'opResult' && res.text).toMatch(/^update key 70: -E2BIG/);
  });

  it('reports a map operation done by hand once, and the timed ones as scheduled', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: 'ops=2ms:lookup:4', startNs: 1e6 });
    c.receive({ type: 'runTo', t: 2e6 });
    c.receive({ type: 'mapOp', op: { at: 0, op: 'delete', key: 4 } });
    c.receive({ type: 'runTo', t: 3e6 });
    const results = h.posted.flatMap((p) => (p.msg.type === 'opResult' ? [p.msg] : []));
    expect(results.map((r) => [r.record.op, r.scheduled === true])).toEqual([
      ['lookup', true],
      ['delete', false],
    ]);
  });

  it('inspects what is selected, in kernel terms', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: '' });
    c.receive({ type: 'step', unit: 'batch' });
    const engine = c.current;
    if (engine === null) throw new Error('no engine');
    const entry = engine.entries[0];
    c.receive({ type: 'inspect', target: { kind: 'entry', uid: entry.uid } });
    const ins = h.frames().at(-1)?.inspection;
    const names = ins?.fields.map(([k]) => k) ?? [];
    for (const name of [
      'cpu',
      'map_id',
      'qsize',
      'refcnt',
      'lifecycle',
      'kthread comm',
      'kthread pid',
      'ring producer',
      'ring consumer_head',
      'ring consumer_tail',
      'ring batch',
      'bulk queues',
    ]) {
      expect(names).toContain(name);
    }
    expect(ins?.code?.fn).toBe('cpu_map_kthread_run');
    expect(ins?.code?.link).toContain('elixir.bootlin.com/linux/v5.2');
    for (const target of [
      { kind: 'cpu', cpu: 0 },
      { kind: 'nic', queue: 0 },
      { kind: 'bulkq', uid: entry.uid, cpu: 0 },
      { kind: 'frame', frame: 0 },
    ] as const) {
      c.receive({ type: 'inspect', target });
      const got = h.frames().at(-1)?.inspection;
      expect(got?.target).toEqual(target);
      expect(got?.fields.length).toBeGreaterThan(0);
    }
  });

  it('reports an exception as an error message and rethrows it', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: '' });
    c.receive({ type: 'play' });
    expect(() => c.receive({ type: 'crash' })).toThrow(/crash/);
    expect(h.last()).toEqual({ type: 'error', message: expect.stringMatching(/crash/) });
    expect(h.timers.size).toBe(0);
  });

  it('told to play before the load (as the page boots), its first frame already says playing, and it plays', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'speed', nsPerSecond: 1e6 });
    c.receive({ type: 'play' });
    c.receive({ type: 'load', query: 'rx=3', startNs: 1e6 });
    expect(h.frames().map((f) => f.running)).toEqual([true]);
    h.advance(500);
    expect(c.current!.now).toBeGreaterThan(1.4e6);
    expect(c.current!.now).toBeLessThan(1.6e6);
  });

  it('resets to time 0 of the same scenario, keeping the play state', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: 'rx=3' });
    c.receive({ type: 'play' });
    h.advance(200);
    c.receive({ type: 'reset' });
    expect(c.current?.now).toBe(0);
    const loaded = h.posted.filter((p) => p.msg.type === 'loaded').at(-1)?.msg;
    expect(loaded?.type === 'loaded' && loaded.query).toBe('rx=3');
    expect(h.timers.size).toBe(1);
  });

  describe('time travel', () => {
    const QUERY = 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=10ms:delete:4';
    const lastFrame = (h: ReturnType<typeof fakeHost>) => h.frames().at(-1) as FrameMessage;

    it('goes back to an earlier time and forward again to exactly the same state', () => {
      const h = fakeHost();
      const c = new SimController(h.host);
      c.receive({ type: 'load', query: QUERY, startNs: 20e6 });
      const original = lastFrame(h);
      expect(original.snapshot.simNs).toBe(20e6);
      expect(original.furthestNs).toBe(20e6);
      // Reaching a link's start time hands the page the samples on the way.
      const started = h.posted.map((p) => p.msg).find((m) => m.type === 'rewound');
      expect(started).toMatchObject({ type: 'rewound', t: 20e6, ms: null });
      if (started?.type !== 'rewound') return;
      expect(started.stats).toHaveLength(20);
      c.receive({ type: 'seek', t: 5e6 });
      const rewound = h.posted
        .map((p) => p.msg)
        .filter((m) => m.type === 'rewound')
        .at(-1);
      expect(rewound).toMatchObject({ type: 'rewound', t: 5e6 });
      if (rewound?.type !== 'rewound') return;
      // The samples up to the new time, one per simulated ms.
      expect(rewound.stats.map((s) => s.endNs)).toEqual([1e6, 2e6, 3e6, 4e6, 5e6]);
      const back = lastFrame(h);
      expect(back.snapshot.simNs).toBe(5e6);
      expect(back.furthestNs).toBe(20e6);
      expect(back.running).toBe(false);
      // Before the delete at 10 ms, entry 4 is still in its slot.
      expect(back.snapshot.map?.slots[4]).not.toBeNull();
      c.receive({ type: 'seek', t: 20e6 });
      expect(lastFrame(h).snapshot).toEqual(original.snapshot);
    });

    it('steps back through the steps it took', () => {
      const h = fakeHost();
      const c = new SimController(h.host);
      c.receive({ type: 'load', query: QUERY, startNs: 1e6 });
      const snaps = [lastFrame(h).snapshot];
      for (let i = 0; i < 3; i++) {
        c.receive({ type: 'step', unit: 'poll' });
        snaps.push(lastFrame(h).snapshot);
      }
      expect(snaps[3].simNs).toBeGreaterThan(snaps[0].simNs);
      for (let i = 2; i >= 0; i--) {
        c.receive({ type: 'stepBack', unit: 'poll' });
        expect(lastFrame(h).snapshot.simNs).toBe(snaps[i].simNs);
        expect(lastFrame(h).snapshot.cpus).toEqual(snaps[i].cpus);
      }
    });

    it('forks the run when a map operation comes after going back', () => {
      const h = fakeHost();
      const c = new SimController(h.host);
      c.receive({ type: 'load', query: QUERY, startNs: 4e6 });
      c.receive({ type: 'mapOp', op: { at: 0, op: 'update', key: 6, qsize: 64, flags: 0 } });
      expect(h.posted.some((p) => p.msg.type === 'forked')).toBe(false);
      c.receive({ type: 'seek', t: 2e6 });
      c.receive({ type: 'mapOp', op: { at: 0, op: 'lookup', key: 4 } });
      const forked = h.posted.map((p) => p.msg).find((m) => m.type === 'forked');
      expect(forked).toEqual({ type: 'forked', at: 2e6, discardedOps: 1 });
      expect(lastFrame(h).furthestNs).toBe(2e6);
    });
  });

  it('plays until a given time and pauses exactly there; runTo runs forward at once, paused', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: 'rx=0&entries=4:64&rate=1M' });
    c.receive({ type: 'speed', nsPerSecond: 1e6 });
    c.receive({ type: 'play', until: 250_000 });
    h.advance(1000);
    expect(c.current?.now).toBe(250_000);
    const last = h.frames().at(-1);
    expect(last?.running).toBe(false);
    expect(h.timers.size).toBe(0);
    c.receive({ type: 'runTo', t: 3e6 });
    expect(c.current?.now).toBe(3e6);
    expect(h.frames().at(-1)?.snapshot.simNs).toBe(3e6);
    // Never backwards.
    c.receive({ type: 'runTo', t: 1e6 });
    expect(c.current?.now).toBe(3e6);
  });
});
