/**
 * Kernel links for lesson steps, built from the engine's own link helpers so that the lessons and
 * the Kernel code panel always point at the same upstream lines.
 */
import { cpumapLine } from '../../engine/kernel/cpumapLines';
import { cpumapLink, identLink, type CpumapFunction } from '../../engine/kernel/upstream';
import type { KernelVersion } from '../../scenario/types';
import type { KernelRef } from '../types';

/** A cpumap.c function: "bq_enqueue (v5.0, cpumap.c line 602)", or "bq_enqueue (v6.6, cpumap.c)" where no line is known. */
export function fn(name: CpumapFunction, kernel: KernelVersion): KernelRef {
  const line = cpumapLine(kernel, name);
  const where = line === undefined ? 'cpumap.c' : `cpumap.c line ${line}`;
  return { label: `${name} (v${kernel}, ${where})`, url: cpumapLink(name, kernel) };
}

/** Any other kernel identifier, with where it lives: "ptr_ring_consume_batched (v5.2, ptr_ring.h)". */
export function ident(name: string, kernel: KernelVersion, file: string): KernelRef {
  return { label: `${name} (v${kernel}, ${file})`, url: identLink(name, kernel) };
}

/** Simulated time. */
export const US = 1_000;
export const MS = 1_000_000;
