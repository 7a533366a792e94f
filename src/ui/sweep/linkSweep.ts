/**
 * A link's `sweep=PARAM:LIST;PARAM:LIST[;measure:SPAN]`, checked as the panel reads it: its axes, or its problems
 * worded as the link notice lists every parameter's (the message is readSweepLink's).
 */
import { shorten } from '../../scenario/check';
import type { ScenarioProblem } from '../../scenario/types';
import { readSweepLink, type SweepAxis } from '../../sweep/sweepSpec';

export function readLinkSweep(value: string): { axes: SweepAxis[]; measuredNs: number } | { problems: ScenarioProblem[] } {
  // A `+` typed into an address reads as a space (`rate:1M..14.88M+1M`); no LIST has a space.
  const read = readSweepLink(value.replaceAll(' ', '+'));
  if (read.ok) return { axes: read.axes, measuredNs: read.measuredNs };
  return { problems: read.messages.map((message) => ({ param: 'sweep', value: shorten(value), message: `sweep: ${message}` })) };
}
