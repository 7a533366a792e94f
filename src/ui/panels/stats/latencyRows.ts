/**
 * The "Latency" table's rows: per target CPU, the interval's NIC-arrival-to-stack p50, p99 and
 * max, and flush-to-dequeue p50 and p99, in µs. "–" where no frame reached that kthread in the
 * interval (the JSON's null).
 */
import { groupThousands } from '../../../engine/stats/format';
import type { CpuLatency } from '../../../engine/stats/latency';

export const LATENCY_HEADER = ['CPU', 'p50', 'p99', 'max', 'flush→dequeue p50', 'flush→dequeue p99'];

/** ns as µs with one decimal ("13.4"), or "–" for null. */
export function micros(ns: number | null): string {
  return ns === null ? '–' : groupThousands(ns / 1e3, 1);
}

export function latencyRows(latency: readonly CpuLatency[]): string[][] {
  return latency.map((l) => [
    String(l.cpu),
    micros(l.p50),
    micros(l.p99),
    micros(l.max),
    micros(l.enqueueToDequeue.p50),
    micros(l.enqueueToDequeue.p99),
  ]);
}
