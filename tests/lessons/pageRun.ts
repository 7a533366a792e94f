/**
 * Runs a lesson step the way the page does, through the simulation worker's own SimController on a
 * fake clock: pause, set the step's speed, load its query (from its start time), then play until
 * its checkpoint, where the worker pauses by itself (src/ui/lessons/lessonState.ts enterStep and
 * runToCheckpoint send the same messages). What it returns is what the worker sent the page: the
 * snapshot the topology draws while the step waits to be run (a step with a question waits for
 * the reader's guess there) and at the checkpoint, the statistics samples the page holds, the trace
 * log, the frames' journeys, and the inspector for any element, asked for as a click on it does.
 * Not a test file itself.
 */
import type { Engine } from '../../src/engine/engine';
import type { TraceEvent } from '../../src/engine/kernel/tracepoints';
import type { EngineSnapshot } from '../../src/engine/snapshot';
import type { LessonStep } from '../../src/lessons/types';
import { hotspots } from '../../src/ui/topology/hotspots';
import { computeLayout } from '../../src/ui/topology/layout';
import { fakeHost } from '../../src/worker/fakeHost';
import type { FrameMessage, Inspection, LoadedMessage, Topology } from '../../src/worker/protocol';
import { FRAME_MS } from '../../src/worker/settings';
import { SimController } from '../../src/worker/simWorker';
import type { StatsSample } from '../../src/worker/statsSampler';

/** One recorded move of a frame's journey: frame `frame` is at place code `place` from `at`. */
export interface Move {
  frame: number;
  place: number;
  at: number;
}

export interface PageRun {
  /** The snapshot of the first frame after the load: what the page shows before playing. */
  start: EngineSnapshot;
  /** The snapshot of the last frame: what the topology draws at the checkpoint. */
  snapshot: EngineSnapshot;
  /** The statistics samples the page holds at the checkpoint, in order. */
  samples: StatsSample[];
  /** Every tracepoint hit the worker sent while playing the step (the trace log is on, as when it is open). */
  trace: TraceEvent[];
  /** Hits the worker left out of its messages (more than a message carries): then `trace` is not all of them. */
  traceSkipped: number;
  /** Every frame's moves the worker sent while playing the step (only at speeds where the page animates frames). */
  moves: Move[];
  topology: Topology;
  /** The worker's engine, paused at the checkpoint (for the tests' own cross-checks). */
  engine: Engine;
  /** The worker stopped by itself, exactly at the checkpoint, and said so in its last frame. */
  pausedAtCheckpoint: boolean;
  /** What the inspector shows for the element of that accessible name, as a click on it asks, at the checkpoint or before playing. */
  inspect(name: string, view?: 'start' | 'checkpoint'): Inspection;
}

/** The accessible names of the topology's elements for a snapshot, with what each inspects. */
export function spotsOf(topology: Topology, snapshot: EngineSnapshot) {
  const entries = snapshot.entries.map((e) => ({ uid: e.uid, cpu: e.cpu, qsize: e.qsize, inSlot: e.inSlot }));
  // A canvas large enough for every button (the page's own layout and naming are pure).
  const layout = computeLayout({ topology, entries, width: 1600, height: 1000 });
  return hotspots(layout, entries);
}

type Played = Pick<LessonStep, 'query' | 'startAt' | 'pauseAt' | 'speed'>;

/** A worker with the step loaded, paused at its start, as the page has it before playing. */
function loadAsPage(step: Played) {
  const h = fakeHost();
  const c = new SimController(h.host);
  c.receive({ type: 'trace', on: true });
  c.receive({ type: 'pause' });
  c.receive({ type: 'speed', nsPerSecond: step.speed });
  c.receive(step.startAt ? { type: 'load', query: step.query, startNs: step.startAt } : { type: 'load', query: step.query });
  return { h, c };
}

/** The inspection a click on the element named `name` gets from a paused worker (it answers at once, with a frame). */
function inspectNamed(
  h: ReturnType<typeof fakeHost>,
  c: SimController,
  topology: Topology,
  snapshot: EngineSnapshot,
  name: string,
): Inspection {
  const spot = spotsOf(topology, snapshot).find((s) => s.name === name);
  if (spot === undefined) throw new Error(`the topology shows no element named ${name} at ${snapshot.simNs} ns`);
  c.receive({ type: 'inspect', target: spot.target });
  const answer = h.frames().at(-1)?.inspection;
  if (answer === null || answer === undefined) throw new Error(`no inspection for ${name}`);
  return answer;
}

/** Plays `step` as the page's lesson player does. */
export function runAsPage(step: Played): PageRun {
  const { h, c } = loadAsPage(step);
  const start = h.frames().at(-1)?.snapshot;
  if (start === undefined) throw new Error('no frame after the load');
  // The trace and the journeys are the step's own: what the worker sends once it plays.
  const played = h.posted.length;
  c.receive({ type: 'play', until: step.pauseAt });
  // The wall time the run needs at its speed, and a margin; the fake clock stands still during work.
  const wallMs = ((step.pauseAt - (step.startAt ?? 0)) / step.speed) * 1000;
  for (let waited = 0; (c.current?.now ?? Infinity) < step.pauseAt && waited < wallMs * 2 + 1000; waited += FRAME_MS) h.advance(FRAME_MS);
  const engine = c.current;
  if (engine === null) throw new Error('no engine');
  const last = h.frames().at(-1) as FrameMessage;
  const loaded = h.posted
    .map((p) => p.msg)
    .filter((m): m is LoadedMessage => m.type === 'loaded')
    .at(-1);
  if (loaded === undefined) throw new Error('no loaded message');
  // The page's statistics feed: a start time's run hands its samples over ('rewound'), frames add theirs.
  let samples: StatsSample[] = [];
  const trace: TraceEvent[] = [];
  let traceSkipped = 0;
  const moves: Move[] = [];
  h.posted.forEach(({ msg }, i) => {
    if (msg.type === 'rewound') samples = msg.stats.filter((x) => x.endNs <= msg.t);
    else if (msg.type === 'frame') {
      samples.push(...msg.stats);
      if (i < played) return;
      trace.push(...msg.trace);
      traceSkipped += msg.traceSkipped;
      const m = msg.moves;
      if (m !== null) for (let j = 0; j < m.count; j++) moves.push({ frame: m.frame[j], place: m.place[j], at: m.at[j] });
    }
  });
  const snapshot = last.snapshot;
  const inspections = new Map<string, Inspection>();
  let atStart: ReturnType<typeof loadAsPage> | null = null;
  const inspect = (name: string, view: 'start' | 'checkpoint' = 'checkpoint'): Inspection => {
    const key = `${view}:${name}`;
    let answer = inspections.get(key);
    if (answer === undefined) {
      if (view === 'checkpoint') answer = inspectNamed(h, c, loaded.topology, snapshot, name);
      else {
        // Another worker, loaded the same way and left at the start (inspecting changes nothing).
        atStart ??= loadAsPage(step);
        answer = inspectNamed(atStart.h, atStart.c, loaded.topology, start, name);
      }
      inspections.set(key, answer);
    }
    return answer;
  };
  return {
    start,
    snapshot,
    samples,
    trace,
    traceSkipped,
    moves,
    topology: loaded.topology,
    engine,
    pausedAtCheckpoint: !last.running && snapshot.simNs === step.pauseAt,
    inspect,
  };
}
