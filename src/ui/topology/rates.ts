/**
 * Recent rates from successive snapshots: frames per simulated second for each of the snapshot's
 * frame counters, each NIC queue's drops, and each CPU's busy split. A rate is a difference of
 * two snapshots' counters over their simulated time, across the snapshots of the last half
 * second of wall time (longer, up to 4 s, while that covers under 200 us of simulated time), so
 * it neither freezes at high speed nor smooths over a change for long.
 */
import type { EngineSnapshot } from '../../engine/snapshot';

/** The snapshot's frame counters that the rates strip shows, in pipeline order. */
export const FRAME_FIELDS = ['offered', 'nicDropped', 'xdpDropped', 'redirectErr', 'ringFull', 'stackDropped', 'delivered'] as const;

/** One of {@link FRAME_FIELDS}. */
export type FrameField = (typeof FRAME_FIELDS)[number];

/** Rates over the recent window. */
export interface Rates {
  /** False until two snapshots with different times were seen. */
  valid: boolean;
  /** Frames per simulated second, by counter. */
  frames: Record<FrameField, number>;
  /** Per CPU, 4 fractions of the window's time: softirq, ksoftirqd, kthread, context switch. */
  busy: Float64Array;
  /** Per NIC queue (by index), drops per simulated second. */
  nicDrops: Float64Array;
  /** Simulated ns the rates cover. */
  spanNs: number;
}

const NF = FRAME_FIELDS.length;

function emptyRates(cpus: number, queues: number): Rates {
  const frames = {} as Record<FrameField, number>;
  for (const f of FRAME_FIELDS) frames[f] = 0;
  return { valid: false, frames, busy: new Float64Array(cpus * 4), nicDrops: new Float64Array(queues), spanNs: 0 };
}

/** Keeps the last snapshots' counters in a ring and derives {@link Rates} on every push. */
export class RateTracker {
  rates: Rates = emptyRates(0, 0);
  private width = 0;
  private cpus = 0;
  private queues = 0;
  private samples: Float64Array[] = [];
  private simNs: Float64Array;
  private wallMs: Float64Array;
  private count = 0;
  private next = 0;

  constructor(
    private readonly windowMs = 500,
    private readonly minSimNs = 200_000,
    private readonly capacity = 256,
  ) {
    this.simNs = new Float64Array(capacity);
    this.wallMs = new Float64Array(capacity);
  }

  /** Forgets every sample (a new scenario or a reset). */
  clear(): void {
    this.count = 0;
    this.next = 0;
    this.rates = emptyRates(this.cpus, this.queues);
  }

  /** Adds a snapshot seen at wall time `wallMs` and recomputes the rates. */
  push(s: EngineSnapshot, wallMs: number): void {
    const cpus = s.cpus.length;
    const queues = s.nicQueues.length;
    const width = NF + cpus * 4 + queues;
    if (width !== this.width || cpus !== this.cpus) {
      this.width = width;
      this.cpus = cpus;
      this.queues = queues;
      this.samples = Array.from({ length: this.capacity }, () => new Float64Array(width));
      this.clear();
    }
    const last = this.count > 0 ? (this.next + this.capacity - 1) % this.capacity : -1;
    if (last >= 0 && s.simNs < this.simNs[last]) this.clear();
    // Same simulated time as the last sample: overwrite it rather than divide by zero.
    const slot = last >= 0 && this.count > 0 && s.simNs === this.simNs[last] ? last : this.next;
    const v = this.samples[slot];
    for (let i = 0; i < NF; i++) v[i] = s.frames[FRAME_FIELDS[i]];
    for (let c = 0; c < cpus; c++) for (let k = 0; k < 4; k++) v[NF + c * 4 + k] = s.cpus[c].busyNs[k];
    for (let q = 0; q < queues; q++) v[NF + cpus * 4 + q] = s.nicQueues[q].nicDrops;
    this.simNs[slot] = s.simNs;
    this.wallMs[slot] = wallMs;
    if (slot === this.next) {
      this.next = (this.next + 1) % this.capacity;
      this.count = Math.min(this.count + 1, this.capacity);
    }
    this.compute(slot);
  }

  private compute(newest: number): void {
    // Back to the snapshot `windowMs` of wall time ago, or further (up to 8 times that) while the
    // span is under `minSimNs` of simulated time: the engine counts arrivals lazily, per poll.
    let oldest = -1;
    for (let i = 1; i < this.count; i++) {
      const j = (newest - i + this.capacity) % this.capacity;
      const wall = this.wallMs[newest] - this.wallMs[j];
      if (oldest >= 0 && wall > this.windowMs && (this.simNs[newest] - this.simNs[oldest] >= this.minSimNs || wall > 8 * this.windowMs))
        break;
      oldest = j;
    }
    const r = this.rates;
    if (oldest < 0 || this.simNs[newest] <= this.simNs[oldest]) {
      r.valid = false;
      return;
    }
    const a = this.samples[oldest];
    const b = this.samples[newest];
    const dt = this.simNs[newest] - this.simNs[oldest];
    const perS = 1e9 / dt;
    for (let i = 0; i < NF; i++) r.frames[FRAME_FIELDS[i]] = Math.max(0, b[i] - a[i]) * perS;
    for (let i = 0; i < this.cpus * 4; i++) r.busy[i] = Math.min(1, Math.max(0, b[NF + i] - a[NF + i]) / dt);
    const q0 = NF + this.cpus * 4;
    for (let q = 0; q < this.queues; q++) r.nicDrops[q] = Math.max(0, b[q0 + q] - a[q0 + q]) * perS;
    r.spanNs = dt;
    r.valid = true;
  }
}

/** "14.70 Mpps", "512 kpps", "30 pps". */
export function formatPps(pps: number): string {
  if (pps >= 1e6) return `${(pps / 1e6).toFixed(2)} Mpps`;
  if (pps >= 1e3) return `${(pps / 1e3).toFixed(pps >= 1e5 ? 0 : 1)} kpps`;
  return `${Math.round(pps)} pps`;
}
