/**
 * The panel's recent results, each with the worker's own result text. The store keeps the
 * records (opLog) and only the latest text (opStatus); the text is formatted in the engine, which
 * the page must not bundle, so the panel pairs each new record with the opStatus that came with it.
 */
import type { UiState } from '../../store';

/** One result as the panel lists it. */
export interface RecentResult {
  /** Simulated time the operation ran at. */
  at: number;
  /** The worker's text, e.g. "update key 70: -E2BIG (key >= max_entries 8)". */
  text: string;
  /** A running number, for list keys. */
  n: number;
}

/** Results the panel lists. */
export const RECENT = 5;

type OpState = Pick<UiState, 'opLog' | 'opStatus'>;

/**
 * The list after a store change from `prev` to `cur`: a cleared opLog (a new scenario) clears it;
 * a shorter one (the run went back in time) keeps the results up to its last record; a new last
 * record (the worker's opResult sets it and opStatus together) is appended.
 */
export function nextRecent(list: readonly RecentResult[], prev: OpState, cur: OpState): readonly RecentResult[] {
  if (cur.opLog === prev.opLog) return list;
  if (cur.opLog.length === 0) return list.length === 0 ? list : [];
  const last = cur.opLog[cur.opLog.length - 1];
  if (cur.opLog.length < prev.opLog.length) return list.filter((r) => r.at <= last.at);
  if (last === prev.opLog[prev.opLog.length - 1]) return list;
  const n = list.length > 0 ? list[list.length - 1].n + 1 : 0;
  return [...list, { at: last.at, text: cur.opStatus, n }].slice(-RECENT);
}
