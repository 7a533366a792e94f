/**
 * One simulated CPU and what it runs: the NET_RX softirq (NAPI polls of the NIC queues bound to
 * it), the cpumap kthreads pinned to it, or nothing (idle).
 *
 * Scheduling model (a simplification of the kernel's, said so in the README):
 * - Softirq first: a pending NAPI poll runs at the next point where bottom halves are enabled,
 *   i.e. between kthread loop iterations (the kthread's batch runs under local_bh_disable).
 * - After MAX_SOFTIRQ_RESTART rounds of netdev_budget frames (or 2 ms) with work still pending,
 *   __do_softirq hands NET_RX to ksoftirqd, which then shares the CPU with the kthreads as an
 *   equal CFS task. CFS, simplified: each task accrues vruntime as it runs; the one with the least
 *   runs; the running task keeps the CPU for at least sched_min_granularity unless a waking task
 *   has sched_wakeup_granularity less vruntime (wake-up preemption); a task that slept is placed
 *   half of sched_latency below min_vruntime. A kthread that lost the CPU is marked `preempted`;
 *   whether its `sched` column shows it depends on the preemption model (preempt.ts).
 *   ksoftirqd sleeps again once the NIC has nothing left.
 */
import type { World } from '../world';
import { COST, KERNEL } from '../sim/costModel';
import { Rng } from '../sim/rng';
import type { NicQueue } from './nicQueue';
import type { Kthread } from './kthread';
import type { CpuMapEntry } from './entry';
import type { XdpProg } from './xdpProg';
import { napiPollRun, napiPollStart } from './napi';
import { fireKthreadTrace, kthreadStep, STEP_CONTINUE } from './kthreadLoop';
import { BUSY_KINDS, BUSY_KSOFTIRQD, BUSY_KTHREAD, BUSY_SOFTIRQ, BUSY_SWITCH } from './busyKinds';

export { BUSY_KSOFTIRQD, BUSY_KTHREAD, BUSY_SOFTIRQ, BUSY_SWITCH };

export type CpuActivity = 'idle' | 'softirq' | 'ksoftirqd' | 'kthread' | 'switch' | 'rt';

/** busyKind of the RT task's time: not one of the BUSY_* kinds (it goes to rtNs). */
const BUSY_RT = -1;

const KSOFTIRQD = 'ksoftirqd';
type Owner = Kthread | typeof KSOFTIRQD | null;

export class Cpu {
  readonly id: number;
  readonly nicQueues: NicQueue[] = [];
  /** cpumap kthreads bound to this CPU that have not exited. */
  readonly kthreads: Kthread[] = [];
  /** 'irq': softirq runs with priority; 'ksoftirqd': NET_RX was deferred to the ksoftirqd thread. */
  mode: 'irq' | 'ksoftirqd' = 'irq';
  // ---- NAPI poll in progress ----
  pollQueue: NicQueue | null = null;
  pollBudget = 0;
  /** The XDP program the driver read when this poll started (null: none was attached). */
  pollProg: XdpProg | null = null;
  /** Inside a NAPI poll: an RCU read-side critical section. */
  inPoll = false;
  /** A frame whose bq_enqueue yielded before its flush, with the entry its program looked up. */
  pendingFrame = -1;
  pendingEntry: CpuMapEntry | null = null;
  pendingKey = 0;
  /** The poll yielded before a page-reuse check; it goes ahead when resumed (see napi.ts). */
  pageCheckResumed = false;
  /** This poll redirected a frame into a bulk queue (i40e's I40E_XDP_REDIR). */
  pollRedirected = false;
  /** __cpu_map_flush in progress at the end of the poll: the next key to look at, or -1. */
  flushCursor = -1;
  /** Softirq session: frames and start time since softirq processing began on this CPU. */
  sessionFrames = 0;
  sessionStart = 0;
  inSession = false;
  private nextQueue = 0;
  /** Random numbers for the XDP program's decisions on this CPU (XDP_DROP fraction). */
  private readonly progRng: Rng;
  private readonly progUniforms = new Float64Array(256);
  private progPos = 256;
  // ---- thread scheduling ----
  private owner: Owner = null;
  private sliceStart = 0;
  /** What the CPU did in its last step, for the UI. */
  activity: CpuActivity = 'idle';
  /** Index into busyNs of what the last action was. */
  private busyKind = BUSY_SOFTIRQ;
  private idle = true;
  /** CFS: ksoftirqd's vruntime, and the CPU's min_vruntime (monotonic). */
  ksoftirqdVruntime = 0;
  minVruntime = 0;
  /** The kthread that ran the last action (charged its vruntime). */
  private lastRun: Kthread | null = null;
  /** A kthread whose iteration ends at its tracepoint time; fired when this CPU gets there. */
  traceDue: Kthread | null = null;
  /** Inside step(): wake-ups for this CPU need no heap update. */
  stepping = false;
  /** A SCHED_FIFO task (the `rt` op, rtTask.ts) holds the CPU from CFS tasks until then. */
  rtUntil = 0;
  /** Time the RT task ran (ns); not a BUSY_* kind: the headroom table leaves it out. */
  rtNs = 0;
  /** Time spent in softirq, ksoftirqd, kthreads and context switches (ns), by BUSY_* index. */
  readonly busyNs = new Float64Array(BUSY_KINDS);

  constructor(id: number, seed: number) {
    this.id = id;
    this.progRng = new Rng(seed, 1000 + id);
  }

  /** The next uniform in [0, 1) for the XDP program on this CPU (drawn in blocks). */
  progUniform(): number {
    if (this.progPos === this.progUniforms.length) {
      this.progRng.fillUniform(this.progUniforms);
      this.progPos = 0;
    }
    return this.progUniforms[this.progPos++];
  }

  isIdle(): boolean {
    return this.idle;
  }

  /** CFS placement of a task that slept: not far below min_vruntime (GENTLE_FAIR_SLEEPERS). */
  placeWoken(k: Kthread): void {
    k.vruntime = Math.max(k.vruntime, this.minVruntime - KERNEL.cfsSleeperCredit);
  }

  private chargeVruntime(ns: number): void {
    if (this.busyKind === BUSY_KSOFTIRQD) this.ksoftirqdVruntime += ns;
    else if (this.busyKind === BUSY_KTHREAD && this.lastRun !== null) this.lastRun.vruntime += ns;
  }

  /** The kthread currently owning the CPU, if any. */
  runningKthread(): Kthread | null {
    return this.owner !== null && this.owner !== KSOFTIRQD ? this.owner : null;
  }

  removeKthread(k: Kthread): void {
    const i = this.kthreads.indexOf(k);
    if (i >= 0) this.kthreads.splice(i, 1);
    if (this.owner === k) this.owner = null;
  }

  /** Runs this CPU from `t` until it must wait for another agent, or has nothing to do. */
  step(w: World, t: number): void {
    this.stepping = true;
    this.idle = false;
    let now = t;
    for (;;) {
      w.now = now;
      const until = this.act(w, now);
      if (until < 0) {
        this.goIdle(w, now);
        break;
      }
      if (this.busyKind !== BUSY_RT) {
        this.busyNs[this.busyKind] += until - now;
        this.chargeVruntime(until - now);
      } else this.rtNs += until - now;
      if (until < w.horizon()) {
        now = until;
        continue;
      }
      w.heap.schedule(this.id, until);
      break;
    }
    this.stepping = false;
  }

  private goIdle(w: World, now: number): void {
    this.idle = true;
    this.activity = 'idle';
    this.owner = null;
    w.rcu.quiescent(this.id);
    let wake = Infinity;
    for (const q of this.nicQueues) wake = Math.min(wake, q.napiScheduled ? now : q.irqAt);
    for (const k of this.kthreads) if (k.isRunnable()) wake = Math.min(wake, k.readyAt);
    if (wake < Infinity) w.heap.schedule(this.id, Math.max(wake, now));
    else w.heap.cancel(this.id);
  }

  private napiReady(now: number): NicQueue | null {
    const qs = this.nicQueues;
    for (let i = 0; i < qs.length; i++) {
      const q = qs[(this.nextQueue + i) % qs.length];
      if (q.napiScheduled || q.irqAt <= now) {
        this.nextQueue = (this.nextQueue + i + 1) % qs.length;
        return q;
      }
    }
    return null;
  }

  private hasNapiWork(now: number): boolean {
    for (const q of this.nicQueues) if (q.napiScheduled || q.irqAt <= now) return true;
    return false;
  }

  /** Does one thing at `now`; returns when the CPU is free again, or -1 when it has nothing to do. */
  private act(w: World, now: number): number {
    const due = this.traceDue;
    if (due !== null && due.traceAt <= now) {
      this.traceDue = null;
      fireKthreadTrace(w, due);
    }
    // v5.0 keeps bottom halves disabled for its whole inner loop, and 6.12+ from its tracepoint
    // to the end of the stack's work: no softirq until it ends.
    const owner = this.owner;
    if (owner !== null && owner !== KSOFTIRQD && (owner.phase === 'v50more' || owner.phase === 'receive')) {
      this.activity = 'kthread';
      this.busyKind = BUSY_KTHREAD;
      this.lastRun = owner;
      return kthreadStep(w, owner, now).until;
    }
    if (this.pollQueue !== null) {
      this.activity = this.mode === 'irq' ? 'softirq' : 'ksoftirqd';
      this.busyKind = this.mode === 'irq' ? BUSY_SOFTIRQ : BUSY_KSOFTIRQD;
      return napiPollRun(w, this, now);
    }
    if (this.mode === 'irq') {
      if (this.hasNapiWork(now)) {
        if (!this.inSession) {
          this.inSession = true;
          this.sessionStart = now;
          this.sessionFrames = 0;
        }
        const restarts = this.sessionFrames / KERNEL.netdevBudget;
        if (restarts < KERNEL.maxSoftirqRestart && now - this.sessionStart < KERNEL.maxSoftirqTime) {
          this.activity = 'softirq';
          this.busyKind = BUSY_SOFTIRQ;
          return napiPollStart(w, this, this.napiReady(now) as NicQueue, now);
        }
        // wakeup_softirqd(): NET_RX continues in ksoftirqd, a task like any other.
        this.mode = 'ksoftirqd';
        this.ksoftirqdVruntime = Math.max(this.ksoftirqdVruntime, this.minVruntime - KERNEL.cfsSleeperCredit);
        this.inSession = false;
      } else {
        this.inSession = false;
      }
    }
    return this.runThreads(w, now);
  }

  /** CFS between ksoftirqd (when NET_RX was deferred to it) and the ready kthreads. */
  private runThreads(w: World, now: number): number {
    if (now < this.rtUntil) return this.runRt(w, now);
    const napiWork = this.mode === 'ksoftirqd' && this.hasNapiWork(now);
    if (this.mode === 'ksoftirqd' && !napiWork) {
      this.mode = 'irq';
      if (this.owner === KSOFTIRQD) this.owner = null;
    }
    const owner = this.owner;
    const ownerReady = owner === KSOFTIRQD ? napiWork : owner !== null && owner.isReady(now);
    const best = this.leastVruntime(now, napiWork);
    if (best === null) return -1;
    this.minVruntime = Math.max(this.minVruntime, this.vruntimeOf(best));
    // Switch when the owner cannot run, its slice is used up, or a waking task preempts it.
    const switchTo =
      !ownerReady ||
      (best !== owner &&
        (now - this.sliceStart >= KERNEL.cfsSlice || this.vruntimeOf(owner) - this.vruntimeOf(best) > KERNEL.cfsWakeupGranularity));
    if (switchTo && best !== owner) {
      if (ownerReady && owner !== KSOFTIRQD && owner !== null) owner.preempted = true;
      const switching = owner !== null;
      this.owner = best;
      this.sliceStart = now;
      if (switching) {
        this.activity = 'switch';
        this.busyKind = BUSY_SWITCH;
        return now + COST.contextSwitch;
      }
    } else if (!ownerReady || owner === null) {
      this.owner = best;
      this.sliceStart = now;
    }
    const run = this.owner as Exclude<Owner, null>;
    if (run === KSOFTIRQD) {
      this.activity = 'ksoftirqd';
      this.busyKind = BUSY_KSOFTIRQD;
      return napiPollStart(w, this, this.napiReady(now) as NicQueue, now);
    }
    this.activity = 'kthread';
    this.busyKind = BUSY_KTHREAD;
    this.lastRun = run;
    const r = kthreadStep(w, run, now);
    if (r.kind !== STEP_CONTINUE && this.owner === run) this.owner = null;
    return r.until;
  }

  /**
   * The RT task runs until it ends or the next interrupt of this CPU's RX queues (whose softirq
   * then runs first). It is user code: the scheduling-clock tick reports a quiescent state to RCU,
   * so it runs a tick at a time.
   */
  private runRt(w: World, now: number): number {
    const nextTick = (Math.floor(now / COST.tick) + 1) * COST.tick;
    let until = Math.min(this.rtUntil, nextTick);
    for (const q of this.nicQueues) if (q.irqAt > now && q.irqAt < until) until = q.irqAt;
    const owner = this.owner;
    if (owner !== null && owner !== KSOFTIRQD) owner.preempted = true;
    this.owner = null;
    this.activity = 'rt';
    this.busyKind = BUSY_RT;
    w.rcu.quiescent(this.id);
    return until;
  }

  private vruntimeOf(o: Owner): number {
    return o === null ? Infinity : o === KSOFTIRQD ? this.ksoftirqdVruntime : o.vruntime;
  }

  /** The ready task with the least vruntime (ksoftirqd first on a tie). */
  private leastVruntime(now: number, napiWork: boolean): Owner {
    let best: Owner = napiWork ? KSOFTIRQD : null;
    let bestV = napiWork ? this.ksoftirqdVruntime : Infinity;
    for (const k of this.kthreads) {
      if (k.isReady(now) && k.vruntime < bestV) {
        best = k;
        bestV = k.vruntime;
      }
    }
    return best;
  }
}
