/**
 * The rates row under the topology: the configured offered load, and the frames per simulated
 * second that ended in each bucket of the snapshot's accounting, measured over a window of
 * simulated time long enough to mean something.
 *
 * Offered is the scenario's setting (its `rate`, or the latest `rate` op in effect), never a count:
 * the engine counts arrivals lazily, when a NAPI poll receives them, and every other bucket at the
 * event that decides it (a poll, a flush, a kthread batch), so a count over a short window sees
 * bursts. A measured rate is a difference of two snapshots' counters over their simulated time,
 * shown only when the window meets the rule of {@link windowMeetsRule}; otherwise it is "–", with
 * the reason.
 *
 * The window ends at the latest snapshot. It starts at the most recent earlier snapshot that meets
 * the rule and lies at least `windowMs` of wall time back (so a figure is steady at high speed and
 * still follows a change within about that), or at time 0 of the run, whose counters are all zero,
 * when no kept snapshot does: at the slow speeds of the lessons the window is then the whole run
 * so far. The CPUs' busy split keeps its own, shorter window (time, not frames, is measured there).
 */
import type { EngineSnapshot } from '../../engine/snapshot';
import { fieldsFor, MEASURED_FIELDS, RATE_GROUP, RATE_LABELS, type MeasuredField, type RateField, type RateGroup } from './rateFields';

/** The window rule: at least this much simulated time... */
export const MIN_WINDOW_NS = 1_000_000;
/** ...and at least this many frames expected at the offered load over it. */
export const MIN_EXPECTED_FRAMES = 1000;

/**
 * Whether a window of `spanNs` simulated ns, over which the configured load offers
 * `expectedFrames` frames, is long enough for a rate: at least 1 ms, and at least 1,000 frames.
 *
 * Why: the counts move in steps (a poll receives up to 64 frames a queue, a flush 8, a kthread
 * batch 8), so each end of a window is off by about one such step; and random arrivals (Poisson)
 * vary by the square root of their number. 1,000 frames keep the random part near 3 % and a
 * 20-frame step at each end near 2 %; 1 ms spans many polls, wake-ups and interrupt-moderation
 * intervals (2 to 126 µs), so a rate is not the phase of one of them. At 10 kpps that is 100 ms, at 1 Mpps
 * and above 1 ms. With no load offered at all over the window, 1 ms suffices (the rates are what
 * is left draining).
 */
export function windowMeetsRule(spanNs: number, expectedFrames: number): boolean {
  if (!(spanNs >= MIN_WINDOW_NS)) return false;
  return expectedFrames >= MIN_EXPECTED_FRAMES || expectedFrames <= 1e-9;
}

/** The shortest window that meets the rule at a steady load of `pps`. */
export function neededSpanNs(pps: number): number {
  return pps > 0 ? Math.max(MIN_WINDOW_NS, (MIN_EXPECTED_FRAMES / pps) * 1e9) : MIN_WINDOW_NS;
}

/** A span of simulated time in words: "820 ns", "109.6 µs", "5.0 ms", "1.25 s". */
export function formatSpan(ns: number): string {
  if (ns < 1e3) return `${Math.round(ns)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(1)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

/** Why no rate is shown for the run so far: `spanNs` long, `expectedFrames` offered, `pps` now. */
export function ruleReason(spanNs: number, expectedFrames: number, pps: number): string {
  const need = neededSpanNs(pps);
  if (spanNs < need || spanNs < MIN_WINDOW_NS)
    return `too little simulated time for a rate (${formatSpan(spanNs)} so far, ${formatSpan(need)} needed)`;
  return `too few frames offered for a rate (${Math.floor(expectedFrames)} so far, ${MIN_EXPECTED_FRAMES} needed)`;
}

/** Rates over the chosen window. */
export interface Rates {
  /** The configured offered load now (frames per second), or null before the first snapshot. */
  offeredPps: number | null;
  /** The measured figures are shown (the window meets the rule). */
  valid: boolean;
  /** Frames per simulated second, by figure (0 while not valid). */
  frames: Record<MeasuredField, number>;
  /** Per NIC queue (by index), drops per simulated second over the same window. */
  nicDrops: Float64Array;
  /** The window, in simulated ns (both 0 while not valid). */
  fromNs: number;
  toNs: number;
  /** toNs - fromNs. */
  spanNs: number;
  /** Why the measured figures are "–" (empty while valid). */
  reason: string;
  /** Frames in flight at the latest snapshot (null before the first). */
  inFlight: number | null;
  /** Simulated time of the latest snapshot, what the row is "as of" (null before the first). */
  atNs: number | null;
  /** Per CPU, 4 fractions of the busy window's time: softirq, ksoftirqd, kthread, context switch. */
  busy: Float64Array;
  /** False until two snapshots with different times were seen. */
  busyValid: boolean;
  /** The run's kernel lets entries carry a program (5.9+), so the redirected figure is shown. */
  entryProgs: boolean;
  /** Why the measured figures are kept back although measured (a lesson's question waits for a guess), or null. */
  withheld: string | null;
}

const NF = MEASURED_FIELDS.length;

function emptyRates(cpus: number, queues: number): Rates {
  const frames = {} as Record<MeasuredField, number>;
  for (const f of MEASURED_FIELDS) frames[f] = 0;
  return {
    offeredPps: null,
    valid: false,
    frames,
    nicDrops: new Float64Array(queues),
    fromNs: 0,
    toNs: 0,
    spanNs: 0,
    reason: 'no simulation yet',
    inFlight: null,
    atNs: null,
    busy: new Float64Array(cpus * 4),
    busyValid: false,
    entryProgs: false,
    withheld: null,
  };
}

/**
 * Keeps the last snapshots' counters in a ring and derives {@link Rates} on every push. Listeners
 * (the accessible table) hear of every new result, so they show what the canvas draws.
 */
export class RateTracker {
  rates: Rates = emptyRates(0, 0);
  /** Bumped on every change of `rates`. */
  version = 0;
  /** See {@link withhold}. */
  private withheld: string | null = null;
  private width = 0;
  private cpus = 0;
  private queues = 0;
  private samples: Float64Array[] = [];
  private simNs: Float64Array;
  private wallMs: Float64Array;
  /** The configured load's expected frames from time 0 to each sample (see OfferedLoad). */
  private expected: Float64Array;
  private count = 0;
  private next = 0;
  private origin = new Float64Array(0);
  private readonly listeners = new Set<() => void>();

  /**
   * @param windowMs wall time a measured window reaches back at least, when it can
   * @param minSimNs the busy split's window reaches further back (up to 8 times `windowMs`) while it covers less simulated time than this
   * @param capacity snapshots kept
   */
  constructor(
    private readonly windowMs = 500,
    private readonly minSimNs = 200_000,
    private readonly capacity = 256,
  ) {
    this.simNs = new Float64Array(capacity);
    this.wallMs = new Float64Array(capacity);
    this.expected = new Float64Array(capacity);
  }

  /** Calls `fn` after every change of the rates; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Forgets every sample (a new scenario, a reset, going back). */
  clear(): void {
    this.count = 0;
    this.next = 0;
    this.rates = emptyRates(this.cpus, this.queues);
    this.rates.withheld = this.withheld;
    this.changed();
  }

  /**
   * Keeps the measured figures back, saying `reason` in their place, until called with null: a
   * lesson step that asks for a guess starts after a warm-up, and the warm-up's rates would be
   * its answer. Measuring goes on meanwhile.
   */
  withhold(reason: string | null): void {
    if (reason === this.withheld) return;
    this.withheld = reason;
    this.rates.withheld = reason;
    this.changed();
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
      this.origin = new Float64Array(width);
      this.count = 0;
      this.next = 0;
    }
    // Time went back (a reset, going back in time): the samples kept belong to another past.
    if (this.count > 0 && s.simNs < this.simNs[this.lastSlot()]) {
      this.count = 0;
      this.next = 0;
    }
    // Same simulated time as the last sample: overwrite it rather than divide by zero.
    const slot = this.count > 0 && s.simNs === this.simNs[this.lastSlot()] ? this.lastSlot() : this.next;
    const v = this.samples[slot];
    for (let i = 0; i < NF; i++) v[i] = s.frames[MEASURED_FIELDS[i]];
    for (let c = 0; c < cpus; c++) for (let k = 0; k < 4; k++) v[NF + c * 4 + k] = s.cpus[c].busyNs[k];
    for (let q = 0; q < queues; q++) v[NF + cpus * 4 + q] = s.nicQueues[q].nicDrops;
    this.simNs[slot] = s.simNs;
    this.wallMs[slot] = wallMs;
    this.expected[slot] = s.offered.expectedFrames;
    if (slot === this.next) {
      this.next = (this.next + 1) % this.capacity;
      this.count = Math.min(this.count + 1, this.capacity);
    }
    const r = this.rates.nicDrops.length === queues && this.rates.busy.length === cpus * 4 ? this.rates : emptyRates(cpus, queues);
    r.offeredPps = s.offered.pps;
    r.inFlight = s.frames.inFlight;
    r.atNs = s.simNs;
    r.entryProgs = s.entryProgs === true;
    r.withheld = this.withheld;
    this.computeMeasured(r, slot);
    this.computeBusy(r, slot);
    this.rates = r;
    this.changed();
  }

  private lastSlot(): number {
    return (this.next + this.capacity - 1) % this.capacity;
  }

  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  /** The window of the measured figures: see the file's comment. */
  private computeMeasured(r: Rates, newest: number): void {
    const tEnd = this.simNs[newest];
    const eEnd = this.expected[newest];
    let chosen: Float64Array | null = null;
    let from = 0;
    let fallback = -1;
    for (let i = 1; i < this.count; i++) {
      const j = (newest - i + this.capacity) % this.capacity;
      if (!windowMeetsRule(tEnd - this.simNs[j], eEnd - this.expected[j])) continue;
      if (fallback < 0) fallback = j;
      if (this.wallMs[newest] - this.wallMs[j] >= this.windowMs) {
        chosen = this.samples[j];
        from = this.simNs[j];
        break;
      }
    }
    // Time 0 of the run: every counter is zero there, and it is as far back as a window can go.
    if (chosen === null && windowMeetsRule(tEnd, eEnd)) {
      chosen = this.origin;
      from = 0;
    }
    if (chosen === null && fallback >= 0) {
      chosen = this.samples[fallback];
      from = this.simNs[fallback];
    }
    if (chosen === null) {
      r.valid = false;
      r.fromNs = 0;
      r.toNs = 0;
      r.spanNs = 0;
      for (const f of MEASURED_FIELDS) r.frames[f] = 0;
      r.nicDrops.fill(0);
      r.reason = ruleReason(tEnd, eEnd, r.offeredPps ?? 0);
      return;
    }
    const a = chosen;
    const b = this.samples[newest];
    const dt = tEnd - from;
    const perS = 1e9 / dt;
    for (let i = 0; i < NF; i++) r.frames[MEASURED_FIELDS[i]] = Math.max(0, b[i] - a[i]) * perS;
    const q0 = NF + this.cpus * 4;
    for (let q = 0; q < this.queues; q++) r.nicDrops[q] = Math.max(0, b[q0 + q] - a[q0 + q]) * perS;
    r.valid = true;
    r.fromNs = from;
    r.toNs = tEnd;
    r.spanNs = dt;
    r.reason = '';
  }

  /**
   * The busy split: back to the snapshot `windowMs` of wall time ago, or further (up to 8 times
   * that) while the span is under `minSimNs` of simulated time.
   */
  private computeBusy(r: Rates, newest: number): void {
    let oldest = -1;
    for (let i = 1; i < this.count; i++) {
      const j = (newest - i + this.capacity) % this.capacity;
      const wall = this.wallMs[newest] - this.wallMs[j];
      if (oldest >= 0 && wall > this.windowMs && (this.simNs[newest] - this.simNs[oldest] >= this.minSimNs || wall > 8 * this.windowMs))
        break;
      oldest = j;
    }
    if (oldest < 0 || this.simNs[newest] <= this.simNs[oldest]) {
      r.busyValid = false;
      r.busy.fill(0);
      return;
    }
    const a = this.samples[oldest];
    const b = this.samples[newest];
    const dt = this.simNs[newest] - this.simNs[oldest];
    for (let i = 0; i < this.cpus * 4; i++) r.busy[i] = Math.min(1, Math.max(0, b[NF + i] - a[NF + i]) / dt);
    r.busyValid = true;
  }
}

/** "14.70 Mpps", "512 kpps", "30 pps". */
export function formatPps(pps: number): string {
  if (pps >= 1e6) return `${(pps / 1e6).toFixed(2)} Mpps`;
  if (pps >= 1e3) return `${(pps / 1e3).toFixed(pps >= 1e5 ? 0 : 1)} kpps`;
  return `${Math.round(pps)} pps`;
}

/** One figure of the row as both the canvas and the table show it. */
export interface RateCell {
  field: RateField;
  label: string;
  group: RateGroup;
  /** "14.88 Mpps", or "–" when not measured. */
  text: string;
  /** Frames per second, or null for "–". */
  pps: number | null;
}

/** The row's content, computed once for the canvas and the accessible table. */
export interface RatesView {
  cells: RateCell[];
  /** Measured figures are shown. */
  measured: boolean;
  /** "over the last 5.0 ms of simulated time", or "" when not measured. */
  window: string;
  /** The window's bounds in simulated ns (null when not measured). */
  fromNs: number | null;
  toNs: number | null;
  /** Why the measured figures are "–" ("" when measured). */
  reason: string;
  inFlight: number | null;
  /** Simulated time of the latest snapshot (null before the first). */
  atNs: number | null;
}

/** The row's content for `r`. */
export function ratesView(r: Rates): RatesView {
  const fields: readonly RateField[] = ['offered', ...fieldsFor(r.entryProgs)];
  const shown = r.valid && r.withheld === null;
  const cells: RateCell[] = fields.map((field) => {
    const pps = field === 'offered' ? r.offeredPps : shown ? r.frames[field] : null;
    return { field, label: RATE_LABELS[field], group: RATE_GROUP[field], text: pps === null ? '–' : formatPps(pps), pps };
  });
  return {
    cells,
    measured: shown,
    window: shown ? `over the last ${formatSpan(r.spanNs)} of simulated time` : '',
    fromNs: shown ? r.fromNs : null,
    toNs: shown ? r.toNs : null,
    reason: shown ? '' : (r.withheld ?? r.reason),
    inFlight: r.inFlight,
    atNs: r.atNs,
  };
}
