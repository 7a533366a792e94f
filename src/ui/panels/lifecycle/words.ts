/**
 * The Entry lifecycle panel's wording, as pure functions so they are tested without a DOM:
 * entry labels, the RCU line, and what an entry is waiting for in each lifecycle state.
 */
import type { EngineSnapshot, EntrySnapshot } from '../../../engine/snapshot';

/** Formats a duration in the unit that keeps it readable. */
export function formatSpan(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(3)} ms`;
  return `${(ns / 1e9).toFixed(3)} s`;
}

/** "cpu 4, map 7, entry #3": the label an entry goes by in the panel (and its accessible name). */
export function entryLabel(e: Pick<EntrySnapshot, 'cpu' | 'mapId' | 'uid'>): string {
  return `cpu ${e.cpu}, map ${e.mapId}, entry #${e.uid}`;
}

/** The caption of an entry's transition table. */
export function timelineCaption(e: Pick<EntrySnapshot, 'cpu' | 'uid'>): string {
  return `Transitions of cpu ${e.cpu} (entry #${e.uid})`;
}

/** The RCU state in one line: grace period, since when, and callbacks waiting. */
export function rcuLine(rcu: EngineSnapshot['rcu'], simNs: number, format: (ns: number) => string): string {
  const pending = `${rcu.pendingCallbacks} callback${rcu.pendingCallbacks === 1 ? '' : 's'} pending`;
  if (!rcu.inProgress) return `RCU: no grace period in progress (${rcu.completed} completed); ${pending}`;
  return `RCU: grace period #${rcu.completed + 1} in progress since ${format(rcu.gpStartNs)} (${formatSpan(Math.max(0, simNs - rcu.gpStartNs))}); ${pending}`;
}

/** What the entry is waiting for in its current state, in kernel terms. */
export function waitingFor(e: Pick<EntrySnapshot, 'state' | 'ring' | 'kthread'> & Pick<EntrySnapshot, 'noRefcount'>): string {
  switch (e.state) {
    case 'allocating':
      return 'cpu_map_update_elem is allocating it';
    case 'allocFailed':
      return 'never entered the map (-ENOMEM)';
    case 'starting':
      return 'not in the map yet: the update waits until its kthread has run (6.5+)';
    case 'live':
      return 'in the map; its kthread consumes the ring';
    case 'detached':
      if (e.noRefcount) return 'out of the map: queue_rcu_work runs __cpu_map_entry_free on a kworker after the RCU grace period';
      return 'out of the map: __cpu_map_entry_free waits for the RCU grace period; the stop work waits in rcu_barrier';
    case 'bulkqFlushed':
      return 'bulk queues flushed and freed; the stop work is about to call kthread_stop';
    case 'kthreadStopping':
      return `kthread_stop called: the kthread drains the ring (${e.ring.count} frame${e.ring.count === 1 ? '' : 's'} left) before it exits`;
    case 'freed':
      return 'ring and entry freed';
    case 'leaked':
      return 'leaked: the kthread never ran, so its reference is never dropped';
  }
}
