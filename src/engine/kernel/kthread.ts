/**
 * The per-entry kthread "cpumap/<cpu>/map:<id>" running cpu_map_kthread_run, pinned to its CPU.
 * This file holds its task state; the loop itself is in kthreadLoop.ts.
 * https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L236
 */
import type { CpuMapEntry } from './entry';
import type { Deferred } from '../sim/deferred';

/** Scheduler view of the task. */
export type KthreadState =
  /** Created and woken, but the thread function has not started yet. */
  | 'created'
  /** On the runqueue (running when its CPU picks it). */
  | 'runnable'
  /** Scheduled out in TASK_INTERRUPTIBLE, waiting for wake_up_process. */
  | 'sleeping'
  /** The thread function returned (or never ran). */
  | 'exited';

/** Where the next step of cpu_map_kthread_run resumes. */
export type KthreadPhase =
  /** The while condition and the __ptr_ring_empty test. */
  | 'top'
  /** About to set_current_state(TASK_INTERRUPTIBLE). */
  | 'setState'
  /** About to re-check the ring before schedule() (the lost-wake-up re-check). */
  | 'recheck'
  /** Woken from schedule(): processes a batch with sched = 1. */
  | 'afterSleep'
  /** v5.0 inner loop: the ring ran dry mid-iteration; try __ptr_ring_consume again. */
  | 'v50more'
  /** 6.12+: the iteration's tracepoint has fired; the stack's work on its SKBs runs to `receiveUntil`. */
  | 'receive';

export const TASK_RUNNING = 0;
export const TASK_INTERRUPTIBLE = 1;

/** TASK_COMM_LEN: a task's comm holds at most 15 characters and its NUL. */
export const TASK_COMM_LEN = 16;

/**
 * The comm a task gets for `name`: __kthread_create_on_node formats the name into a
 * TASK_COMM_LEN buffer, so `cpumap/12/map:345` becomes `cpumap/12/map:3` (what ps and trace_pipe
 * show).
 * https://elixir.bootlin.com/linux/v5.2/C/ident/__kthread_create_on_node
 */
export function taskComm(name: string): string {
  return name.slice(0, TASK_COMM_LEN - 1);
}

/** The name cpumap gives an entry's kthread ("cpumap/%d/map:%d"), before it is cut to a comm. */
export function cpumapKthreadName(cpu: number, mapId: number): string {
  return `cpumap/${cpu}/map:${mapId}`;
}

export class Kthread {
  readonly entry: CpuMapEntry;
  readonly cpu: number;
  readonly pid: number;
  /** The task's comm: its name cut to TASK_COMM_LEN - 1 characters. */
  readonly comm: string;
  state: KthreadState = 'created';
  phase: KthreadPhase = 'top';
  /** The task's __state: TASK_RUNNING or TASK_INTERRUPTIBLE (what wake_up_process flips). */
  taskState = TASK_RUNNING;
  /** Earliest time its CPU may run it (wake-up latency). */
  readyAt = 0;
  shouldStop = false;
  everRan = false;
  /** last_qs: the jiffy of the thread's start or its latest schedule() (6.9+ loop variable). */
  lastQsJiffy = 0;
  /** 6.9+: quiescent states rcu_softirq_qs_periodic reported while the ring kept it busy. */
  rcuQsReports = 0;
  /** 6.5+: an update syscall waits for this thread's complete(kthread_running). */
  completesUpdate = false;
  /** 6.6+: what kthread_stop's caller does once the thread has exited (free the entry). */
  afterExit: Deferred | null = null;
  /** CFS virtual runtime: time run, in ns (equal weights), with the sleeper placement on wake-up. */
  vruntime = 0;
  /**
   * CFS switched the CPU away from it and the loop has not yet passed cond_resched() or schedule()
   * (the reschedule that was due; see preempt.ts for what each preemption model reports).
   */
  preempted = false;
  /** v5.0 iteration in progress: counters carried across 'v50more' steps. */
  v50Processed = 0;
  v50Drops = 0;
  v50Sched = 0;
  /** 6.12+: when the iteration whose tracepoint fired before the receive ends. */
  receiveUntil = 0;
  /** The iteration's xdp_cpumap_kthread hit, fired when the iteration ends (traceAt; 6.12+ before the receive). */
  tracePending = false;
  traceAt = 0;
  traceProcessed = 0;
  traceDrops = 0;
  traceSched = 0;
  /** 5.9+: the iteration's entry-program verdicts (struct xdp_cpumap_stats), then the hit's copy. */
  progPass = 0;
  progDrop = 0;
  progRedirect = 0;
  tracePass = 0;
  traceDrop = 0;
  traceRedirect = 0;

  constructor(entry: CpuMapEntry, pid: number, now: number, readyAt: number) {
    this.entry = entry;
    this.cpu = entry.cpu;
    this.pid = pid;
    this.comm = taskComm(cpumapKthreadName(entry.cpu, entry.mapId));
    this.readyAt = readyAt;
    void now;
  }

  /** Whether its CPU may pick it at `now`. */
  isReady(now: number): boolean {
    return (this.state === 'runnable' || this.state === 'created') && this.readyAt <= now;
  }

  /** Whether it is waiting for the CPU (ready now or later). */
  isRunnable(): boolean {
    return this.state === 'runnable' || this.state === 'created';
  }
}
