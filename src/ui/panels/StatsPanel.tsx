/**
 * The "Statistics" panel: the run's frame totals so far, charts of the recent intervals per CPU,
 * xdp_redirect_cpu's table for the latest simulated interval (or, until one completes, for the
 * interval in progress, marked as such), and the interval select. Reads the bounded stats feed,
 * throttled to about four renders a second. Not a scroll box of its own: the charts are reached by
 * scrolling the page. The run is the page's own, or one of a side-by-side pair (statsSource.ts).
 */
import { useMemo, useRef } from 'react';
import { StatsDownloadButtons } from '../exports/ExportButtons';
import { Chart } from './stats/Chart';
import { IntervalSelect } from './stats/IntervalSelect';
import { buildSeries, METRICS } from './stats/series';
import { StatsTable } from './stats/StatsTable';
import { HeadroomLatency } from './stats/HeadroomLatency';
import { PANEL_REFRESH_MS, useThrottledVersion } from './stats/throttle';
import { useOnScreen } from './useOnScreen';
import { FrameTotalsList } from './stats/FrameTotalsList';
import { intervalLabel } from './stats/intervals';
import { formatSimTime } from '../format';
import { useStatsSource } from './stats/statsSource';
import type { StatsProgress } from '../../worker/statsSampler';
import type { EngineSnapshot } from '../../engine/snapshot';
import './stats/stats.css';

/** Intervals the charts span (the feed keeps more; a longer window would squash recent detail). */
const CHART_SAMPLES = 200;

/** The statistics panel. */
export function StatsPanel() {
  const { feeds, bus, label } = useStatsSource();
  const ref = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(ref);
  const version = useThrottledVersion(feeds, PANEL_REFRESH_MS, onScreen);
  // Set with the scenario's load, which also clears the feed: a new version follows it.
  const stack = bus.topology?.stack ?? '';
  const remoteProg = remoteProgOf(bus.snapshot);
  const rxCpus = (bus.topology?.rx ?? []).map((q) => q.cpu);
  // feeds.stats is replaced (never mutated) on change, so the version identifies its content.
  const samples = useMemo(() => (version >= 0 ? feeds.stats.slice(-CHART_SAMPLES) : []), [feeds, version]);
  const charts = useMemo(() => METRICS.map((info) => ({ info, series: buildSeries(samples, info.metric) })), [samples]);
  const latest = samples.length > 0 ? samples[samples.length - 1] : null;
  const progress = feeds.progress;
  const t0 = samples.length > 0 ? samples[0].endNs - samples[0].periodNs : 0;
  const t1 = latest?.endNs ?? 0;

  return (
    <section ref={ref} aria-label={label} className="panel stats-panel">
      <h2>{label}</h2>
      <IntervalSelect current={feeds.statsInterval} />
      <StatsDownloadButtons />
      <FrameTotalsList active={onScreen} />
      <p className="stats-current">{progress === null ? '' : progressSentence(progress)}</p>
      {latest === null ? (
        <p className="stats-note">
          The charts start when the first interval completes; until then the table shows the interval in progress.
        </p>
      ) : (
        <div className="stats-charts">
          {charts.map((c) => (
            <Chart key={c.info.metric} info={c.info} series={c.series} t0={t0} t1={t1} />
          ))}
        </div>
      )}
      {latest !== null ? (
        <StatsTable
          stats={latest.stats}
          xdpBench={latest.xdpBench}
          remoteProg={remoteProg}
          caption={`xdp_redirect_cpu, interval ending at ${formatSimTime(latest.endNs)}${latest.partial ? ' (partial interval)' : ''}`}
        />
      ) : progress !== null ? (
        <StatsTable
          stats={progress.stats}
          xdpBench={progress.xdpBench}
          remoteProg={remoteProg}
          caption={`xdp_redirect_cpu, ${progressSentence(progress)}: rates over the time elapsed so far`}
        />
      ) : (
        <p>No simulated time has passed yet.</p>
      )}
      <LossesNote stack={stack} />
      {latest !== null ? (
        <HeadroomLatency
          headroom={latest.headroom}
          latency={latest.latency}
          rxCpus={rxCpus}
          when={`interval ending at ${formatSimTime(latest.endNs)}${latest.partial ? ' (partial interval)' : ''}`}
        />
      ) : progress !== null ? (
        <HeadroomLatency headroom={progress.headroom} latency={progress.latency} rxCpus={rxCpus} when={progressSentence(progress)} />
      ) : null}
    </section>
  );
}

/** "interval in progress: 230 µs of 1 ms". */
export function progressSentence(p: StatsProgress): string {
  return `interval in progress: ${intervalLabel(p.toNs - p.fromNs)} of ${intervalLabel(p.intervalNs)}`;
}

/**
 * Which of the table's drops are losses and which are verdicts. The kthread's drop-pps counts only
 * NET_RX_DROP, so the stack's own discard (an iptables DROP returns -EPERM) is never in it.
 */
export function LossesNote({ stack }: { stack: string }) {
  return (
    <p className="stats-note" data-testid="stats-losses-note">
      <strong>Lost frames</strong> are cpumap-enqueue drop-pps (the remote CPU&apos;s ptr_ring was full) and redirect_err (a failed
      redirect, such as one to an empty slot); frames dropped at a full NIC ring are the NIC&apos;s rx_missed, not in this table.{' '}
      <strong>Verdicts, not losses:</strong> XDP-RX drop-pps is the program&apos;s XDP_DROP, and cpumap_kthread drop-pps counts only
      NET_RX_DROP (from 5.13 only failed SKB allocations), so the stack&apos;s own discard is not in it
      {stack === 'iptables-drop'
        ? ': here iptables drops every SKB on purpose (netif_receive_skb_core returns -EPERM), which the rates row under the topology shows as "stack drop", a verdict.'
        : '.'}
    </p>
  );
}

/** 5.9+: the programs the entries carry now, in a few words without repeats, or undefined for none. */
function remoteProgOf(snapshot: EngineSnapshot | null): string | undefined {
  if (snapshot?.entryProgs !== true) return undefined;
  const names = [...new Set(snapshot.entries.flatMap((e) => (e.prog === undefined || e.state === 'freed' ? [] : [e.prog])))];
  return names.length === 0 ? undefined : names.join(', ');
}
