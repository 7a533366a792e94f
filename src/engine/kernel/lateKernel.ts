/**
 * Kernel code that only the later versions run (6.15's GRO in the kthread), kept out of the
 * simulation worker's first load: the page fetches it (lateKernelInstall.ts) before it builds an
 * engine that needs it; Node (the CLI, sweeps, tests) imports it up front.
 */
import type { World } from '../world';
import type { Kthread } from './kthread';

export interface LateKernel {
  /** One kthread iteration with GRO (kthreadGro.ts). */
  batchGro(w: World, k: Kthread, now: number, out: { traceAt: number; processed: number }): number;
}

let late: LateKernel | null = null;

/** Makes the later versions' code available (lateKernelInstall.ts calls it when imported). */
export function installLateKernel(code: LateKernel): void {
  late = code;
}

export function lateKernelLoaded(): boolean {
  return late !== null;
}

/** The later versions' code; throws when it was never fetched (a caller forgot to import it). */
export function lateKernel(): LateKernel {
  if (late === null) throw new Error('the 6.15+ kthread code (GRO) is not loaded: import src/engine/kernel/lateKernelInstall first');
  return late;
}
