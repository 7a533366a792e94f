/**
 * The simulation worker: owns the Engine, runs it in real time while playing (PlayLoop), and
 * talks to the page only through the messages of protocol.ts. The page stays responsive whatever
 * the engine does, and a bug in the engine cannot take the page down with it.
 *
 * The logic is the SimController class, driven through a small host interface (post, clock,
 * timers, fault hooks) so that it runs under test in Node; main.ts wires it to the worker scope.
 */
import { describeOp, Engine } from '../engine/engine';
import { takeSnapshot } from '../engine/snapshot';
import { withEntryProgs } from './entryProgLabels';
import type { MapOpSpec } from '../scenario/types';
import { PlayLoop } from './playLoop';
import { StatsSampler } from './statsSampler';
import { StatsHistory } from './statsHistory';
import { Timeline, type RunState } from './timeline';
import { stepOnce } from './stepOnce';
import { Recorders } from './recorders';
import type { WorkerTools } from './tools';
import { ToolGate } from './toolGate';
import { KernelGate } from './kernelGate';
import { scenarioOfLoad } from './scenarioOfLoad';
import type { FrameMessage, InspectTarget, LoadedMessage, ParsedLoad, StatePurpose, StepUnit, ToWorker } from './protocol';
import { PageChannel } from './pageChannel';
import { stateReport } from './stateReport';
import { crashWorker, type WorkerHost } from './host';
import { topologyOf } from './topology';
import { runInSlices } from './runInSlices';
import { ALIVE_EVERY_MS, DEFAULT_STATS_INTERVAL_NS, MAX_START_NS, STATS_HISTORY } from './settings';

/** Runs one simulation for the page: handles every ToWorker message. */
export class SimController {
  private engine: Engine | null = null;
  private query = '';
  /** The last load's scenario, which Reset builds again. */
  private parsed: ParsedLoad | null = null;
  private target: InspectTarget | null = null;
  private sampler = new StatsSampler(DEFAULT_STATS_INTERVAL_NS);
  private readonly timeline = new Timeline();
  private readonly history = new StatsHistory(STATS_HISTORY);
  private readonly recorders = new Recorders();
  /** Map operation records (engine.ops) already reported to the page. */
  private opsPosted = 0;
  /** Where each step since the last play, seek or load started: Step back returns there. */
  private stepStarts: number[] = [];
  /** 'load' messages handled, and what the last one said (for a state report). */
  private loads = 0;
  private loaded: LoadedMessage | null = null;
  /** Records in engine.ops made by building the engine (the create, the scenario's entries). */
  private opsAtLoad = 0;
  /** Least wall time a slice of a run at once takes (the 'stretchRuns' test hook; 0: off). */
  private minSliceMs = 0;
  private readonly page: PageChannel;
  private readonly loop: PlayLoop;
  private readonly clock = () => this.host.now();

  /** The inspector and Step captions (see WorkerHost.tools); messages wait while they are fetched. */
  private readonly gate: ToolGate;
  /** The later kernels' code (see WorkerHost.lateKernel); messages wait while it is fetched. */
  private readonly kernelGate: KernelGate;

  constructor(private readonly host: WorkerHost) {
    // A fetch that fails is reported as an exception in handling would be.
    const failed = (e: unknown) =>
      this.guarded(() => {
        throw e;
      });
    this.gate = new ToolGate(host.tools, (msg) => this.guarded(() => this.handle(msg)), failed);
    this.kernelGate = new KernelGate(host.lateKernel, (msg) => this.gate.receive(msg), failed);
    this.page = new PageChannel(host);
    this.loop = new PlayLoop(host, {
      engine: () => this.engine,
      runUntil: (t) => this.sampler.runUntil(this.engine!, t),
      advanced: (wallMs) => {
        if (this.engine !== null) this.timeline.advanced(this.state(this.engine), wallMs);
      },
      postFrame: () => this.postFrame(),
      guarded: (fn) => this.guarded(fn),
    });
  }

  /**
   * Handles one message. An exception is reported to the page as an 'error' message, ticking
   * stops, and the exception is rethrown so the worker's own error reporting sees it too.
   */
  receive(msg: ToWorker): void {
    this.kernelGate.receive(msg);
  }

  /** The engine, for tests. */
  get current(): Engine | null {
    return this.engine;
  }

  private handle(msg: ToWorker): void {
    switch (msg.type) {
      case 'load':
        this.loads++;
        this.load(msg.query, scenarioOfLoad(msg), msg.startNs);
        break;
      case 'reset':
        if (this.parsed !== null) this.load(this.query, this.parsed);
        break;
      case 'play':
        if (this.loop.play(msg.until !== undefined && Number.isFinite(msg.until) ? msg.until : null)) this.stepStarts = [];
        break;
      case 'runTo':
        this.loop.pause();
        this.runTo(msg.t);
        break;
      case 'pause':
        this.loop.pause();
        this.toWholeNs();
        // Confirms the pause: a frame posted just before it said "running".
        this.postFrame();
        break;
      case 'speed':
        this.loop.setSpeed(msg.nsPerSecond);
        if (this.engine !== null) this.recorders.configureMoves(this.engine.world, this.loop.pacer.speed);
        break;
      case 'step':
        this.step(msg.unit);
        break;
      case 'seek':
        this.loop.pause();
        this.seek(msg.t);
        break;
      case 'stepBack':
        this.loop.pause();
        this.stepBack(msg.unit);
        break;
      case 'mapOp':
        this.mapOp(msg.op);
        break;
      case 'inspect':
        this.target = msg.target;
        // While playing the next tick carries it; a paused worker answers at once.
        if (!this.loop.running) this.postFrame();
        break;
      case 'statsInterval':
        this.sampler.setInterval(msg.ns, this.engine);
        // Samples from here on have the new period: earlier ones of the old period stay.
        this.history.truncateAfter(this.engine?.now ?? 0);
        if (!this.loop.running) this.postFrame();
        break;
      case 'trace':
        this.recorders.trace.on = msg.on;
        if (this.engine !== null) this.recorders.trace.configure(this.engine.world);
        break;
      case 'events':
        this.recorders.events.on = msg.on;
        if (this.engine !== null) this.recorders.events.configure(this.engine.world);
        break;
      case 'ping':
        this.page.post({ type: 'pong' });
        break;
      case 'hidden':
        this.loop.setHidden(msg.hidden);
        break;
      case 'getState':
        this.postState(msg.purpose);
        break;
      case 'crash':
        crashWorker(this.host.faults, msg.how ?? 'throw', msg.message);
        break;
      case 'dropOutgoing':
        this.host.faults.dropOutgoing(msg.count, msg.kind);
        break;
      case 'stretchRuns':
        this.minSliceMs = Number.isFinite(msg.minSliceMs) ? Math.min(Math.max(msg.minSliceMs, 0), ALIVE_EVERY_MS) : 0;
        break;
      default: {
        const unknown: never = msg;
        throw new Error(`unknown message ${JSON.stringify(unknown)}`);
      }
    }
  }

  private guarded(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.loop.halt();
      const message = error instanceof Error ? error.message : String(error);
      this.page.post({ type: 'error', message });
      throw error;
    }
  }

  private load(query: string, parsed: ParsedLoad, startNs = 0): void {
    const { scenario, problems } = parsed;
    const loaded = new Engine(scenario);
    this.query = query;
    this.parsed = parsed;
    // Element ids (entries, frames) belong to the old engine.
    this.target = null;
    this.sampler.reset(loaded);
    this.history.clear();
    this.stepStarts = [];
    this.timeline.start(this.state(loaded));
    const engine = loaded;
    this.engine = engine;
    this.recorders.configure(engine.world, this.loop.pacer.speed);
    this.opsPosted = engine.ops.length;
    this.opsAtLoad = engine.ops.length;
    this.loaded = { type: 'loaded', query, problems, create: engine.createResult.result, topology: topologyOf(engine) };
    this.page.post(this.loaded);
    if (startNs > 0 && Number.isFinite(startNs)) {
      this.fastForward(engine, Math.min(startNs, MAX_START_NS));
      this.page.post({ type: 'rewound', t: engine.now, stats: this.history.upTo(engine.now, STATS_HISTORY), ms: null });
    }
    this.loop.reloaded();
    this.postFrame();
  }

  private state(engine: Engine): RunState {
    return { engine, sampler: this.sampler };
  }

  /**
   * Runs to `t` at once (a shared link's start time), without recording journeys, in slices so
   * the timeline takes checkpoints on the way (the reader can go back from there).
   */
  private fastForward(engine: Engine, t: number): void {
    const moves = engine.world.moves;
    engine.world.moves = null;
    const state = this.state(engine);
    this.runAtOnce(state, t, (ms) => {
      this.history.add(this.sampler.drain());
      this.timeline.advanced(state, ms);
      this.page.signOfLife();
    });
    engine.world.moves = moves;
  }

  /**
   * runInSlices on the worker's clock; with the 'stretchRuns' test hook, each slice is padded with
   * busy wall time up to minSliceMs (`afterSlice` still gets the engine's own wall time).
   */
  private runAtOnce(state: RunState, t: number, afterSlice: (wallMs: number) => void): void {
    runInSlices(state, t, this.clock, (ms) => {
      if (ms < this.minSliceMs) this.host.faults.busy(this.minSliceMs - ms);
      afterSlice(ms);
    });
  }

  /** Runs forward to `t` at once (nothing happens for an earlier `t`). */
  private runTo(t: number): void {
    const engine = this.engine;
    if (engine === null || !Number.isFinite(t) || t <= engine.now) {
      if (engine !== null) this.postFrame();
      return;
    }
    const state = this.state(engine);
    this.runAtOnce(state, Math.min(t, engine.now + MAX_START_NS), (ms) => {
      this.timeline.advanced(state, ms);
      this.page.signOfLife();
    });
    this.postFrame();
  }

  /** Goes back (or forward) to `t` on this branch of the run, and tells the page. */
  private seek(t: number): void {
    const engine = this.engine;
    if (engine === null || !Number.isFinite(t)) return;
    this.stepStarts = [];
    const start = this.host.now();
    // Journeys sit out the replay (the page keeps what it has up to `t`); a fresh recorder follows.
    engine.world.moves = null;
    const state = this.timeline.seek(this.state(engine), t, (s, to) => this.runAtOnce(s, to, () => this.page.signOfLife()));
    this.adopt(state);
    const ms = this.host.now() - start;
    this.page.post({ type: 'rewound', t: state.engine.now, stats: this.history.upTo(state.engine.now, STATS_HISTORY), ms });
    this.postFrame();
  }

  /**
   * Goes back to where the last step started; after playing (no steps to undo), to where the last
   * step by `unit` before now would have started.
   */
  private stepBack(unit: StepUnit): void {
    const engine = this.engine;
    if (engine === null) return;
    const undo = this.stepStarts.pop();
    const to =
      undo !== undefined && undo < engine.now
        ? undo
        : this.timeline.previousStop(engine.now, (s) => stepOnce(s.engine, unit, () => this.page.signOfLife()));
    const steps = this.stepStarts;
    this.seek(to);
    this.stepStarts = steps;
  }

  /** Makes a state from the timeline the live one. */
  private adopt(state: RunState): void {
    this.history.add(state.sampler.drain());
    this.engine = state.engine;
    this.sampler = state.sampler;
    this.recorders.configure(state.engine.world, this.loop.pacer.speed);
    this.opsPosted = state.engine.ops.length;
  }

  /** Paused, the time is made a whole number of ns, so a link can name it exactly. */
  private toWholeNs(): void {
    const engine = this.engine;
    if (engine === null || Number.isInteger(engine.now)) return;
    this.sampler.runUntil(engine, Math.ceil(engine.now));
    // Past the furthest time (after a step), the timeline's end follows.
    this.timeline.advanced(this.state(engine), 0);
  }

  /** Posts the results of scheduled map operations applied since the last post (before record `upTo`). */
  private postScheduledOps(upTo = this.engine?.ops.length ?? 0): void {
    const engine = this.engine;
    if (engine === null) return;
    for (; this.opsPosted < upTo; this.opsPosted++) {
      const record = engine.ops[this.opsPosted];
      this.page.post({ type: 'opResult', record, text: describeOp(record), scheduled: true });
    }
  }

  /** Everything the page mirrors; for a resync, a frame follows (the snapshot, pending samples). */
  private postState(purpose: StatePurpose): void {
    const { loads, loaded, engine, opsAtLoad, timeline, history, target } = this;
    const running = this.loop.running;
    const inspect = this.gate.tools?.inspect ?? null;
    this.page.post(stateReport(purpose, { loads, loaded, engine, opsAtLoad, timeline, history, running, target, inspect }));
    if (purpose === 'resync') this.postFrame();
  }

  private step(unit: StepUnit): void {
    const engine = this.engine;
    if (engine === null) return;
    this.loop.pause();
    const start = this.host.now();
    this.stepStarts.push(engine.now);
    if (this.stepStarts.length > 10_000) this.stepStarts.shift();
    const { probeStep, stepCaption } = this.gate.tools as WorkerTools;
    const before = probeStep(engine);
    stepOnce(engine, unit, () => this.page.signOfLife());
    this.page.post({ type: 'stepCaption', text: stepCaption(engine, before, probeStep(engine)), at: engine.now });
    this.sampler.catchUp(engine);
    this.timeline.advanced(this.state(engine), this.host.now() - start);
    this.postFrame();
  }

  private mapOp(op: MapOpSpec): void {
    const engine = this.engine;
    if (engine === null) return;
    // At a whole ns, after the timed operations due then: as a link's replay of it will be.
    this.toWholeNs();
    this.postScheduledOps();
    const { record, fork } = this.timeline.applyHandOp(this.state(engine), op);
    if (fork !== null) {
      this.history.truncateAfter(fork.at);
      this.page.post({ type: 'forked', at: fork.at, discardedOps: fork.discardedOps });
    }
    // The timed operations due now ran first; the last record is this one, reported as done by hand.
    this.postScheduledOps(engine.ops.length - 1);
    this.opsPosted = engine.ops.length;
    this.page.post({ type: 'opResult', record, text: describeOp(record) });
    if (!this.loop.running) this.postFrame();
  }

  private postFrame(): void {
    const engine = this.engine;
    if (engine === null) return;
    this.postScheduledOps();
    // Frames that reached the NIC by now appear there now, not when the next poll picks them up,
    // at every speed: the snapshot's counters then count every arrival up to its time, so the
    // rates row's window matches a headless run to the same two times (receiving changes nothing
    // else: arrivals are exogenous and only a poll consumes them).
    engine.receiveArrivals();
    const { transfer, ...recorded } = this.recorders.drain(engine.world);
    const stats = this.sampler.drain();
    this.history.add(stats);
    const msg: FrameMessage = {
      type: 'frame',
      furthestNs: this.timeline.furthest,
      stats,
      ...recorded,
      statsInterval: this.sampler.interval,
      statsProgress: this.sampler.progress(engine),
      snapshot: withEntryProgs(engine, takeSnapshot(engine)),
      running: this.loop.running,
      speed: this.loop.pacer.speed,
      actualSpeed: this.loop.pacer.actualSpeed,
      behind: this.loop.pacer.behind,
      // A target is set only by an 'inspect' message, which waits for the tools.
      inspection: this.target === null || this.gate.tools === null ? null : this.gate.tools.inspect(engine, this.target),
    };
    this.loop.posted();
    this.page.post(msg, transfer);
  }
}
