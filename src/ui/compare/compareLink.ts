/**
 * The single view's way into the side-by-side view: run A is the run as its share link describes
 * it, run B the same with one difference to start from (the kernel version before, see defaultDifference), which the
 * side-by-side page's "Run B" form can change. Pure.
 */
import type { KernelVersion } from '../../scenario/types';
import type { LinkModes } from '../url/linkState';

/**
 * Run B's first difference from run A: the version before A's (5.10 against 5.4, 5.4 against 5.2,
 * 5.2 against 5.0),
 * and for 5.0 the version after it.
 */
export function defaultDifference(kernel: KernelVersion): string {
  const before: Record<KernelVersion, KernelVersion> = { '5.0': '5.2', '5.2': '5.0', '5.4': '5.2', '5.10': '5.4' };
  return `kernel=${before[kernel]}`;
}

/**
 * The page modes of the side-by-side link: `compare` added; a lesson and embedding dropped (a
 * pair has neither; the link reader would name them as ignored); presentation mode kept.
 */
export function compareModes(modes: LinkModes, compare: string): LinkModes {
  return { ...modes, lesson: null, step: null, embed: false, sweep: null, compare };
}
