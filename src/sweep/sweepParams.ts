/**
 * The parameters a sweep can vary, and how each one's values are written. Most are scenario
 * parameters put into the query as they are; three are shorthands over `entries` and `rx`:
 * `qsize` (every entry's ptr_ring size), `targets` (the number of entries, on consecutive CPUs
 * after the RX CPUs) and `rx` as a count of RX queues (on consecutive CPUs).
 */

/** How a parameter's values are written, which decides whether it has ranges. */
export type SweepValueKind = 'whole' | 'rate' | 'decimal' | 'word';

export interface SweepParam {
  name: string;
  kind: SweepValueKind;
  /** What one value means, for the usage text and error messages. */
  means: string;
}

export const SWEEP_PARAMS: readonly SweepParam[] = [
  { name: 'qsize', kind: 'whole', means: "every entry's qsize (ptr_ring size)" },
  { name: 'targets', kind: 'whole', means: 'the number of entries, on consecutive CPUs after the RX CPUs' },
  { name: 'rx', kind: 'whole', means: 'the number of RX queues, on consecutive CPUs from the first RX CPU' },
  { name: 'rate', kind: 'rate', means: 'offered frames per second (e.g. 14.88M)' },
  { name: 'kernel', kind: 'word', means: 'the kernel version' },
  { name: 'opt', kind: 'word', means: 'the 2019 optimizations, joined with + (e.g. consume-batched+alloc-bulk), or none, all' },
  { name: 'stack', kind: 'word', means: 'what the stack does with each SKB' },
  { name: 'arrival', kind: 'word', means: 'the arrival process' },
  { name: 'traffic', kind: 'word', means: 'what the flows carry: udp, tcp or tcp:N' },
  { name: 'preempt', kind: 'word', means: 'the preemption model' },
  { name: 'prog', kind: 'word', means: "the XDP program's choice of key" },
  { name: 'mode', kind: 'word', means: 'the XDP attach mode (native, or skb for generic XDP)' },
  { name: 'flows', kind: 'whole', means: 'distinct flows' },
  { name: 'size', kind: 'whole', means: 'frame size in bytes' },
  { name: 'cpus', kind: 'whole', means: 'possible CPUs' },
  { name: 'ring', kind: 'whole', means: 'NIC RX descriptor ring size' },
  { name: 'link', kind: 'decimal', means: 'link speed in Gbit/s' },
  { name: 'drop', kind: 'decimal', means: 'fraction of frames the program drops' },
  { name: 'seed', kind: 'whole', means: 'random seed' },
];

const BY_NAME = new Map(SWEEP_PARAMS.map((p) => [p.name, p]));

/** The sweep parameter called `name`, or undefined. */
export function sweepParam(name: string): SweepParam | undefined {
  return BY_NAME.get(name);
}

/** "qsize, targets, ..." for messages. */
export function sweepParamNames(): string {
  return SWEEP_PARAMS.map((p) => p.name).join(', ');
}
