/**
 * The "Entry lifecycle" panel: the entry statechart (laid out from the machine definition, so it
 * cannot drift from it) with every shown entry's current state highlighted, the RCU state, and
 * per entry its refcount and transition timeline. Reads frameBus at most four times a second.
 */
import { useMemo, useRef, useState } from 'react';
import { describeMachine } from '../../engine/lifecycle/describe';
import { entryMachine } from '../../engine/lifecycle/entryMachine';
import { entryMachineRcuWork } from '../../engine/lifecycle/entryMachineRcuWork';
import { RCU_WORK_WORDS, REFCOUNT_WORDS } from '../../engine/lifecycle/machineWords';
import { formatSimTime } from '../format';
import { EntryCard } from './lifecycle/EntryCard';
import { layoutChart, type LayoutStateInput, type LayoutTransitionInput } from './lifecycle/layout';
import { StateChart } from './lifecycle/StateChart';
import { useThrottledSnapshot } from './lifecycle/useThrottledSnapshot';
import { useOnScreen } from './useOnScreen';
import { entryLabel, rcuLine } from './lifecycle/words';

/** A machine described and laid out once: the refcounted one (to 6.1) and the rcu_work one (6.6+). */
function chartOf(described: { states: readonly LayoutStateInput[]; transitions: readonly LayoutTransitionInput[] }) {
  return {
    layout: layoutChart(described.states, described.transitions),
    final: new Set(described.states.filter((s) => s.final).map((s) => s.id)),
  };
}
const REFCOUNT_CHART = chartOf(describeMachine(entryMachine, REFCOUNT_WORDS));
const RCU_WORK_CHART = chartOf(describeMachine(entryMachineRcuWork, RCU_WORK_WORDS));

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
  const chart = snapshot?.rcuWorkTeardown ? RCU_WORK_CHART : REFCOUNT_CHART;
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
          <p style={{ margin: '0 0 0.5rem' }}>
            {snapshot.rcuWorkTeardown
              ? 'Machine of 6.6 and later: the update waits until the kthread runs; no refcount, queue_rcu_work frees the entry.'
              : 'Machine of 5.0 to 6.1: two references (map slot, kthread); call_rcu, then a work item stops the kthread.'}
          </p>
          <StateChart layout={chart.layout} marks={marks} />
          {shown.length === 0 ? (
            <p>No cpumap entries: add one with a map update.</p>
          ) : (
            shown.map((e) => <EntryCard key={e.uid} entry={e} final={chart.final.has(e.state)} />)
          )}
        </>
      )}
    </section>
  );
}
