/**
 * The "Trace log" panel: the latest tracepoint hits as trace_pipe prints them, with map operation
 * results among them, filterable by event and CPU, pausable. Reads the bounded trace feed at most
 * about four times a second and shows at most MAX_SHOWN lines.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { feeds, type TraceLine } from '../feeds';
import { TraceDownloadButton } from '../exports/ExportButtons';
import { frameBus } from '../frameBus';
import { useUi } from '../store';
import { groupThousands } from '../../engine/stats/format';
import { PANEL_REFRESH_MS, useThrottledVersion } from './stats/throttle';
import { useOnScreen } from './useOnScreen';
import { filterTrace, MAX_SHOWN, TRACE_KINDS, type TraceKind } from './trace/filter';
import { formatLine } from './trace/format';
import { TraceFilters } from './trace/TraceFilters';
import './trace/trace.css';

/** Kthread names by pid, from the latest snapshot (a deleted entry's kthread falls back to its kernel-style name). */
function kthreadComms(): (pid: number) => string | undefined {
  const comms = new Map<number, string>();
  for (const e of frameBus.snapshot?.entries ?? []) if (e.kthread !== null) comms.set(e.kthread.pid, e.kthread.comm);
  return (pid) => comms.get(pid);
}

/** The trace log panel. */
export function TraceLog() {
  const send = useUi((s) => s.send);
  const cpus = useUi((s) => s.topology?.cpus ?? 0);
  const ref = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(ref);
  const version = useThrottledVersion(feeds, PANEL_REFRESH_MS, onScreen);
  const [kinds, setKinds] = useState<ReadonlySet<TraceKind>>(() => new Set(TRACE_KINDS.map((k) => k.kind)));
  const [cpu, setCpu] = useState<number | null>(null);
  // While paused the display is frozen on the lines it had; the feed keeps (bounded) going.
  const [frozen, setFrozen] = useState<readonly TraceLine[] | null>(null);
  const paused = frozen !== null;

  // The worker records hits only while someone can read them: the log is on screen and not paused.
  const wanted = onScreen && !paused;
  useEffect(() => {
    send({ type: 'trace', on: wanted });
  }, [send, wanted]);

  const togglePause = () => setFrozen(paused ? null : feeds.trace);

  // feeds.trace is replaced (never mutated) on change, so the version identifies its content.
  const live = useMemo(() => (version >= 0 ? feeds.trace : []), [version]);
  const source = frozen ?? live;
  const shown = useMemo(() => filterTrace(source, { kinds, cpu }), [source, kinds, cpu]);

  // Follow the newest line, as `cat trace_pipe` does, unless the reader scrolled up to read.
  const listRef = useRef<HTMLOListElement>(null);
  const stickRef = useRef(true);
  useLayoutEffect(() => {
    const el = listRef.current;
    if (el !== null && stickRef.current) el.scrollTop = el.scrollHeight;
  }, [shown]);
  const onScroll = () => {
    const el = listRef.current;
    if (el !== null) stickRef.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 24;
  };
  const comm = kthreadComms();
  const skipped = feeds.traceSkipped;

  return (
    <section ref={ref} aria-label="Trace log" className="panel trace-panel">
      <h2>Trace log</h2>
      <TraceFilters kinds={kinds} cpu={cpu} cpus={cpus} onKinds={setKinds} onCpu={setCpu} />
      <p>
        <button type="button" onClick={togglePause}>
          {paused ? 'Resume log' : 'Pause log'}
        </button>{' '}
        <TraceDownloadButton />{' '}
        <span className="trace-note">
          {paused ? 'Paused: no new hits are recorded. ' : ''}
          {shown.length} lines shown (the last {MAX_SHOWN} at most).
        </span>
      </p>
      {skipped > 0 ? <p className="trace-note">{groupThousands(skipped)} hits not shown: too many per frame</p> : null}
      <ol ref={listRef} onScroll={onScroll} className="trace-lines" aria-live="off" aria-label="trace_pipe" tabIndex={0}>
        {shown.map((line) => (
          <li key={line.seq} className={line.kind === 'op' ? 'trace-op' : undefined}>
            {formatLine(line, comm)}
          </li>
        ))}
      </ol>
    </section>
  );
}
