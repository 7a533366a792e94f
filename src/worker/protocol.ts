/**
 * The typed messages between the page and the simulation worker: one discriminated union each
 * way. Bulk per-frame data (MoveBatch arrays) travels as transferred ArrayBuffers.
 */
import type { OpRecord } from '../engine/engine';
import type { MoveBatch } from '../engine/moves';
import type { EngineSnapshot } from '../engine/snapshot';
import type { KernelVersion, MapOpSpec, Scenario, ScenarioProblem } from '../scenario/types';
import type { TraceEvent } from '../engine/kernel/tracepoints';
import type { StatsProgress, StatsSample } from './statsSampler';
import type { EngineEvent } from '../engine/eventLog';

/** Most tracepoint hits a frame message carries (the newest). */
export const TRACE_PER_FRAME = 200;
/** Most map operation results the page keeps for its log (and a state report carries). */
export const MAX_OP_LOG = 200;

/** Step granularity: the next event, the next NAPI poll, or the next kthread loop iteration. */
export type StepUnit = 'event' | 'poll' | 'batch';

/** Something the inspector can show. */
export type InspectTarget =
  | { kind: 'cpu'; cpu: number }
  | { kind: 'nic'; queue: number }
  | { kind: 'entry'; uid: number }
  | { kind: 'bulkq'; uid: number; cpu: number }
  /** `bornAt`: the NIC arrival time of the frame followed (a later frame may reuse its id). */
  | { kind: 'frame'; frame: number; bornAt?: number };

/** The static shape of the machine for one loaded scenario (changes only on load). */
export interface Topology {
  cpus: number;
  maxEntries: number;
  kernel: KernelVersion;
  rx: { queue: number; cpu: number; size: number }[];
  stack: string;
  /** Generic XDP (`mode=skb`): SKBs go straight into the rings, the bulk queues stay unused. Absent: native. */
  genericXdp?: boolean;
}

/** A scenario query as parseScenario reads it. */
export interface ParsedLoad {
  scenario: Scenario;
  problems: ScenarioProblem[];
}

export type ToWorker =
  /** Build the engine from a scenario query (the page's URL form). Keeps speed and play state. */
  | {
      type: 'load';
      query: string;
      /** The query parsed by the page (the worker has no parser in its first load; scenarioOfLoad.ts). */
      parsed?: ParsedLoad;
      /** Simulated time (whole ns) to run to at once, before the first frame (a shared link's `t`). */
      startNs?: number;
    }
  /** Play; with `until`, pause by itself on reaching that simulated time (a lesson's checkpoint). */
  | { type: 'play'; until?: number }
  /** Pause and run at once to simulated time `t` (a shared clock drives two runs side by side). */
  | { type: 'runTo'; t: number }
  | { type: 'pause' }
  /** Rebuild from the current scenario, at time 0. */
  | { type: 'reset' }
  /** Simulated nanoseconds per wall second; Infinity runs as fast as possible. */
  | { type: 'speed'; nsPerSecond: number }
  | { type: 'step'; unit: StepUnit }
  /** Pause and go back (or forward) to simulated time `t` (ns) of this run, up to the furthest reached. */
  | { type: 'seek'; t: number }
  /** Pause and go back to where the last step by `unit` before now started. */
  | { type: 'stepBack'; unit: StepUnit }
  /** A map operation at the current simulated time (its `at` is ignored). */
  | { type: 'mapOp'; op: MapOpSpec }
  | { type: 'inspect'; target: InspectTarget | null }
  /** The statistics interval (simulated ns, 10 us to 1 s). */
  | { type: 'statsInterval'; ns: number }
  /** Stream tracepoint hits to the page (the trace log), or stop. */
  | { type: 'trace'; on: boolean }
  /** Stream polls, flushes, wake-ups, kthread iterations and grace periods to the page (the event list), or stop. */
  | { type: 'events'; on: boolean }
  /** Are you there? The worker answers 'pong' (the page's heartbeat). */
  | { type: 'ping' }
  /**
   * The page is hidden (or shown again): while hidden a playing run holds its pacing, so no
   * frames pile up unseen and simulated time does not leap on return.
   */
  | { type: 'hidden'; hidden: boolean }
  /** Report the whole state: 'resync' after a lost message (a frame follows), 'probe' for tests. */
  | { type: 'getState'; purpose: StatePurpose }
  /** Test hook: fail as a bug would: throw (the default; `message` is the error's), close the worker, or loop forever. */
  | { type: 'crash'; how?: CrashHow; message?: string }
  /** Test hook: lose the next `count` messages to the page (only those of type `kind`, if given). */
  | { type: 'dropOutgoing'; count: number; kind?: FromWorker['type'] }
  /**
   * Test hook: from now on, each slice of a run at once (a start time, a run forward, a replay)
   * keeps the worker busy for at least `minSliceMs` of wall time (at most ALIVE_EVERY_MS; 0 turns
   * it off), as a slower machine would: a run of n slices then takes at least n × minSliceMs
   * whatever the machine's speed, still saying it is alive between slices. The simulation is the same.
   */
  | { type: 'stretchRuns'; minSliceMs: number };

export type CrashHow = 'throw' | 'close' | 'hang';
export type StatePurpose = 'resync' | 'probe';

export interface FrameMessage {
  type: 'frame';
  snapshot: EngineSnapshot;
  running: boolean;
  /** Requested speed (simulated ns per wall second). */
  speed: number;
  /** Simulated ns per wall second actually achieved over the last second. */
  actualSpeed: number;
  /** The worker could not keep up with the requested speed. */
  behind: boolean;
  /** Per-frame journeys since the last message; null when not recording at this speed. */
  moves: MoveBatch | null;
  /** The inspected element's state, when something is inspected. */
  inspection: Inspection | null;
  /** xdp_redirect_cpu statistics for the simulated intervals completed since the last message. */
  stats: StatsSample[];
  /** The latest tracepoint hits since the last message (at most TRACE_PER_FRAME of them). */
  trace: TraceEvent[];
  /** Tracepoint hits since the last message that did not fit in `trace`. */
  traceSkipped: number;
  /** The newest polls, flushes, wake-ups, kthread iterations and grace periods since the last message. */
  events: EngineEvent[];
  /** The statistics interval in simulated ns. */
  statsInterval: number;
  /** The interval in progress, so the page has figures before (and between) completed intervals. */
  statsProgress: StatsProgress | null;
  /** The furthest simulated time this branch of the run has reached (the timeline's end). */
  furthestNs: number;
}

export interface Inspection {
  target: InspectTarget;
  title: string;
  /** Kernel-terms fields, in display order. */
  fields: [string, string][];
  /** Kernel function it is in, with the upstream link for the loaded version, and the step in it. */
  code: { fn: string; link: string; step?: string } | null;
}

/** What 'loaded' says about a scenario just built. */
export interface LoadedMessage {
  type: 'loaded';
  query: string;
  problems: ScenarioProblem[];
  create: string;
  topology: Topology;
}

/**
 * Everything the page mirrors of the worker, at one moment: after a lost message the page takes
 * it whole, and is then consistent with the engine again.
 */
export interface StateMessage {
  type: 'state';
  purpose: StatePurpose;
  /** 'load' messages handled so far (the page counts the ones it sent). */
  loads: number;
  /** The scenario loaded, as its 'loaded' said (null before the first load). */
  loaded: LoadedMessage | null;
  /** Results of the map operations done by hand on this branch of the run (the link writes them as its opResults). */
  handOps: OpRecord[];
  /** Map operation results since the load (the newest MAX_OP_LOG), and the last one's text. */
  ops: OpRecord[];
  lastOpText: string | null;
  /** The statistics samples up to now (as a going-back hands them over). */
  stats: StatsSample[];
  simNs: number;
  furthestNs: number;
  running: boolean;
  /** The element inspected and what it shows now. */
  target: InspectTarget | null;
  inspection: Inspection | null;
}

export type FromWorker =
  | LoadedMessage
  | StateMessage
  /** Answers a ping; also sent unasked during long synchronous work, so the page sees it is alive. */
  | { type: 'pong' }
  | FrameMessage
  /** `scheduled`: the result of one of the scenario's timed `ops` (not one sent by the page). */
  | { type: 'opResult'; record: OpRecord; text: string; scheduled?: boolean }
  | { type: 'error'; message: string }
  /** What the last Step did, in kernel terms (a frame follows). */
  | { type: 'stepCaption'; text: string; at: number }
  /**
   * The run went back (or forward) to `t`: the page drops what it holds from after `t` and takes
   * `stats`, the samples up to `t`. `ms` is the wall time going back took (null: a link's start
   * time was reached on load).
   */
  | { type: 'rewound'; t: number; stats: StatsSample[]; ms: number | null }
  /** A map operation before the furthest time forked the run at `at`: later hand-made operations are gone. */
  | { type: 'forked'; at: number; discardedOps: number };

/**
 * A message as it travels: numbered from 0 for each worker, so the page can tell when one was
 * lost (a gap) and ask for the whole state.
 */
export type WorkerMessage = FromWorker & { seq: number };
