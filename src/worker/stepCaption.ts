/**
 * What one Step did, in kernel terms: the engine's counters are read before and after the step
 * and the differences written out ("CPU 0's NAPI poll took 3 frames from rxq 0; 3 redirected to
 * CPU 4's bulk queue"). Every number comes from the counters the statistics and the trace log
 * read (xdp_cpumap_enqueue, xdp_cpumap_kthread, the XDP program's rx counters, the frame
 * accounts), so the caption agrees with them.
 */
import { describeOp, type Engine } from '../engine/engine';
import { MAX_CPUS } from '../engine/kernel/limits';
import type { CpuActivity } from '../engine/kernel/cpu';
import type { KthreadPhase, KthreadState } from '../engine/kernel/kthread';
import { formatSimTime } from './inspect';

/** The counters a caption compares. */
export interface StepProbe {
  at: number;
  polls: number;
  rx: number[];
  xdpDrop: number[];
  redirectErr: number[];
  /** Per RX CPU and target CPU (from * cpus + to): frames waiting in bulk queues. */
  bulk: number[];
  enqProcessed: number[];
  enqDrops: number[];
  enqEvents: number[];
  kthProcessed: number[];
  kthDrops: number[];
  kthEvents: number[];
  activity: CpuActivity[];
  kthreads: Map<number, { comm: string; cpu: number; state: KthreadState; phase: KthreadPhase }>;
  offered: number;
  nicDropped: number;
  delivered: number;
  stackDropped: number;
  gpCompleted: number;
  gpInProgress: boolean;
  ops: number;
}

/** Reads the counters now (after letting the NIC queues receive what has arrived). */
export function probeStep(engine: Engine): StepProbe {
  engine.receiveArrivals();
  const w = engine.world;
  const n = w.cpus.length;
  const c = w.counters;
  const pairs = (a: Float64Array): number[] => {
    const out: number[] = [];
    for (let from = 0; from < n; from++) for (let to = 0; to < n; to++) out.push(a[from * MAX_CPUS + to]);
    return out;
  };
  const bulk = new Array<number>(n * n).fill(0);
  const kthreads: StepProbe['kthreads'] = new Map();
  for (const e of w.entries) {
    if (e.lifecycle.isFinal) continue;
    if (!e.bulkqFreed && e.cpu < n) for (let from = 0; from < n; from++) bulk[from * n + e.cpu] += e.bqCount[from] ?? 0;
    const k = e.kthread as (typeof e)['kthread'] | undefined;
    if (k !== undefined) kthreads.set(e.uid, { comm: k.comm, cpu: k.cpu, state: k.state, phase: k.phase });
  }
  const perCpu = (a: Float64Array) => Array.from(a.subarray(0, n));
  return {
    at: w.now,
    polls: w.polls,
    rx: perCpu(c.rxProcessed),
    xdpDrop: perCpu(c.rxDropped),
    redirectErr: perCpu(c.redirectErr),
    bulk,
    enqProcessed: pairs(c.enqProcessed),
    enqDrops: pairs(c.enqDrops),
    enqEvents: pairs(c.enqEvents),
    kthProcessed: perCpu(c.kthProcessed),
    kthDrops: perCpu(c.kthDrops),
    kthEvents: perCpu(c.kthEvents),
    activity: w.cpus.map((cpu) => cpu.activity),
    kthreads,
    offered: w.acct.offered,
    nicDropped: w.acct.nicDropped,
    delivered: w.acct.delivered,
    stackDropped: w.acct.stackDropped,
    gpCompleted: w.rcu.completed,
    gpInProgress: w.rcu.inProgress,
    ops: engine.ops.length,
  };
}

/** Where cpu_map_kthread_run goes next, for a step that only moved a kthread along its loop. */
const PHASE_WORDS: Record<KthreadPhase, string> = {
  top: "the loop's __ptr_ring_empty test",
  setState: 'set_current_state(TASK_INTERRUPTIBLE)',
  recheck: 'the second __ptr_ring_empty test before schedule()',
  afterSleep: 'its first batch after schedule() returned',
  v50more: 'the next __ptr_ring_consume',
  receive: 'the receive of the batch (its tracepoint already fired)',
};

const ACTIVITY_WORDS: Record<CpuActivity, string> = {
  idle: 'idle',
  softirq: 'NET_RX softirq',
  ksoftirqd: 'ksoftirqd',
  kthread: 'cpumap kthread',
  switch: 'context switch',
  rt: 'an RT task',
};

function skbs(n: number): string {
  return `${n} SKB${n === 1 ? '' : 's'}`;
}

function frames(n: number): string {
  return `${n} frame${n === 1 ? '' : 's'}`;
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Why a redirect failed, as far as the scenario tells: generic XDP adds a full ring, or fails every cpumap redirect before 5.15. */
function redirectErrCause(w: Engine['world']): string {
  if (!w.genericXdp) return 'empty slot';
  return w.switches.genericXdpRedirect ? 'empty slot or full ring' : 'generic XDP cannot redirect into a cpumap before 5.15';
}

/** One caption for the step from `a` to `b` (both probes of `engine`). */
export function stepCaption(engine: Engine, a: StepProbe, b: StepProbe): string {
  const w = engine.world;
  const n = a.rx.length;
  const parts: string[] = [];

  const arrived = b.offered - a.offered;
  const nicDrops = b.nicDropped - a.nicDropped;
  if (arrived > 0) parts.push(`${frames(arrived)} arrived at the NIC${nicDrops > 0 ? ` (${nicDrops} dropped: RX ring full)` : ''}`);

  for (let cpu = 0; cpu < n; cpu++) {
    const taken = b.rx[cpu] - a.rx[cpu];
    if (taken <= 0) continue;
    const queues = w.cpus[cpu].nicQueues.map((q) => `rxq ${q.index}`);
    const fates: string[] = [];
    for (let to = 0; to < n; to++) {
      const i = cpu * n + to;
      const redirected = b.bulk[i] - a.bulk[i] + (b.enqProcessed[i] - a.enqProcessed[i]);
      if (redirected > 0)
        fates.push(`${redirected} redirected ${w.genericXdp ? `as SKBs into CPU ${to}'s ptr_ring` : `to CPU ${to}'s bulk queue`}`);
    }
    const dropped = b.xdpDrop[cpu] - a.xdpDrop[cpu];
    if (dropped > 0) fates.push(`${dropped} XDP_DROP`);
    const errs = b.redirectErr[cpu] - a.redirectErr[cpu];
    if (errs > 0) fates.push(`${errs} redirect error${errs === 1 ? '' : 's'} (${redirectErrCause(w)})`);
    const from = queues.length === 0 ? '' : ` from ${list(queues)}`;
    parts.push(`CPU ${cpu}'s NAPI poll took ${frames(taken)}${from}${fates.length > 0 ? `; ${fates.join(', ')}` : ''}`);
  }
  if (b.polls > a.polls && parts.every((p) => !p.includes('NAPI poll'))) {
    const polls = b.polls - a.polls;
    parts.push(polls === 1 ? 'A NAPI poll started' : `${polls} NAPI polls started`);
  }

  for (let from = 0; from < n; from++) {
    for (let to = 0; to < n; to++) {
      const i = from * n + to;
      const flushes = b.enqEvents[i] - a.enqEvents[i];
      if (flushes <= 0) continue;
      const p = b.enqProcessed[i] - a.enqProcessed[i];
      const d = b.enqDrops[i] - a.enqDrops[i];
      if (w.genericXdp) {
        parts.push(
          `cpu_map_generic_redirect: CPU ${from} put ${skbs(p)} into CPU ${to}'s ptr_ring one at a time${d > 0 ? `; the full ring refused ${d}` : ''}`,
        );
        continue;
      }
      const times = flushes > 1 ? ` in ${flushes} flushes` : '';
      parts.push(
        `bq_flush_to_queue: CPU ${from} flushed ${frames(p)} into CPU ${to}'s ptr_ring${times}${d > 0 ? `; the full ring refused ${d}` : ''}`,
      );
    }
  }

  const woken = new Set<number>();
  for (const [uid, k] of b.kthreads) {
    const before = a.kthreads.get(uid);
    if (before === undefined) continue;
    if (before.state === 'sleeping' && k.state !== 'sleeping') woken.add(k.cpu);
    else if (before.state !== 'sleeping' && k.state === 'sleeping') parts.push(`${k.comm} found its ring empty and went to sleep`);
  }
  for (let cpu = 0; cpu < n; cpu++) {
    const iterations = b.kthEvents[cpu] - a.kthEvents[cpu];
    const comm = [...b.kthreads.values()].find((k) => k.cpu === cpu)?.comm ?? `the cpumap kthread on CPU ${cpu}`;
    if (iterations <= 0) {
      if (woken.has(cpu)) parts.push(`wake_up_process woke ${comm}`);
      continue;
    }
    const p = b.kthProcessed[cpu] - a.kthProcessed[cpu];
    const d = b.kthDrops[cpu] - a.kthDrops[cpu];
    const loops = iterations > 1 ? ` in ${iterations} iterations` : '';
    const drops = d > 0 ? `, ${d} NET_RX_DROP` : '';
    parts.push(`${comm} ${woken.has(cpu) ? 'woke and ' : ''}consumed ${frames(p)}${loops}; ${skbs(p)} to the stack${drops}`);
  }
  // The stack's verdicts are booked when a batch is built, before its tracepoint fires.
  const delivered = b.delivered - a.delivered;
  const discarded = b.stackDropped - a.stackDropped;
  if (delivered + discarded > 0) {
    const busy = [...b.kthreads.values()].filter((k) => a.activity[k.cpu] === 'kthread' || b.activity[k.cpu] === 'kthread');
    const who = busy.length === 1 ? busy[0].comm : 'The cpumap kthreads';
    const verdict =
      discarded === 0
        ? 'delivered'
        : delivered === 0
          ? "the stack's verdict discards them"
          : `${discarded} discarded by the stack's verdict`;
    parts.push(
      `${who} built ${skbs(delivered + discarded)} and handed ${delivered + discarded === 1 ? 'it' : 'them'} to the stack (${verdict})`,
    );
  }
  if (b.gpCompleted > a.gpCompleted) parts.push(`RCU grace period #${b.gpCompleted} ended`);
  else if (b.gpInProgress && !a.gpInProgress) parts.push(`RCU grace period #${b.gpCompleted + 1} started`);
  for (let i = a.ops; i < b.ops; i++) parts.push(describeOp(engine.ops[i]));

  if (parts.length === 0) {
    for (const [uid, k] of b.kthreads) {
      const before = a.kthreads.get(uid);
      if (before !== undefined && before.phase !== k.phase && k.state !== 'sleeping')
        parts.push(`${k.comm} went on to ${PHASE_WORDS[k.phase]}`);
    }
    for (let cpu = 0; cpu < n; cpu++) {
      if (a.activity[cpu] !== b.activity[cpu])
        parts.push(`CPU ${cpu}: ${ACTIVITY_WORDS[a.activity[cpu]]} → ${ACTIVITY_WORDS[b.activity[cpu]]}`);
    }
  }
  if (parts.length === 0) parts.push('No frame moved and no counter changed');
  return `At ${formatSimTime(b.at)}: ${parts.join('. ')}.`;
}
