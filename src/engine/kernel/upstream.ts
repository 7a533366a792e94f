/**
 * Links to the upstream kernel source for the functions the engine models.
 *
 * cpumap.c functions link to their exact line at the versions whose source was verified
 * (./cpumapLines.ts); at the others, and for identifiers outside cpumap.c, links go to the
 * identifier's page on elixir at that version, which lists the definition.
 */
import type { KernelVersion } from '../../scenario/types.ts';
import { CPUMAP_V50_LINES, cpumapLineLink } from './cpumapLines.ts';

export { CPUMAP_V50_LINES };

export type CpumapFunction = keyof typeof CPUMAP_V50_LINES;

/** Upstream link to a cpumap.c function for the given kernel version. */
export function cpumapLink(fn: CpumapFunction, kernel: KernelVersion): string {
  return cpumapLineLink(kernel, fn);
}

/** Upstream link to any other kernel identifier (ptr_ring, RCU, scheduler, net core). */
export function identLink(identifier: string, kernel: KernelVersion): string {
  return `https://elixir.bootlin.com/linux/v${kernel}/C/ident/${identifier}`;
}
