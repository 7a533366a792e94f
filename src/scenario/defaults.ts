/**
 * The default scenario, and the defaults that depend on other parameters (`max`, `rx`, `rate`).
 * A parameter left out of the query string takes its default here.
 */
import type { Scenario } from './types';

/** Bytes each frame occupies on the wire besides the frame itself: preamble + SFD (8) and inter-frame gap (12). */
const WIRE_OVERHEAD_BYTES = 20;

/**
 * The default scenario: a v5.2 kernel built with CONFIG_PREEMPT (as the 2019 calibration kernel was) on 8 CPUs, two RX queues on CPUs 0 and 1 redirecting
 * 1 Mpps of 64-byte UDP frames (hashed over 64 flows) to cpumap entries on CPUs 4 and 5.
 *
 * Deeply frozen, because it is shared: copy it (see `defaultScenario`) before changing anything.
 */
export const DEFAULT_SCENARIO: Scenario = deepFreeze({
  kernel: '5.2',
  opt: null,
  preempt: 'full',
  cpus: 8,
  max: 8,
  rx: [0, 1],
  ring: 512,
  entries: [
    { cpu: 4, qsize: 192 },
    { cpu: 5, qsize: 192 },
  ],
  rate: 1_000_000,
  size: 64,
  link: 10,
  flows: 64,
  arrival: { kind: 'poisson' },
  traffic: { kind: 'udp' },
  prog: { kind: 'hash' },
  mode: 'native',
  drop: 0,
  stack: 'udp-noport',
  seed: 1,
  cap: true,
  ops: [],
});

/** A fresh, mutable copy of `DEFAULT_SCENARIO`. */
export function defaultScenario(): Scenario {
  return structuredClone(DEFAULT_SCENARIO);
}

/**
 * The line rate in frames per second of a `linkGbit` Gbit/s Ethernet link carrying `size`-byte
 * frames: each frame takes `size + 20` bytes of wire time (preamble, SFD, inter-frame gap).
 * 64-byte frames at 10 Gbit/s: 14,880,952.38 pps.
 */
export function lineRatePps(linkGbit: number, size: number): number {
  return (linkGbit * 1e9) / ((size + WIRE_OVERHEAD_BYTES) * 8);
}

/** Default `max` (the map's max_entries): one slot per possible CPU. */
export function defaultMax(cpus: number): number {
  return cpus;
}

/** Default `rx`: the default queues' CPUs that exist with `cpus` CPUs (`[0]` when cpus is 1). */
export function defaultRx(cpus: number): number[] {
  return DEFAULT_SCENARIO.rx.filter((cpu) => cpu < cpus);
}

/** Default `rate`: 1 Mpps, or the line rate when that is lower (a slow link or large frames). */
export function defaultRate(linkGbit: number, size: number): number {
  return Math.min(DEFAULT_SCENARIO.rate, lineRatePps(linkGbit, size));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
