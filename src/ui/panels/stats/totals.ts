/**
 * The run's frame totals as the Statistics panel lists them: offered, then each bucket a frame can
 * end in, grouped as the Rates row groups them (lost, then verdicts), then the frames in flight.
 * Every offered frame is in exactly one of the others, so they add up to offered.
 */
import type { FrameTotals } from '../../../engine/engine';
import { fieldsFor, GROUP_TITLES, MEASURED_FIELDS, RATE_GROUP, RATE_LABELS, type MeasuredField } from '../../topology/rateFields';

export type TotalField = keyof FrameTotals;

export const TOTAL_LABELS: Record<TotalField, string> = { ...RATE_LABELS, inFlight: 'in flight' };

/** The groups in order, each with its fields: lost, verdicts, then in flight (see {@link fieldsFor}). */
export function totalGroups(entryProgs: boolean): { title: string; fields: TotalField[] }[] {
  const of = (group: 'lost' | 'verdict'): MeasuredField[] => fieldsFor(entryProgs).filter((f) => RATE_GROUP[f] === group);
  return [
    { title: GROUP_TITLES.lost, fields: of('lost') },
    { title: GROUP_TITLES.verdict, fields: of('verdict') },
    { title: 'not yet decided', fields: ['inFlight'] },
  ];
}

/** The sum of every bucket and the frames in flight: equals `offered` in a consistent snapshot. */
export function accountedFor(t: FrameTotals): number {
  return MEASURED_FIELDS.reduce((sum, f) => sum + t[f], 0) + t.inFlight;
}
