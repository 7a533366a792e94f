/**
 * The statistics as JSON with the CLI's `--json` keys (src/cli/report.ts), computed from the
 * latest interval sample, plus `samples`: every sample the page keeps.
 */
import type { RunReport } from '../../cli/report';
import type { OpRecord } from '../../engine/engine';
import type { EngineSnapshot } from '../../engine/snapshot';
import { noFrameTotals } from '../../engine/frameTotals';
import { parseScenario } from '../../scenario/parse';
import { serializeScenario } from '../../scenario/serialize';
import type { StatsSample } from '../../worker/statsSampler';
import { VIEW_PARAMS } from '../scenarioQuery';

export const STATS_JSON_FILE = 'cpumap-stats.json';

/** The CLI's report for the latest interval, plus the interval it covers and all kept samples. */
export interface StatsExport extends RunReport {
  /** The interval the rates are over ([intervalEndNs - periodNs, intervalEndNs]); null before the first. */
  intervalEndNs: number | null;
  periodNs: number | null;
  samples: StatsSample[];
}

export interface StatsExportInput {
  /** The loaded scenario query (the store's `query`). */
  query: string;
  samples: readonly StatsSample[];
  snapshot: EngineSnapshot | null;
  opLog: readonly OpRecord[];
}

/** Builds the export; rates are those of the latest sample (none before the first interval completes). */
export function statsJson({ query, samples, snapshot, opLog }: StatsExportInput): StatsExport {
  const scenario = parseScenario(query, { extraParams: VIEW_PARAMS }).scenario;
  const latest = samples.length > 0 ? samples[samples.length - 1] : null;
  const stats = latest?.stats ?? null;
  const rxCpus = [...new Set(scenario.rx)].sort((a, b) => a - b);
  return {
    // As the CLI writes it: the normalized query with every parameter.
    scenario: serializeScenario(scenario, 'full'),
    simulatedNs: snapshot?.simNs ?? latest?.endNs ?? 0,
    rx: rxCpus.map((cpu) => ({
      cpu,
      pps: stats?.rx.find((r) => r.cpu === cpu)?.pps ?? 0,
      // Unknown here, so 0: the CLI differences the NIC queues' drop counters over its interval,
      // but the page keeps only the latest snapshot's running totals (snapshot.nicQueues[].nicDrops),
      // not their values at the interval's start. The run's total is in frames.nicDropped.
      nicDropPps: 0,
    })),
    enqueue: (stats?.enqueue ?? []).map(({ from, to, pps, dropPps, bulkAvg }) => ({ from, to, pps, dropPps, bulkAvg })),
    kthread: (stats?.kthread ?? []).map(({ cpu, pps, dropPps, schedPps }) => ({ cpu, pps, dropPps, schedPps })),
    redirectErrPps: stats?.redirectErrTotal.dropPps ?? 0,
    ops: opLog.map(({ at, op, key, qsize, flags, result, value, next }) => ({ at, op, key, qsize, flags, result, value, next })),
    frames: snapshot?.frames ?? noFrameTotals(),
    // Over the latest interval, as the rates.
    latency: latest?.latency ?? [],
    headroom: latest?.headroom ?? [],
    violations: [...(snapshot?.violations ?? [])],
    intervalEndNs: latest?.endNs ?? null,
    periodNs: latest?.periodNs ?? null,
    samples: [...samples],
  };
}

/** The export as the file's text (two-space indented). */
export function statsJsonText(input: StatsExportInput): string {
  return JSON.stringify(statsJson(input), null, 2) + '\n';
}
