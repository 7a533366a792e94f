/**
 * The single view's way into the side-by-side view: run A is the run as its share link describes
 * it, run B the same with one difference to start from (the kernel version before, see defaultDifference), which the
 * side-by-side page's "Run B" form can change. Pure.
 */
import { previousKernel } from '../../scenario/kernels';
import type { KernelVersion } from '../../scenario/types';
import type { LinkModes } from '../url/linkState';

/**
 * Run B's first difference from run A: the modelled version before A's (6.12 against 6.6, 5.2
 * against 5.0), and for 5.0 the version after it.
 */
export function defaultDifference(kernel: KernelVersion): string {
  return `kernel=${previousKernel(kernel)}`;
}

/**
 * The page modes of the side-by-side link: `compare` added; a lesson and embedding dropped (a
 * pair has neither; the link reader would name them as ignored); presentation mode kept.
 */
export function compareModes(modes: LinkModes, compare: string): LinkModes {
  return { ...modes, lesson: null, step: null, embed: false, sweep: null, compare };
}
