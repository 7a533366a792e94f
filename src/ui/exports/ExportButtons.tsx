/**
 * Download buttons: the trace log, the statistics (CSV and JSON), and each chart as SVG or PNG
 * (the scenario's are in ScenarioFileControls.tsx). The files are built when clicked, from the
 * bounded feeds and the latest snapshot.
 */
import { useState, type RefObject } from 'react';
import { feeds } from '../feeds';
import { frameBus } from '../frameBus';
import { useStatsSource } from '../panels/stats/statsSource';
import { downloadBlob, downloadText } from './download';
import { STATS_CSV_FILE, statsCsv } from './statsCsv';
import { STATS_JSON_FILE, statsJsonText } from './statsJson';
import { svgMarkup, svgPng } from './svgImage';
import { TRACE_FILE, traceText } from './traceText';
import './exports.css';

/** Kthread names by pid from the latest snapshot, as the trace log names them. */
function kthreadComms(): (pid: number) => string | undefined {
  const comms = new Map<number, string>();
  for (const e of frameBus.snapshot?.entries ?? []) if (e.kthread !== null) comms.set(e.kthread.pid, e.kthread.comm);
  return (pid) => comms.get(pid);
}

/** "Download trace": every line the log keeps, unfiltered. */
export function TraceDownloadButton() {
  const onClick = () => downloadText(TRACE_FILE, traceText(feeds.trace, kthreadComms()), 'text/plain;charset=utf-8');
  return (
    <button type="button" onClick={onClick}>
      Download trace
    </button>
  );
}

/** "cpumap-stats.csv" with `suffix` before the extension ("cpumap-stats-run-A.csv"). */
function withSuffix(file: string, suffix: string): string {
  const dot = file.lastIndexOf('.');
  return `${file.slice(0, dot)}${suffix}${file.slice(dot)}`;
}

/** "Download CSV" and "Download JSON" of the kept statistics samples (of the panel's run). */
export function StatsDownloadButtons() {
  const source = useStatsSource();
  const onCsv = () => downloadText(withSuffix(STATS_CSV_FILE, source.fileSuffix), statsCsv(source.feeds.stats), 'text/csv;charset=utf-8');
  const onJson = () => {
    const { query, opLog } = source.exportInput();
    const text = statsJsonText({ query, samples: source.feeds.stats, snapshot: source.bus.snapshot, opLog });
    downloadText(withSuffix(STATS_JSON_FILE, source.fileSuffix), text, 'application/json');
  };
  return (
    <span className="export-buttons">
      <button type="button" onClick={onCsv}>
        Download CSV
      </button>{' '}
      <button type="button" onClick={onJson}>
        Download JSON
      </button>
    </span>
  );
}

/** "Save SVG" and "Save PNG" for one chart. */
export function ChartSaveButtons({ svgRef, name, title }: { svgRef: RefObject<SVGSVGElement | null>; name: string; title: string }) {
  const [error, setError] = useState<string | null>(null);
  const onSvg = () => {
    const svg = svgRef.current;
    if (svg !== null) downloadText(`${name}.svg`, svgMarkup(svg), 'image/svg+xml');
  };
  const onPng = () => {
    const svg = svgRef.current;
    if (svg === null) return;
    svgPng(svg).then(
      (blob) => {
        setError(null);
        downloadBlob(`${name}.png`, blob);
      },
      (e: unknown) => setError(`PNG not saved: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  return (
    <div className="export-buttons chart-save">
      <button type="button" onClick={onSvg} title={`Save "${title}" as SVG`}>
        Save SVG
      </button>{' '}
      <button type="button" onClick={onPng} title={`Save "${title}" as PNG`}>
        Save PNG
      </button>
      {error === null ? null : <span role="alert">{error}</span>}
    </div>
  );
}
