/**
 * The CLI's --json object: rates, latency and CPU headroom measured after the warm-up, frame
 * counts over the whole run, the map operations' results and any invariant violations.
 */
import type { Engine, FrameTotals } from '../engine/engine';
import type { TraceCounters } from '../engine/kernel/tracepoints';
import type { LeakRecord } from '../engine/world';
import { redirectCpuStats } from '../engine/stats/redirectCpu';
import { busySnapshot, headroomShares, type CpuHeadroom } from '../engine/stats/headroom';
import type { CpuLatency } from '../engine/stats/latency';
import { serializeScenario } from '../scenario/serialize';

export interface KthreadReportRow {
  cpu: number;
  pps: number;
  dropPps: number;
  schedPps: number;
  xdpPassPps?: number;
  xdpDropPps?: number;
  xdpRedirectPps?: number;
}

export interface RunReport {
  scenario: string;
  simulatedNs: number;
  rx: { cpu: number; pps: number; nicDropPps: number }[];
  enqueue: { from: number; to: number; pps: number; dropPps: number; bulkAvg: number }[];
  /** 5.9+ kernels add the entry programs' verdicts per second (the tracepoint's xdp_pass/drop/redirect). */
  kthread: KthreadReportRow[];
  redirectErrPps: number;
  ops: {
    at: number;
    op: string;
    key: number | null;
    qsize: number | null;
    flags: number | null;
    result: string;
    value: number | null;
    next: number | null;
  }[];
  frames: FrameTotals;
  /**
   * Entries whose kthread was stopped before it ever ran (before 6.5): each leaks, with the frames
   * left in its ring (counted in frames.inFlight: never freed). Only present when there is one.
   */
  leaks?: LeakRecord[];
  /**
   * Per target CPU (one with an entry, or whose kthread handed frames to the stack), ascending:
   * NIC arrival to the stack, and ring flush to kthread dequeue, in ns over the measured window;
   * null where no frame was measured (see stats/latency.ts).
   */
  latency: CpuLatency[];
  /** Per CPU of the scenario: the measured window's shares (0..1, summing to 1). */
  headroom: CpuHeadroom[];
  violations: string[];
}

/** Where the measured window starts: the counters then, and the latency window started there. */
export interface WindowStart {
  counters: TraceCounters;
  nicDrops: Float64Array;
  busy: Float64Array;
}

/** Starts the measured window at the engine's current time (the end of the warm-up). */
export function startWindow(engine: Engine): WindowStart {
  engine.world.latency?.startWindow();
  return { counters: engine.world.counters.clone(), nicDrops: nicDropsByCpu(engine), busy: busySnapshot(engine.world.cpus) };
}

/** NIC drops per CPU so far (the queues bound to it). */
export function nicDropsByCpu(engine: Engine): Float64Array {
  const out = new Float64Array(engine.scenario.cpus);
  for (const q of engine.world.nicQueues) out[q.cpu] += q.nicDrops;
  return out;
}

/** Runs `engine` to `warmupNs`, then measures to `durationNs`: what `--json` prints. */
export function measureReport(engine: Engine, warmupNs: number, durationNs: number): RunReport {
  engine.runUntil(warmupNs);
  const start = startWindow(engine);
  engine.runUntil(durationNs);
  return buildReport(engine, start, durationNs - warmupNs);
}

/** Builds the report for the window from `start` (startWindow) to now, `measuredNs` long. */
export function buildReport(engine: Engine, start: WindowStart, measuredNs: number): RunReport {
  const w = engine.world;
  const atWarmup = start.counters;
  const nicAtWarmup = start.nicDrops;
  const stats = redirectCpuStats(atWarmup, w.counters, measuredNs, engine.scenario.cpus);
  const nicNow = nicDropsByCpu(engine);
  const perSec = 1e9 / measuredNs;
  // Every CPU an RX queue's interrupt was on or was moved to.
  const moved = engine.scenario.ops.flatMap((op) => (op.op === 'irq' ? [op.cpu] : []));
  const rxCpus = [...new Set([...engine.scenario.rx, ...moved])].sort((a, b) => a - b);
  engine.check();
  return {
    scenario: serializeScenario(engine.scenario, 'full'),
    simulatedNs: w.now,
    rx: rxCpus.map((cpu) => ({
      cpu,
      pps: (w.counters.rxProcessed[cpu] - atWarmup.rxProcessed[cpu]) * perSec,
      nicDropPps: (nicNow[cpu] - nicAtWarmup[cpu]) * perSec,
    })),
    enqueue: stats.enqueue.map(({ from, to, pps, dropPps, bulkAvg }) => ({ from, to, pps, dropPps, bulkAvg })),
    kthread: stats.kthread.map(({ cpu, pps, dropPps, schedPps }) => {
      const row: KthreadReportRow = { cpu, pps, dropPps, schedPps };
      if (w.switches.kthreadXdpStats) {
        row.xdpPassPps = (w.counters.kthXdpPass[cpu] - atWarmup.kthXdpPass[cpu]) * perSec;
        row.xdpDropPps = (w.counters.kthXdpDrop[cpu] - atWarmup.kthXdpDrop[cpu]) * perSec;
        row.xdpRedirectPps = (w.counters.kthXdpRedirect[cpu] - atWarmup.kthXdpRedirect[cpu]) * perSec;
      }
      return row;
    }),
    redirectErrPps: stats.redirectErrTotal.dropPps,
    ops: engine.ops.map(({ at, op, key, qsize, flags, result, value, next }) => ({ at, op, key, qsize, flags, result, value, next })),
    frames: engine.frameTotals(),
    ...(w.leaks.length > 0 ? { leaks: w.leaks.map((l) => ({ ...l })) } : {}),
    latency: w.latency?.report(w.entries, w.now) ?? [],
    headroom: headroomShares(start.busy, busySnapshot(w.cpus), measuredNs),
    violations: [...engine.violations],
  };
}
