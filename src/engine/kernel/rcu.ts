/**
 * RCU as the cpumap teardown sees it: call_rcu callbacks, synchronize_rcu and rcu_barrier, with
 * grace periods that end once every CPU has passed a quiescent state.
 *
 * Model: a grace period starts when a callback needs one. Idle CPUs are already quiescent; a busy
 * CPU reports a quiescent state at the end of each NAPI poll (the poll is the read-side critical
 * section), when its kthread passes cond_resched() or schedule(), and when it goes idle. The RCU
 * core notices the last report on the next scheduling-clock tick, and callbacks run then.
 * Simplification: no expedited grace periods, no callback batching limits, and the callbacks'
 * own CPU time is not charged.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/call_rcu
 */
import type { ControlQueue } from '../sim/controlQueue';
import { defer, runDeferred, type Deferred } from '../sim/deferred';
import { EV_RCU, type EventLog } from '../eventLog';

/** What RCU needs from the machine (the World): plain data and methods, so checkpoints copy it. */
export interface RcuHost {
  /** Current simulated time. */
  readonly now: number;
  /** Whether `cpu` is idle (in an extended quiescent state) right now. */
  isIdle(cpu: number): boolean;
  /** The control plane, where grace-period ends and barriers are scheduled. */
  readonly control: ControlQueue;
  /** The explorer's event list, when it listens. */
  readonly events?: EventLog | null;
}

interface Callback {
  readonly needGp: number;
  readonly label: string;
  readonly call: Deferred;
}

export class Rcu {
  /** Grace periods completed so far. */
  completed = 0;
  /** Whether grace period `completed + 1` is under way. */
  inProgress = false;
  /** When the current grace period started. */
  gpStart = 0;
  /** Per CPU: 1 while the current grace period still waits for this CPU's quiescent state. */
  readonly qsPending: Uint8Array;
  private qsPendingCount = 0;
  private endScheduled = false;
  private callbacks: Callback[] = [];

  constructor(
    private readonly host: RcuHost,
    private readonly cpuCount: number,
    private readonly tickNs: number,
  ) {
    this.qsPending = new Uint8Array(cpuCount);
  }

  /** Callbacks queued and not yet invoked. */
  get pendingCallbacks(): number {
    return this.callbacks.length;
  }

  /** call_rcu(): make `call` after a full grace period from now. */
  callRcu(label: string, call: Deferred): void {
    // A grace period that started before this call cannot cover it: wait for the next one. One
    // starting at this very instant still takes it (the kernel batches callbacks queued together).
    const joins = !this.inProgress || this.gpStart === this.host.now;
    const needGp = this.completed + (joins ? 1 : 2);
    this.callbacks.push({ needGp, label, call });
    if (!this.inProgress) this.startGp();
  }

  /** synchronize_rcu(): continue with `call` after a grace period. */
  synchronize(label: string, call: Deferred): void {
    this.callRcu(label, call);
  }

  /**
   * rcu_barrier(): continue with `call` once every callback queued before now has been invoked.
   * https://elixir.bootlin.com/linux/v5.2/C/ident/rcu_barrier
   */
  barrier(label: string, call: Deferred): void {
    if (this.callbacks.length === 0) {
      this.host.control.push(this.host.now, label, call);
      return;
    }
    let last = 0;
    for (const cb of this.callbacks) last = Math.max(last, cb.needGp);
    // Queued after the others with the same grace period, so it runs after them.
    this.callbacks.push({ needGp: last, label, call });
  }

  /** A quiescent state on `cpu` (poll end, cond_resched, schedule, idle). */
  quiescent(cpu: number): void {
    if (this.qsPending[cpu] === 0) return;
    this.qsPending[cpu] = 0;
    this.qsPendingCount--;
    if (this.qsPendingCount === 0) this.scheduleEnd();
  }

  /** Whether `cpu` still holds up the current grace period. */
  isHoldingGp(cpu: number): boolean {
    return this.qsPending[cpu] === 1;
  }

  private startGp(): void {
    this.inProgress = true;
    this.gpStart = this.host.now;
    this.qsPendingCount = 0;
    for (let cpu = 0; cpu < this.cpuCount; cpu++) {
      const busy = !this.host.isIdle(cpu);
      this.qsPending[cpu] = busy ? 1 : 0;
      if (busy) this.qsPendingCount++;
    }
    if (this.qsPendingCount === 0) this.scheduleEnd();
  }

  private scheduleEnd(): void {
    if (this.endScheduled) return;
    this.endScheduled = true;
    const tick = this.tickNs;
    // The RCU core notices the last quiescent state on a tick, and a grace period spans at least
    // one full tick after it starts.
    const at = Math.ceil(Math.max(this.host.now, this.gpStart + tick) / tick) * tick;
    this.host.control.push(at, 'rcu grace period end', defer(rcuGracePeriodEnd, this));
  }

  /** The grace period is over: invoke the callbacks it covers. Called through rcuGracePeriodEnd. */
  endGp(): void {
    this.endScheduled = false;
    this.inProgress = false;
    this.completed++;
    this.host.events?.push(EV_RCU, this.host.now, -1, -1, this.completed);
    const ready: Callback[] = [];
    const waiting: Callback[] = [];
    for (const cb of this.callbacks) (cb.needGp <= this.completed ? ready : waiting).push(cb);
    this.callbacks = waiting;
    for (const cb of ready) runDeferred(cb.call);
    if (this.callbacks.length > 0 && !this.inProgress) this.startGp();
  }
}

/** The scheduled end of a grace period (a module-level function: see defer). */
function rcuGracePeriodEnd(rcu: Rcu): void {
  rcu.endGp();
}
