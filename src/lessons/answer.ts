/**
 * Reads a lesson's answer from the run: the average of a statistic over the samples that end in
 * the last `windowNs` before the checkpoint (each weighted by its period).
 */
import type { RedirectCpuStats } from '../engine/stats/redirectCpu';
import type { ScreenPlace, StatQuery } from './types';

/** A statistics sample as the worker sends them (period and end in simulated ns). */
export interface AnswerSample {
  endNs: number;
  periodNs: number;
  stats: RedirectCpuStats;
}

/** The statistic in one report (0 when its row is absent: the tool prints only non-zero rows). */
export function statValue(s: RedirectCpuStats, q: StatQuery): number {
  switch (q.stat) {
    case 'rxPps':
      return s.rxTotal.pps;
    case 'redirectErrPps':
      return s.redirectErrTotal.dropPps;
    case 'enqueuePps':
    case 'enqueueDropPps':
    case 'bulkAvg': {
      const row = s.enqueueSum.find((r) => r.to === q.to);
      if (row === undefined) return 0;
      return q.stat === 'enqueuePps' ? row.pps : q.stat === 'enqueueDropPps' ? row.dropPps : row.bulkAvg;
    }
    case 'kthreadPps':
    case 'kthreadDropPps':
    case 'kthreadSchedPps': {
      const row = s.kthread.find((r) => r.cpu === q.cpu);
      if (row === undefined) return 0;
      return q.stat === 'kthreadPps' ? row.pps : q.stat === 'kthreadDropPps' ? row.dropPps : row.schedPps;
    }
  }
}

/** The answer at `checkpointNs`, or null when no sample covers the window yet. */
export function answerAt(samples: readonly AnswerSample[], q: StatQuery, windowNs: number, checkpointNs: number): number | null {
  let weighted = 0;
  let total = 0;
  for (const s of samples) {
    if (s.endNs > checkpointNs || s.endNs <= checkpointNs - windowNs) continue;
    weighted += statValue(s.stats, q) * s.periodNs;
    total += s.periodNs;
  }
  return total > 0 ? weighted / total : null;
}

/** Where the Statistics table shows the statistic: its row (first two cells) and column. */
export function statPlace(q: StatQuery): Extract<ScreenPlace, { on: 'stats' }> {
  switch (q.stat) {
    case 'rxPps':
      return { on: 'stats', row: 'XDP-RX total', column: 'pps' };
    case 'redirectErrPps':
      return { on: 'stats', row: 'redirect_err total', column: 'drop-pps' };
    case 'enqueuePps':
    case 'enqueueDropPps':
    case 'bulkAvg':
      return {
        on: 'stats',
        row: `cpumap-enqueue sum:${q.to}`,
        column: q.stat === 'enqueuePps' ? 'pps' : q.stat === 'bulkAvg' ? 'extra-info' : 'drop-pps',
      };
    case 'kthreadPps':
    case 'kthreadDropPps':
    case 'kthreadSchedPps':
      return {
        on: 'stats',
        row: `cpumap_kthread ${q.cpu}`,
        column: q.stat === 'kthreadPps' ? 'pps' : q.stat === 'kthreadSchedPps' ? 'extra-info' : 'drop-pps',
      };
  }
}
