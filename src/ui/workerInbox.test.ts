/**
 * The page's intake against a real SimController, messages numbered by the worker's Outbox and
 * some of them lost on purpose: afterwards the page must be consistent with the engine.
 *
 * Consistent means: the link's hand-made map operations are the engine's (so the address bar
 * replays the same run), the map operation log and the status line are the engine's results,
 * the scenario, simulated time, furthest time and play state are the engine's, the inspector
 * shows what the engine shows now, and the statistics are the run's samples up to now.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SimController } from '../worker/simWorker';
import { Outbox } from '../worker/outbox';
import { fakeHost } from '../worker/fakeHost';
import type { StateMessage, ToWorker, WorkerMessage } from '../worker/protocol';
import { WorkerInbox } from './workerInbox';
import { LoadCounter } from './supervision/loadCounter';
import { RETRY_MS } from './supervision/gapWatch';
import { useUi } from './store';
import { useLink } from './url/linkState';
import { linkScenarioQuery, manualOpSpec } from './url/linkQuery';
import { feeds } from './feeds';
import { frameBus } from './frameBus';

const QUERY = 'rx=0,1&entries=4:256,5:256&rate=2M&prog=hash';

function harness() {
  const h = fakeHost();
  const queue: WorkerMessage[] = [];
  const outbox = new Outbox((msg) => queue.push(msg));
  const controller = new SimController({
    ...h.host,
    post: (msg, transfer) => outbox.post(msg, transfer),
    faults: { ...h.host.faults, dropOutgoing: (count, kind) => outbox.dropNext(count, kind) },
  });
  const loads = new LoadCounter();
  const failures: string[] = [];
  const asked = { resyncs: 0 };
  const inbox = new WorkerInbox(
    loads,
    {
      askForState: () => {
        asked.resyncs++;
        controller.receive({ type: 'getState', purpose: 'resync' });
      },
      failed: (m) => failures.push(m),
    },
    () => h.clock.wall,
  );
  /** The page sends a message (loads are counted as the worker client counts them). */
  const send = (msg: ToWorker) => {
    if (msg.type === 'load') loads.sentOne();
    controller.receive(msg);
  };
  /** Delivers everything posted so far, and what that makes the worker post in turn. */
  const deliver = () => {
    while (queue.length > 0) inbox.receive(queue.shift()!);
  };
  /** The engine's state as the worker reports it, taken before the page sees it. */
  const truth = (): StateMessage => {
    controller.receive({ type: 'getState', purpose: 'probe' });
    const report = queue.pop();
    if (report?.type !== 'state') throw new Error('no state report');
    return report;
  };
  return { h, controller, send, deliver, truth, loads, failures, asked };
}

/** The page is consistent with the engine (see the file's comment). */
function expectConsistent(truth: StateMessage): void {
  const ui = useUi.getState();
  const link = useLink.getState();
  expect(ui.query).toBe(truth.loaded?.query);
  expect(ui.topology).toEqual(truth.loaded?.topology);
  const engineHandOps = truth.handOps.flatMap((r) => manualOpSpec(r) ?? []);
  expect(link.manualOps).toEqual(engineHandOps);
  expect(linkScenarioQuery(ui.query, link.manualOps)).toBe(linkScenarioQuery(truth.loaded!.query, engineHandOps));
  expect(ui.opLog).toEqual(truth.ops);
  if (truth.lastOpText !== null) expect(ui.opStatus).toBe(truth.lastOpText);
  expect(ui.simNs).toBe(truth.simNs);
  expect(frameBus.simNs).toBe(truth.simNs);
  expect(ui.furthestNs).toBe(truth.furthestNs);
  expect(ui.running).toBe(truth.running);
  expect(ui.inspection).toEqual(ui.selected === null ? null : truth.inspection);
  expect(feeds.stats.map((s) => s.endNs)).toEqual(truth.stats.map((s) => s.endNs));
}

beforeEach(() => {
  useUi.setState(useUi.getInitialState(), true);
  useLink.setState(useLink.getInitialState(), true);
  feeds.clear();
});

describe('WorkerInbox: lost messages and resyncs', () => {
  it('without losses the page follows the engine, and never asks for a report', () => {
    const t = harness();
    t.send({ type: 'load', query: QUERY });
    t.send({ type: 'speed', nsPerSecond: 1e6 });
    t.send({ type: 'play' });
    t.h.advance(300);
    t.send({ type: 'mapOp', op: { at: 0, op: 'update', key: 6, qsize: 64, flags: 0 } });
    t.h.advance(300);
    t.send({ type: 'pause' });
    t.deliver();
    expect(t.asked.resyncs).toBe(0);
    expectConsistent(t.truth());
  });

  it('a lost map operation result: the op is in the link, the log and the status line all the same', () => {
    const t = harness();
    t.send({ type: 'load', query: QUERY, startNs: 3e6 });
    t.deliver();
    t.send({ type: 'mapOp', op: { at: 0, op: 'update', key: 6, qsize: 64, flags: 0 } });
    t.send({ type: 'dropOutgoing', count: 1, kind: 'opResult' });
    t.send({ type: 'step', unit: 'poll' });
    t.send({ type: 'mapOp', op: { at: 0, op: 'delete', key: 4 } });
    t.deliver();
    expect(t.asked.resyncs).toBe(1);
    const truth = t.truth();
    expect(truth.handOps.map((o) => o.op)).toEqual(['update', 'delete']);
    expectConsistent(truth);
    expect(useUi.getState().opStatus).toMatch(/^delete key 4: 0/);
  });

  it('lost frames while playing: time, play state and inspector are the engine’s after the next ones', () => {
    const t = harness();
    t.send({ type: 'load', query: QUERY });
    t.send({ type: 'speed', nsPerSecond: 1e6 });
    t.send({ type: 'play' });
    useUi.setState({ selected: { kind: 'cpu', cpu: 0 } });
    t.send({ type: 'inspect', target: { kind: 'cpu', cpu: 0 } });
    t.h.advance(200);
    t.deliver();
    t.send({ type: 'dropOutgoing', count: 5, kind: 'frame' });
    t.h.advance(200);
    t.deliver();
    expect(t.asked.resyncs).toBe(1);
    t.send({ type: 'pause' });
    t.deliver();
    expectConsistent(t.truth());
  });

  it('the last message lost (the pause’s frame): the next pong shows the gap, and the page ends up paused', () => {
    const t = harness();
    t.send({ type: 'load', query: QUERY });
    t.send({ type: 'play' });
    t.h.advance(100);
    t.deliver();
    t.send({ type: 'dropOutgoing', count: 1 });
    t.send({ type: 'pause' });
    t.deliver();
    // Nothing came: the page cannot know yet.
    expect(useUi.getState().running).toBe(true);
    // The heartbeat's next ping is answered: a numbered pong, and the gap shows.
    t.send({ type: 'ping' });
    t.deliver();
    expect(t.asked.resyncs).toBe(1);
    expect(useUi.getState().running).toBe(false);
    expectConsistent(t.truth());
  });

  it('a lost “loaded”: the page takes the scenario from the report, and waiting work runs', () => {
    const t = harness();
    t.send({ type: 'load', query: QUERY });
    t.deliver();
    const ran: string[] = [];
    t.send({ type: 'dropOutgoing', count: 1, kind: 'loaded' });
    t.send({ type: 'load', query: 'rx=3&entries=4:128' });
    t.loads.afterLast(() => ran.push(useUi.getState().query));
    t.deliver();
    expect(ran).toEqual(['rx=3&entries=4:128']);
    expectConsistent(t.truth());
  });

  it('a lost “rewound” and “forked”: the timeline is not left waiting, later hand-made operations leave the link', () => {
    const t = harness();
    t.send({ type: 'load', query: QUERY, startNs: 4e6 });
    t.send({ type: 'mapOp', op: { at: 0, op: 'update', key: 6, qsize: 64, flags: 0 } });
    t.send({ type: 'runTo', t: 6e6 });
    t.deliver();
    expect(useLink.getState().manualOps).toHaveLength(1);
    const seeks = useUi.getState().seeks;
    t.send({ type: 'dropOutgoing', count: 1, kind: 'rewound' });
    t.send({ type: 'seek', t: 2e6 });
    t.send({ type: 'dropOutgoing', count: 1, kind: 'forked' });
    t.send({ type: 'mapOp', op: { at: 0, op: 'lookup', key: 4 } });
    t.deliver();
    expect(useUi.getState().seeks).toBeGreaterThan(seeks);
    expect(useLink.getState().manualOps.map((o) => o.op)).toEqual(['lookup']);
    expectConsistent(t.truth());
  });

  it('lost results of operations the link writes differently (a capped rate, a refused irq): the link is as without the loss', () => {
    const run = (lose: boolean) => {
      useUi.setState(useUi.getInitialState(), true);
      useLink.setState(useLink.getInitialState(), true);
      const t = harness();
      t.send({ type: 'load', query: QUERY, startNs: 1e6 });
      t.deliver();
      if (lose) t.send({ type: 'dropOutgoing', count: 3, kind: 'opResult' });
      t.send({ type: 'mapOp', op: { at: 0, op: 'rate', rate: 1e12 } });
      t.send({ type: 'mapOp', op: { at: 0, op: 'irq', queue: 7, cpu: 0 } });
      t.send({ type: 'mapOp', op: { at: 0, op: 'create', max: null } });
      t.send({ type: 'mapOp', op: { at: 0, op: 'lookup', key: 4 } });
      t.deliver();
      expect(t.asked.resyncs).toBe(lose ? 1 : 0);
      expectConsistent(t.truth());
      return { link: useLink.getState().manualOps, log: useUi.getState().opLog };
    };
    const clean = run(false);
    // The rate as applied (capped at the line rate), no refused irq, the create's max_entries.
    expect(clean.link.map((o) => o.op)).toEqual(['rate', 'create', 'lookup']);
    expect(run(true)).toEqual(clean);
  });

  it('a lost report is asked for again after RETRY_MS', () => {
    const t = harness();
    t.send({ type: 'load', query: QUERY });
    t.deliver();
    t.send({ type: 'dropOutgoing', count: 1, kind: 'opResult' });
    t.send({ type: 'mapOp', op: { at: 0, op: 'delete', key: 5 } });
    // The gap shows at the frame after the result; the report it asks for is lost too.
    t.send({ type: 'dropOutgoing', count: 1, kind: 'state' });
    t.deliver();
    expect(useLink.getState().manualOps).toEqual([]);
    t.h.advance(RETRY_MS);
    t.send({ type: 'ping' });
    t.deliver();
    expectConsistent(t.truth());
    expect(useLink.getState().manualOps.map((o) => o.op)).toEqual(['delete']);
  });

  it('passes the worker’s own error on', () => {
    const t = harness();
    expect(() => t.send({ type: 'crash' })).toThrow();
    t.deliver();
    expect(t.failures).toEqual([expect.stringMatching(/crash/)]);
  });
});
