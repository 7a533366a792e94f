/**
 * The simulated machine: CPUs, NIC queues, the cpumap, RCU, the clocks and the counters. Kernel
 * modules are functions over a World; the Engine (engine.ts) builds one from a scenario and
 * drives it.
 */
import type { Scenario } from '../scenario/types';
import { FrameAccounts } from './accounting';
import type { Cpu } from './kernel/cpu';
import type { CpuMap } from './kernel/cpumap';
import type { CpuMapEntry } from './kernel/entry';
import type { NicQueue } from './kernel/nicQueue';
import { Rcu, type RcuHost } from './kernel/rcu';
import { returnsNetRxDrop, stackDiscards } from './kernel/netstack';
import { TraceCounters, type TraceRing } from './kernel/tracepoints';
import { AgentHeap } from './sim/agentHeap';
import { ControlQueue } from './sim/controlQueue';
import { COST } from './sim/costModel';
import { FramePool } from './sim/framePool';
import type { Deferred } from './sim/deferred';
import type { LatencyRecorder } from './stats/latency';
import type { MoveRecorder } from './moves';
import type { EventLog } from './eventLog';
import type { ModelSwitches } from './switches';
import type { XdpProg } from './kernel/xdpProg';

/** A line for the trace log that is not a tracepoint: map operation results, kernel warnings. */
export interface LogLine {
  at: number;
  text: string;
}

export const POLICY_RR = 0;
export const POLICY_HASH = 1;
export const POLICY_CPU = 2;

/** An entry leaked because kthread_stop found its kthread never ran (the 2023 leak). */
export interface LeakRecord {
  /** Simulated time of the kthread_stop (ns). */
  at: number;
  /** The entry's CPU (its map key). */
  cpu: number;
  /** The entry's uid. */
  uid: number;
  /** Frames left in its ring, never freed. */
  framesInRing: number;
}

export class World implements RcuHost {
  /** Simulated time, in ns. */
  now = 0;
  readonly heap: AgentHeap;
  readonly control = new ControlQueue();
  readonly pool = new FramePool();
  readonly counters = new TraceCounters();
  readonly acct = new FrameAccounts();
  /**
   * Per target CPU, the latency of the frames its kthreads hand to the stack (current window); null
   * when nothing reads it (`npm run sim --text` and `--trace`): recording it costs about 15% of the
   * engine's time at line rate (see README, Performance).
   */
  latency: LatencyRecorder | null = null;
  readonly rcu: Rcu;
  cpus: Cpu[] = [];
  /** Every cpumap entry ever allocated, in allocation order. */
  readonly entries: CpuMapEntry[] = [];
  nicQueues: NicQueue[] = [];
  /**
   * The loader's cpumap (the one map operations act on), until cpu_map_free of it finishes or a
   * new map is created after a free.
   */
  map: CpuMap | null = null;
  /** The XDP program attached to the NIC, redirecting into its map; null when none is attached. */
  prog: XdpProg | null = null;
  /** The redirect policy as a small integer (hot path: no string compares per frame). */
  readonly progPolicy: number;
  /** The stack frees every SKB as this scenario's verdict (see stackDiscards). */
  readonly stackDrops: boolean;
  /** netif_receive_skb_core returns NET_RX_DROP for this scenario's stack verdict (the kthread's drops). */
  readonly stackNetRxDrop: boolean;
  /** Generic XDP (`mode=skb`): the RX CPU redirects SKBs, and rings hold SKBs instead of xdp_frames. */
  readonly genericXdp: boolean;
  /** The kthread's cost per SKB besides the consume (set by the engine from the cost model). */
  skbPerFrameNs = 0;
  /** Of that, the stack's own cost (netif_receive_skb_core onwards): the SKB goes to the stack this long before the frame's slot ends. */
  stackNs = 0;
  /** The key of `prog=cpu:N`. */
  readonly progFixedKey: number;
  /** Remaining allocations that fail (fault injection, failslab on the loader task). */
  failslab = 0;
  /** Invariant violations: a correct run has none. */
  readonly violations: string[] = [];
  /**
   * 6.5+: a map update whose syscall waits (wait_for_completion) until its new kthread has run;
   * the user's later map operations wait behind it (blockedOps). Null when none waits.
   */
  updateWait: { map: CpuMap; key: number; entry: CpuMapEntry; since: number } | null = null;
  /** Map operations of the `ops` timeline issued while an update waits; they run once it returns. */
  readonly blockedOps: Deferred[] = [];
  /** The loader's initial updates (before the run starts: their kthreads have run by time 0). */
  settingUp = false;
  /** Entries leaked by a kthread_stop before their kthread ever ran (before 6.5), in time order. */
  readonly leaks: LeakRecord[] = [];
  /** Kernel warnings and notable behaviour (e.g. a leaked entry), in time order. */
  readonly log: LogLine[] = [];
  traceRing: TraceRing | null = null;
  /** 5.6+: the per-CPU cpu_map_flush_list every map shares (made with the first map). */
  cpuMapFlushLists: CpuMapEntry[][] | null = null;
  /** Per-frame journeys for the animation; null unless a caller records them. */
  moves: MoveRecorder | null = null;
  /** Polls, flushes, wake-ups, kthread iterations and grace periods for the event list; null unless listened to. */
  events: EventLog | null = null;
  nextPid = 1000;
  /** NAPI polls started so far (for stepping poll by poll). */
  polls = 0;
  nextEntryUid = 1;
  nextMapId = 7;

  constructor(
    readonly scenario: Scenario,
    readonly switches: ModelSwitches,
  ) {
    this.heap = new AgentHeap(scenario.cpus);
    const prog = scenario.prog;
    this.progPolicy = prog.kind === 'rr' ? POLICY_RR : prog.kind === 'hash' ? POLICY_HASH : POLICY_CPU;
    this.progFixedKey = prog.kind === 'cpu' ? prog.cpu : -1;
    this.stackDrops = stackDiscards(scenario.stack);
    // 5.13+: netif_receive_skb_list returns nothing, so the kthread's drops no longer count NET_RX_DROP.
    this.stackNetRxDrop = !switches.listReceive && returnsNetRxDrop(scenario.stack);
    this.genericXdp = scenario.mode === 'skb';
    this.rcu = new Rcu(this, scenario.cpus, COST.tick);
  }

  /** An XDP program is attached to the NIC. */
  get progAttached(): boolean {
    return this.prog !== null;
  }

  /** Whether `cpu` is idle (RCU's extended quiescent state). */
  isIdle(cpu: number): boolean {
    return this.cpus[cpu].isIdle();
  }

  /** The CPU whose step is running (it stays in the heap meanwhile), or -1. */
  running = -1;
  /** The time the current runUntil stops at: no action may start at or after it. */
  limit = 0;

  /** The last horizon() and what it depended on (the heap's and control queue's change counts). */
  private horizonAt = 0;
  private horizonChanges = -1;
  private horizonRunning = -1;
  private horizonLimit = -1;

  /** Time of the next event of any other agent: actions before it may run inline. */
  horizon(): number {
    // Asked after every action: worked out again only when a schedule changed since.
    const changes = this.heap.changes + this.control.changes;
    if (changes === this.horizonChanges && this.running === this.horizonRunning && this.limit === this.horizonLimit) return this.horizonAt;
    const a = this.running >= 0 ? this.heap.topTimeExcluding(this.running) : this.heap.topTime();
    const c = this.control.nextTime();
    const m = a < c ? a : c;
    const h = m < this.limit ? m : this.limit;
    this.horizonAt = h;
    this.horizonChanges = changes;
    this.horizonRunning = this.running;
    this.horizonLimit = this.limit;
    return h;
  }

  /** Records an invariant violation (deduplicated per message, bounded). */
  violation(message: string): void {
    if (this.violations.length < 100 && !this.violations.includes(message)) {
      this.violations.push(`${(this.now / 1e6).toFixed(6)} ms: ${message}`);
    }
  }

  /** Adds a line to the log (bounded). */
  note(text: string): void {
    if (this.log.length >= 10_000) this.log.shift();
    this.log.push({ at: this.now, text });
  }

  /** Makes `cpu` reconsider its work at `at` if it is idle now. */
  kick(cpu: number, at: number): void {
    const c = this.cpus[cpu];
    if (c.isIdle() && !c.stepping) this.heap.scheduleNoLater(cpu, Math.max(at, this.now));
  }
}
