/**
 * The "Entry lifecycle" panel: the entry statechart (laid out from the machine definition, so it
 * cannot drift from it) with every shown entry's current state highlighted, the RCU state, and
 * per entry its refcount and transition timeline. Reads frameBus at most four times a second.
 */
import { useMemo, useRef, useState } from 'react';
import { describeMachine } from '../../engine/lifecycle/describe';
import { entryMachine } from '../../engine/lifecycle/entryMachine';
import { formatSimTime } from '../format';
import { EntryCard } from './lifecycle/EntryCard';
import { layoutChart } from './lifecycle/layout';
import { StateChart } from './lifecycle/StateChart';
import { useThrottledSnapshot } from './lifecycle/useThrottledSnapshot';
import { useOnScreen } from './useOnScreen';
import { entryLabel, rcuLine } from './lifecycle/words';

// The machine never changes at run time: describe and lay it out once.
const DESCRIBED = describeMachine(entryMachine);
const LAYOUT = layoutChart(DESCRIBED.states, DESCRIBED.transitions);
const FINAL = new Set(DESCRIBED.states.filter((s) => s.final).map((s) => s.id));

/** Snapshots are read at most this often (ms of wall time). */
const REFRESH_MS = 250;

/** Value of the entry picker meaning "every entry". */
const ALL = 'all';

/** The Entry lifecycle panel. */
export function LifecyclePanel() {
  const ref = useRef<HTMLElement>(null);
  const snapshot = useThrottledSnapshot(REFRESH_MS, useOnScreen(ref));
  const [picked, setPicked] = useState<string>(ALL);
  const entries = useMemo(() => snapshot?.entries ?? [], [snapshot]);
  // A picked entry that dropped out of the snapshots (freed over 50 ms ago) falls back to all.
  const pickedEntry = picked === ALL ? undefined : entries.find((e) => String(e.uid) === picked);
  const shown = pickedEntry === undefined ? entries : [pickedEntry];
  // Cheap (a few entries), and recomputed only on the throttled renders.
  const marks = new Map<string, string[]>();
  for (const e of shown) marks.set(e.state, [...(marks.get(e.state) ?? []), `#${e.uid} cpu ${e.cpu}`]);
  return (
    <section ref={ref} aria-label="Entry lifecycle" className="panel">
      <h2 style={{ fontSize: '1rem', margin: '0 0 0.5rem' }}>Entry lifecycle</h2>
      {snapshot === null ? (
        <p>Waiting for the simulation…</p>
      ) : (
        <>
          <p style={{ margin: '0 0 0.5rem' }}>{rcuLine(snapshot.rcu, snapshot.simNs, formatSimTime)}</p>
          <label style={{ display: 'inline-block', marginBottom: '0.5rem' }}>
            Entry{' '}
            <select value={pickedEntry === undefined ? ALL : picked} onChange={(ev) => setPicked(ev.target.value)}>
              <option value={ALL}>All entries ({entries.length})</option>
              {entries.map((e) => (
                <option key={e.uid} value={String(e.uid)}>
                  {`${entryLabel(e)} (${e.state})`}
                </option>
              ))}
            </select>
          </label>
          {picked !== ALL && pickedEntry === undefined && (
            <p role="status">Entry #{picked} is gone from the machine (freed more than 50 ms ago); showing all entries.</p>
          )}
          <StateChart layout={LAYOUT} marks={marks} />
          {shown.length === 0 ? (
            <p>No cpumap entries: add one with a map update.</p>
          ) : (
            shown.map((e) => <EntryCard key={e.uid} entry={e} final={FINAL.has(e.state)} />)
          )}
        </>
      )}
    </section>
  );
}
