/**
 * The run a statistics panel shows: the page's own (the single view, the default), or one run of
 * a side-by-side pair, which provides its own. The panel and its parts read the run only through
 * this, so the side-by-side view shows each run with the single view's components.
 */
import { createContext, useContext } from 'react';
import type { OpRecord } from '../../../engine/engine';
import { feeds, type Feeds } from '../../feeds';
import { frameBus, type FrameBus } from '../../frameBus';
import { useUi } from '../../store';

export interface StatsSource {
  /** The panel's region name. */
  label: string;
  /** The run's statistics samples and interval in progress. */
  feeds: Feeds;
  /** The run's latest snapshot (frame totals, exports). */
  bus: FrameBus;
  /** Asks the run for another statistics interval (simulated ns). */
  setInterval(ns: number): void;
  /** The run's scenario query and map operations, for the JSON export. */
  exportInput(): { query: string; opLog: readonly OpRecord[] };
  /** Download names: `cpumap-stats` plus this, e.g. "-run-A". */
  fileSuffix: string;
}

/** The single view's run: the page's feeds, frame bus and worker. */
export const PAGE_STATS: StatsSource = {
  label: 'Statistics',
  feeds,
  bus: frameBus,
  setInterval: (ns) => useUi.getState().send({ type: 'statsInterval', ns }),
  exportInput: () => {
    const { query, opLog } = useUi.getState();
    return { query, opLog };
  },
  fileSuffix: '',
};

export const StatsSourceContext = createContext<StatsSource>(PAGE_STATS);

export function useStatsSource(): StatsSource {
  return useContext(StatsSourceContext);
}
