/**
 * Kernel links for lesson steps, built from the engine's own link helpers so that the lessons and
 * the Kernel code panel always point at the same upstream lines.
 */
import { CPUMAP_V50_LINES, cpumapLink, identLink, type CpumapFunction } from '../../engine/kernel/upstream';
import type { KernelVersion } from '../../scenario/types';
import type { KernelRef } from '../types';

/** A cpumap.c function: "bq_enqueue (v5.0, cpumap.c line 602)" or "bq_enqueue (v5.2, cpumap.c)". */
export function fn(name: CpumapFunction, kernel: KernelVersion): KernelRef {
  const where = kernel === '5.0' ? `cpumap.c line ${CPUMAP_V50_LINES[name]}` : 'cpumap.c';
  return { label: `${name} (v${kernel}, ${where})`, url: cpumapLink(name, kernel) };
}

/** Any other kernel identifier, with where it lives: "ptr_ring_consume_batched (v5.2, ptr_ring.h)". */
export function ident(name: string, kernel: KernelVersion, file: string): KernelRef {
  return { label: `${name} (v${kernel}, ${file})`, url: identLink(name, kernel) };
}

/** Simulated time. */
export const US = 1_000;
export const MS = 1_000_000;
