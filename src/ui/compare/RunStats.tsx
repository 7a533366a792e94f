/**
 * Each run's statistics, side by side: the single view's statistics panel (totals, interval,
 * charts, table, CSV and JSON) once per run, reading that run's worker instead of the page's.
 * The interval is one for both runs, so either panel's choice changes both.
 */
import { useMemo } from 'react';
import { StatsPanel } from '../panels/StatsPanel';
import { StatsSourceContext, type StatsSource } from '../panels/stats/statsSource';
import { RUN_NAMES, type PairRunner } from './pairRunner';

/** Run `i` of the pair as a statistics panel reads it. */
export function runStatsSource(runner: PairRunner, i: 0 | 1): StatsSource {
  const run = runner.runs[i];
  return {
    label: `Statistics of run ${RUN_NAMES[i]}`,
    feeds: run.feeds,
    bus: run.bus,
    setInterval: (ns) => runner.setStatsInterval(ns),
    exportInput: () => ({ query: run.query, opLog: run.opLog }),
    fileSuffix: `-run-${RUN_NAMES[i]}`,
  };
}

export function RunStats({ runner }: { runner: PairRunner }) {
  const sources = useMemo(() => [runStatsSource(runner, 0), runStatsSource(runner, 1)], [runner]);
  return (
    <div className="compare-run-stats">
      {sources.map((source) => (
        <StatsSourceContext.Provider key={source.label} value={source}>
          <StatsPanel />
        </StatsSourceContext.Provider>
      ))}
    </div>
  );
}
