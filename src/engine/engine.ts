/**
 * The cpumap engine: builds the simulated machine from a scenario, runs it in simulated time,
 * applies map operations (timed from the scenario or immediate from a caller) and checks its
 * invariants. Pure TypeScript: runs the same in Node and in a Web Worker.
 */
import type { MapOpSpec, Scenario } from '../scenario/types';
import { lateKernel } from './kernel/lateKernel';
import { BPF_ANY } from '../scenario/types';
import { lineRatePps } from '../scenario/defaults';
import { World } from './world';
import { Cpu } from './kernel/cpu';
import { NicQueue } from './kernel/nicQueue';
import { ArrivalProcess, flowsByQueue } from './sim/traffic';
import { COST } from './sim/costModel';
import { defer, runDeferred } from './sim/deferred';
import { shareAcrossClones } from './checkpoint/cloneGraph';
import { switchesFor, type ModelSwitches } from './switches';
import type { OpOutcome } from './kernel/cpumap';
import type { OpResultCode } from './kernel/errno';
import { loadCpumapProgram } from './kernel/loader';
import { applyOp } from './applyOp';
import { TraceRing } from './kernel/tracepoints';
import { LatencyRecorder } from './stats/latency';
import type { CpuMapEntry } from './kernel/entry';
import { checkInvariants } from './invariants';
import { kthreadStackCost, skbPerFrameCost } from './kernel/kthreadLoop';

/**
 * An `ops` item's record, as the CLI's JSON reports it. Besides the map operations' own fields: a
 * `create` has its max_entries in `qsize`, a `rate` the frames per second set in `value`, an `irq`
 * the queue in `key` and the CPU in `value`.
 */
export interface OpRecord {
  at: number;
  op: MapOpSpec['op'];
  key: number | null;
  qsize: number | null;
  flags: number | null;
  result: OpResultCode;
  value: number | null;
  next: number | null;
  reason: string;
}

/** Frame buckets as the CLI's JSON and the explorer report them. */
import type { FrameTotals } from './frameTotals';
export type { FrameTotals };

export interface EngineOptions {
  /** Keep the last N tracepoint hits for trace_pipe-style output (0: none). */
  traceCapacity?: number;
  /** What-if switches on top of the scenario's kernel version. */
  switches?: Partial<ModelSwitches>;
  /** Record the latency histograms (default true; off where nothing reads them). */
  latency?: boolean;
}

export class Engine {
  readonly world: World;
  readonly scenario: Scenario;
  /** Results of every map operation so far, in time order (the create first). */
  readonly ops: OpRecord[] = [];
  /** Map operations done by hand so far (applyHandOp, or replayed by scheduleHandOp). */
  handOpsApplied = 0;
  /** The map create's outcome: "0" or the errno (the scenario's map may fail to create). */
  readonly createResult: OpOutcome;

  constructor(scenario: Scenario, options: EngineOptions = {}) {
    // Never changed once built: checkpoints share it.
    this.scenario = shareAcrossClones(scenario);
    const w = new World(scenario, switchesFor(scenario, options.switches));
    // Fails here, with what to do, rather than at the kthread's first batch.
    if (w.switches.kthreadGro) lateKernel();
    this.world = w;
    if (options.traceCapacity) w.traceRing = new TraceRing(options.traceCapacity);
    if (options.latency ?? true) w.latency = new LatencyRecorder(scenario.cpus);
    w.skbPerFrameNs = skbPerFrameCost(w);
    w.stackNs = kthreadStackCost(w);
    for (let c = 0; c < scenario.cpus; c++) w.cpus.push(new Cpu(c, scenario.seed));
    this.buildNic();

    const outcome = loadCpumapProgram(w, scenario.max);
    this.createResult = outcome;
    this.record({ at: 0, op: 'create', key: null, qsize: scenario.max, flags: 0 }, outcome);
    if (outcome.result === '0') {
      w.settingUp = true;
      for (const e of scenario.entries) {
        this.apply({ at: 0, op: 'update', key: e.cpu, qsize: e.qsize, flags: BPF_ANY });
        // 5.9+: the value's bpf_prog.fd loads the entry's program (__cpu_map_load_bpf_program).
        const entry = w.map?.lookup(e.cpu) ?? null;
        if (entry !== null && e.prog !== undefined) entry.prog = e.prog;
      }
      w.settingUp = false;
    } else {
      w.note(`BPF_MAP_CREATE failed: ${outcome.result} (${outcome.reason}); no XDP program attached`);
    }
    for (const op of scenario.ops) w.control.push(op.at, `map op ${op.op}`, defer(applyScheduledOp, this, op), OP_TIER);
    w.limit = 0;
    for (const cpu of w.cpus) cpu.step(w, 0);
  }

  private buildNic(): void {
    const s = this.scenario;
    const w = this.world;
    const byQueue = flowsByQueue(s.flows, s.rx.length);
    const line = lineRatePps(s.link, s.size);
    w.pool.reserveDescriptors(s.rx.length * s.ring);
    s.rx.forEach((cpu, i) => {
      const share = (s.rate * byQueue[i].length) / s.flows;
      const run = s.traffic.kind === 'tcp' ? s.traffic.run : 1;
      const arrivals = new ArrivalProcess(s.arrival, share, line, byQueue[i], s.seed, i, 0, run);
      const q = new NicQueue(i, cpu, s.ring, arrivals, s.link);
      q.irqAt = arrivals.next + COST.irqToPoll;
      w.nicQueues.push(q);
      w.cpus[cpu].nicQueues.push(q);
    });
  }

  /** Current simulated time (ns). */
  get now(): number {
    return this.world.now;
  }

  /** Runs the simulation up to simulated time `t` (ns). */
  runUntil(t: number): void {
    const w = this.world;
    const heap = w.heap;
    const control = w.control;
    w.limit = t;
    // A CPU stepped over and over without time moving is a livelock (an engine bug): stop with a
    // clear error rather than hang the worker or the test run.
    let sameTimeSteps = 0;
    let lastStepAt = -1;
    for (;;) {
      const tc = control.nextTime();
      const ta = heap.topTime();
      if (tc <= ta) {
        if (tc > t) break;
        const ev = control.pop();
        if (ev === undefined) break;
        w.now = ev.at;
        runDeferred(ev.call);
        continue;
      }
      // A CPU due exactly at t acts in the next run: actions start strictly before the limit.
      if (ta >= t) break;
      const cpu = heap.top();
      if (ta !== lastStepAt) {
        lastStepAt = ta;
        sameTimeSteps = 0;
      } else if (++sameTimeSteps > LIVELOCK_STEPS) {
        const message = `livelock: CPU ${cpu} was stepped ${LIVELOCK_STEPS} times at ${ta} ns without simulated time moving`;
        w.violation(message);
        throw new Error(`The simulation stopped making progress (${message})`);
      }
      w.running = cpu;
      w.cpus[cpu].step(w, ta);
      w.running = -1;
    }
    if (t > w.now) w.now = t;
  }

  /**
   * Runs the timed map operations due exactly now (they come first at their time). A map
   * operation done by hand at this time then follows them, as it does when a link replays it.
   */
  runOpsDueNow(): void {
    const w = this.world;
    for (let ev = w.control.peek(); ev !== undefined && ev.at === w.now && ev.tier === OP_TIER; ev = w.control.peek()) {
      w.control.pop();
      runDeferred(ev.call);
    }
  }

  /**
   * A map operation done by hand, now: after the timed ones due now, and counted in
   * handOpsApplied (time travel replays the hand-made ones a checkpoint has not seen yet).
   */
  applyHandOp(op: MapOpSpec): OpRecord {
    this.runOpsDueNow();
    this.handOpsApplied++;
    return this.apply(op);
  }

  /** Replays a hand-made operation at `op.at` (time travel: the branch's ops after a checkpoint). */
  scheduleHandOp(op: MapOpSpec): void {
    this.world.control.push(op.at, `hand-made map op ${op.op}`, defer(applyReplayedHandOp, this, op), OP_TIER);
  }

  /** Forgets replayed hand-made operations scheduled after `t` (a fork discards that future). */
  dropHandOpsAfter(t: number): void {
    this.world.control.removeWhere((ev) => ev.call.fn === applyReplayedHandOp && ev.at > t);
  }

  /** Time of the next pending event of any agent (Infinity when nothing is scheduled). */
  nextEventTime(): number {
    const w = this.world;
    return Math.min(w.heap.topTime(), w.control.nextTime());
  }

  /**
   * Runs event by event until `done()` holds or simulated time reaches `limitNs`; returns whether
   * `done()` held. The explorer's Step uses it (next event, next NAPI poll, next kthread batch).
   */
  stepUntil(done: () => boolean, limitNs: number): boolean {
    for (let i = 0; i < 1_000_000; i++) {
      const t = this.nextEventTime();
      if (t > limitNs) {
        this.runUntil(limitNs);
        return done();
      }
      // Process the events due at t (runUntil stops just before its limit).
      this.runUntil(t + 1e-3);
      if (done()) return true;
    }
    return done();
  }

  /**
   * Lets every NIC queue receive the frames that have arrived by now. The engine receives them
   * lazily when a poll looks; doing it earlier changes nothing (arrivals are exogenous and only a
   * poll consumes), but shows each frame at the NIC from the moment it lands.
   */
  receiveArrivals(): void {
    const w = this.world;
    for (const q of w.nicQueues) q.receiveUntil(w.now, w.pool, w.acct, w.moves);
  }

  /** kthread loop iterations so far, over all CPUs. */
  kthreadIterations(): number {
    let n = 0;
    for (const v of this.world.counters.kthEvents) n += v;
    return n;
  }

  /** Applies an `ops` item now (its `at` is ignored), recording its result. */
  apply(op: MapOpSpec): OpRecord {
    const at = this.world.now;
    const outcome = applyOp(this.world, op);
    return this.record({ at, op: op.op, ...recordFields(op, this.scenario) }, outcome);
  }

  private record(base: Pick<OpRecord, 'at' | 'op' | 'key' | 'qsize' | 'flags'>, outcome: OpOutcome): OpRecord {
    const rec: OpRecord = {
      ...base,
      result: outcome.result,
      value: outcome.value ?? null,
      next: outcome.next ?? null,
      reason: outcome.reason,
    };
    this.ops.push(rec);
    this.world.note(describeOp(rec));
    return rec;
  }

  /** Every entry ever allocated, failed allocations included (the lifecycle panel shows them all). */
  get entries(): readonly CpuMapEntry[] {
    return this.world.entries;
  }

  /** Where every offered frame is: the terminal buckets plus those in flight (they add up). */
  frameTotals(): FrameTotals {
    const a = this.world.acct;
    return {
      offered: a.offered,
      nicDropped: a.nicDropped,
      // Both programs' XDP_DROP: the RX CPU's and (5.9+) an entry's in the kthread.
      xdpDropped: a.xdpDropped + a.entryProgDropped,
      redirectErr: a.redirectErr,
      ringFull: a.ringFull,
      // Frames __cpu_map_ring_cleanup had to return (a kernel WARN, also reported as a violation).
      stackDropped: a.stackDropped + a.ringCleanup,
      delivered: a.delivered,
      // An entry program's XDP_REDIRECT sends the frame on, out of the model: a verdict of its own.
      redirected: a.entryProgRedirected,
      inFlight: this.inFlight(),
    };
  }

  /** Frames currently held somewhere in the machine. */
  inFlight(): number {
    const w = this.world;
    let n = 0;
    for (const q of w.nicQueues) n += q.count;
    // A frame whose bq_enqueue yielded to another CPU's earlier event is in the RX CPU's hands.
    for (const c of w.cpus) if (c.pendingFrame >= 0) n++;
    for (const e of this.entries) if (!e.freed) n += e.inFlight();
    return n;
  }

  /** Checks every invariant now; new violations are appended to `violations`. */
  check(): string[] {
    checkInvariants(this);
    return this.world.violations;
  }

  get violations(): readonly string[] {
    return this.world.violations;
  }
}

/** "update key 70: -E2BIG (key >= max_entries 8)", as the page and the trace log print it. */
export function describeOp(r: OpRecord): string {
  if (r.op === 'rate' || r.op === 'irq' || r.op === 'rt') return `${r.op}: ${r.result} (${r.reason})`;
  const what = r.op === 'next' ? `get_next_key ${r.key ?? '(none)'}` : r.key === null ? r.op : `${r.op} key ${r.key}`;
  const extra = r.value !== null ? ` = ${r.value}` : r.next !== null ? ` -> next ${r.next}` : '';
  return `${what}: ${r.result}${extra} (${r.reason})`;
}

/** The record fields an `ops` item fills itself (see OpRecord); the rest come from its outcome. */
function recordFields(op: MapOpSpec, s: Scenario): Pick<OpRecord, 'key' | 'qsize' | 'flags'> {
  switch (op.op) {
    case 'update':
      return { key: op.key, qsize: op.qsize, flags: op.flags };
    case 'delete':
    case 'lookup':
    case 'next':
      return { key: op.key, qsize: null, flags: null };
    case 'irq':
      return { key: op.queue, qsize: null, flags: null };
    case 'rt':
      return { key: op.cpu, qsize: null, flags: null };
    case 'create':
      return { key: null, qsize: op.max ?? s.max, flags: 0 };
    case 'free':
    case 'failslab':
    case 'rate':
      return { key: null, qsize: null, flags: null };
  }
}

/** Steps at one simulated time that mean a livelock (legitimately: a few per CPU). */
const LIVELOCK_STEPS = 100_000;

/** Control-queue tier of map operations: at their time they come before the kernel's events. */
const OP_TIER = 0;

/** One of the scenario's timed `ops`, due now (a module-level function: see defer). */
function applyScheduledOp(engine: Engine, op: MapOpSpec): void {
  const w = engine.world;
  // 6.5+: the user's map syscalls are serial; one issued while an update waits for its kthread
  // runs when that update returns (rate and irq changes are not the user's map syscalls).
  if (w.updateWait !== null && op.op !== 'rate' && op.op !== 'irq') {
    w.blockedOps.push(defer(applyScheduledOp, engine, op));
    return;
  }
  engine.apply(op);
}

/** A hand-made operation replayed after going back in time, due now. */
function applyReplayedHandOp(engine: Engine, op: MapOpSpec): void {
  engine.handOpsApplied++;
  engine.apply(op);
}
