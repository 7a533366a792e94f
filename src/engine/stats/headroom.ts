/**
 * CPU headroom: the share of a window each CPU spent in softirq, ksoftirqd, cpumap kthreads and
 * context switches, and idle (the rest), from Cpu.busyNs differenced from the window's start to its end.
 */
import { BUSY_KINDS, BUSY_KSOFTIRQD, BUSY_KTHREAD, BUSY_SOFTIRQ, BUSY_SWITCH } from '../kernel/busyKinds';

/** One CPU's shares of a window (0..1, summing to 1). */
export interface CpuHeadroom {
  cpu: number;
  softirq: number;
  ksoftirqd: number;
  kthread: number;
  switch: number;
  idle: number;
}

/** Every CPU's busyNs, flattened (cpu * BUSY_KINDS + BUSY_*): a snapshot to difference later. */
export function busySnapshot(cpus: readonly { busyNs: Float64Array }[]): Float64Array {
  const out = new Float64Array(cpus.length * BUSY_KINDS);
  cpus.forEach((c, i) => out.set(c.busyNs, i * BUSY_KINDS));
  return out;
}

/**
 * Each CPU's shares of a window `windowNs` long, from busySnapshot at its start and end. A CPU's
 * step is charged when it starts, so an action running across the window's end counts wholly in
 * it; when that makes the busy time exceed the window, the shares are scaled to sum to 1 (idle 0).
 * A window of no length gives every CPU idle 1.
 */
export function headroomShares(busyThen: Float64Array, busyNow: Float64Array, windowNs: number): CpuHeadroom[] {
  const cpus = Math.floor(busyNow.length / BUSY_KINDS);
  const out: CpuHeadroom[] = [];
  for (let cpu = 0; cpu < cpus; cpu++) {
    const base = cpu * BUSY_KINDS;
    const busy = (kind: number): number => Math.max(0, busyNow[base + kind] - (busyThen[base + kind] ?? 0));
    const softirq = busy(BUSY_SOFTIRQ);
    const ksoftirqd = busy(BUSY_KSOFTIRQD);
    const kthread = busy(BUSY_KTHREAD);
    const sw = busy(BUSY_SWITCH);
    const total = softirq + ksoftirqd + kthread + sw;
    const scale = windowNs > 0 ? 1 / Math.max(windowNs, total) : 0;
    const shares = { softirq: softirq * scale, ksoftirqd: ksoftirqd * scale, kthread: kthread * scale, switch: sw * scale };
    const idle = Math.max(0, 1 - shares.softirq - shares.ksoftirqd - shares.kthread - shares.switch);
    out.push({ cpu, ...shares, idle });
  }
  return out;
}
