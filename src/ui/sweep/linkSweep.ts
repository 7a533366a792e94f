/**
 * A link's `sweep=PARAM:LIST;PARAM:LIST[;measure:SPAN]`, checked as the panel reads it: its axes, or
 * one problem worded as the link notice words every parameter's, with readSweepLink's reasons.
 */
import { quote, shorten } from '../../scenario/check';
import type { ScenarioProblem } from '../../scenario/types';
import { readSweepLink, type SweepAxis } from '../../sweep/sweepSpec';

export function readLinkSweep(value: string): { axes: SweepAxis[]; measuredNs: number } | { problems: ScenarioProblem[] } {
  // A `+` typed into an address reads as a space (`rate:1M..14.88M+1M`); no LIST has a space.
  const read = readSweepLink(value.replaceAll(' ', '+'));
  if (read.ok) return { axes: read.axes, measuredNs: read.measuredNs };
  // One problem for the parameter, worded as the notice words every other one.
  const typed = quote(shorten(value.replaceAll(' ', '+')));
  return { problems: [{ param: 'sweep', value: shorten(value), message: `sweep: ${typed} is not allowed: ${read.messages.join('; ')}` }] };
}
