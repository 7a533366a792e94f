/**
 * Which trace log lines the panel shows: by kind (the three tracepoints and map operations) and
 * by CPU, newest last, at most a fixed number so the DOM stays small whatever the feed holds.
 */
import type { TraceLine } from '../../feeds';

/** A line's kind: a tracepoint (named by its TraceEvent kind) or a map operation result. */
export type TraceKind = 'enqueue' | 'kthread' | 'redirect_err' | 'op';

/** The filter checkboxes, in display order, named as the kernel names the events. */
export const TRACE_KINDS: readonly { kind: TraceKind; label: string }[] = [
  { kind: 'enqueue', label: 'xdp_cpumap_enqueue' },
  { kind: 'kthread', label: 'xdp_cpumap_kthread' },
  { kind: 'redirect_err', label: 'xdp_redirect_map_err' },
  { kind: 'op', label: 'map operations' },
];

/** Most lines shown. */
export const MAX_SHOWN = 500;

/** What to show: the kinds checked, and one CPU or all (null). */
export interface TraceFilter {
  kinds: ReadonlySet<TraceKind>;
  cpu: number | null;
}

/** The kind of a line. */
export function lineKind(line: TraceLine): TraceKind {
  return line.kind === 'op' ? 'op' : line.event.kind;
}

/**
 * The last `limit` lines that pass `filter`, oldest first. The CPU is the one a tracepoint fired
 * on (trace_pipe's [CPU] column); map operations come from user space, not from a CPU, so the
 * CPU filter keeps them (only their checkbox hides them).
 */
export function filterTrace(lines: readonly TraceLine[], filter: TraceFilter, limit = MAX_SHOWN): TraceLine[] {
  const out: TraceLine[] = [];
  // From the end: stops after `limit` matches instead of filtering the whole feed.
  for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
    const line = lines[i];
    if (!filter.kinds.has(lineKind(line))) continue;
    if (filter.cpu !== null && line.kind === 'tracepoint' && line.event.cpu !== filter.cpu) continue;
    out.push(line);
  }
  return out.reverse();
}
