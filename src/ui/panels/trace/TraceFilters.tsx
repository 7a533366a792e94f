/** The trace log's filters: a checkbox per event kind and a CPU select. */
import { useId } from 'react';
import { TRACE_KINDS, type TraceKind } from './filter';

/** Props: the current filter, the CPU count for the select, and change callbacks. */
export interface TraceFiltersProps {
  kinds: ReadonlySet<TraceKind>;
  cpu: number | null;
  cpus: number;
  onKinds: (kinds: ReadonlySet<TraceKind>) => void;
  onCpu: (cpu: number | null) => void;
}

/** Checkboxes named as the kernel's events, then "CPU": all or one. */
export function TraceFilters({ kinds, cpu, cpus, onKinds, onCpu }: TraceFiltersProps) {
  // A label beside (not around) the select, so its accessible name is just "CPU".
  const cpuId = useId();
  const toggle = (kind: TraceKind, on: boolean) => {
    const next = new Set(kinds);
    if (on) next.add(kind);
    else next.delete(kind);
    onKinds(next);
  };
  return (
    <fieldset className="trace-filters">
      <legend>Show</legend>
      {TRACE_KINDS.map(({ kind, label }) => (
        <label key={kind}>
          <input type="checkbox" checked={kinds.has(kind)} onChange={(e) => toggle(kind, e.target.checked)} /> {label}
        </label>
      ))}
      <span>
        <label htmlFor={cpuId}>CPU</label>{' '}
        <select
          id={cpuId}
          value={cpu === null ? 'all' : String(cpu)}
          onChange={(e) => onCpu(e.target.value === 'all' ? null : Number(e.target.value))}
        >
          <option value="all">all</option>
          {Array.from({ length: cpus }, (_, c) => (
            <option key={c} value={String(c)}>
              {c}
            </option>
          ))}
        </select>
      </span>
    </fieldset>
  );
}
