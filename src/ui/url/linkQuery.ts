/**
 * The scenario part of a shared link: the loaded scenario with the map operations done by hand
 * appended to its `ops` at the simulated time they were done, so opening the link replays them.
 */
import type { OpRecord } from '../../engine/engine';
import { MAX_OPS, parseScenario } from '../../scenario/parse';
import { serializeScenario } from '../../scenario/serialize';
import type { MapOpSpec } from '../../scenario/types';
import { VIEW_PARAMS } from '../scenarioQuery';

/** The timed operation that replays a map operation done by hand, or null for one that cannot be written. */
export function manualOpSpec(record: OpRecord): MapOpSpec | null {
  if (!Number.isFinite(record.at) || record.at < 0) return null;
  // Paused, the time is whole; while playing it is rounded up to the next ns.
  const at = Math.ceil(record.at);
  switch (record.op) {
    case 'update':
      return record.key === null || record.qsize === null
        ? null
        : { at, op: 'update', key: record.key, qsize: record.qsize, flags: record.flags ?? 0 };
    case 'delete':
    case 'lookup':
      return record.key === null ? null : { at, op: record.op, key: record.key };
    case 'next':
      return { at, op: 'next', key: record.key };
    case 'free':
      return { at, op: 'free' };
    // The record's max_entries, the rate applied (capped at the line rate) and the queue and CPU
    // moved to (see OpRecord); an irq the engine refused names a queue or CPU no link may name.
    case 'create':
      return record.qsize === null ? null : { at, op: 'create', max: record.qsize };
    case 'rate':
      return record.value === null ? null : { at, op: 'rate', rate: record.value };
    case 'irq':
      return record.result !== '0' || record.key === null || record.value === null
        ? null
        : { at, op: 'irq', queue: record.key, cpu: record.value };
    default:
      return null;
  }
}

/**
 * The short URL form of the scenario `query` describes (view parameters ignored), its `ops`
 * extended with `manual` and sorted by time (stable: at one time, the loaded ones come first).
 * Operations beyond MAX_OPS are left out, so the link stays readable by the parser.
 */
export function linkScenarioQuery(query: string, manual: readonly MapOpSpec[]): string {
  const { scenario } = parseScenario(query, { extraParams: VIEW_PARAMS });
  if (manual.length === 0) return serializeScenario(scenario, 'short');
  const ops = [...scenario.ops, ...manual].slice(0, MAX_OPS).sort((a, b) => a.at - b.at);
  return serializeScenario({ ...scenario, ops }, 'short');
}
