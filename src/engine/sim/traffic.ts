/**
 * Frames arriving at one NIC RX queue: constant, Poisson or bursty arrivals at the queue's share
 * of the offered rate, over the flows RSS steers to it. Arrivals are generated lazily, when the
 * queue is polled, so no event per frame is ever scheduled.
 */
import type { Arrival } from '../../scenario/types';
import { hash32, Rng } from './rng';

/** Size of the RSS indirection table (ethtool -x); entries point at queues round-robin. */
export const RSS_TABLE_SIZE = 128;

/** RSS: which RX queue a flow lands on (hash of the flow through the indirection table). */
export function rssQueue(flow: number, queueCount: number): number {
  return (hash32(flow ^ 0x5bd1e995) % RSS_TABLE_SIZE) % queueCount;
}

/** The flows RSS steers to each queue. */
export function flowsByQueue(flows: number, queueCount: number): number[][] {
  const out: number[][] = Array.from({ length: queueCount }, () => []);
  for (let f = 0; f < flows; f++) out[rssQueue(f, queueCount)].push(f);
  return out;
}

/** Arrivals are drawn this many at a time (see Rng.fillUniform). */
const BLOCK = 256;

export class ArrivalProcess {
  /** Time of the next arrival (Infinity when the queue gets no traffic). */
  next = 0;
  private readonly rng: Rng;
  private readonly flows: Int32Array;
  private meanGap: number;
  private readonly lineGap: number;
  private readonly burst: number;
  private readonly kind: number;
  private inBurst = 0;
  /** Segments one flow sends back to back (traffic=tcp:N); 1 draws a flow for every frame. */
  private readonly run: number;
  /** The flow of the run in progress, and how many of its segments are still to come. */
  private runFlow = 0;
  private runLeft = 0;
  /** Pre-drawn gaps and flows; `pos` indexes the frame arriving at `next`. */
  private readonly gapBuf = new Float64Array(BLOCK);
  private readonly flowBuf = new Int32Array(BLOCK);
  private readonly uniforms = new Float64Array(BLOCK);
  private pos = 0;

  /**
   * @param rate frames per second for this queue
   * @param lineRate the link's line rate in frames per second (the gap inside a burst)
   * @param run segments a flow sends back to back (TCP-like traffic), 1 for UDP
   */
  constructor(arrival: Arrival, rate: number, lineRate: number, flows: number[], seed: number, stream: number, start: number, run = 1) {
    this.run = run;
    this.rng = new Rng(seed, stream);
    this.flows = Int32Array.from(flows);
    this.meanGap = rate > 0 && flows.length > 0 ? 1e9 / rate : Infinity;
    this.lineGap = 1e9 / lineRate;
    this.kind = arrival.kind === 'constant' ? 0 : arrival.kind === 'poisson' ? 1 : 2;
    this.burst = arrival.kind === 'bursty' ? arrival.burst : 1;
    // Desynchronise queues: the first arrival falls somewhere in the first mean gap.
    this.next = this.meanGap === Infinity ? Infinity : start + this.rng.next() * this.meanGap;
    this.refill();
  }

  /** Flows RSS steers to this queue. */
  get flowCount(): number {
    return this.flows.length;
  }

  /**
   * The generator changes its rate at `start`: arrivals from then on come at `rate` frames per
   * second, starting afresh as at the start of the run (first arrival within the first mean gap,
   * a new burst), from this queue's own random stream. Arrivals before `start` must have been
   * received already.
   */
  restart(rate: number, start: number): void {
    this.meanGap = rate > 0 && this.flows.length > 0 ? 1e9 / rate : Infinity;
    this.inBurst = 0;
    this.next = this.meanGap === Infinity ? Infinity : start + this.rng.next() * this.meanGap;
    this.refill();
  }

  /** The flow of the frame arriving at `next`. */
  flow(): number {
    return this.flowBuf[this.pos];
  }

  /** Moves `next` to the following arrival. */
  advance(): void {
    this.next += this.gapBuf[this.pos];
    if (++this.pos === BLOCK) this.refill();
  }

  private refill(): void {
    this.pos = 0;
    const u = this.uniforms;
    const flows = this.flows;
    const n = flows.length;
    const flowBuf = this.flowBuf;
    const gapBuf = this.gapBuf;
    this.rng.fillUniform(u);
    if (n <= 1) flowBuf.fill(n === 1 ? flows[0] : 0);
    else if (this.run === 1) for (let i = 0; i < BLOCK; i++) flowBuf[i] = flows[Math.floor(u[i] * n)];
    else this.fillRuns(u);
    // Constant arrivals need no random numbers (and drawing none keeps their stream short).
    if (this.kind === 0) {
      gapBuf.fill(this.meanGap);
      return;
    }
    this.rng.fillUniform(u);
    if (this.kind === 1) {
      // 1 - u is in (0, 1], so the logarithm is finite.
      const mean = this.meanGap;
      for (let i = 0; i < BLOCK; i++) gapBuf[i] = -Math.log(1 - u[i]) * mean;
      return;
    }
    for (let i = 0; i < BLOCK; i++) gapBuf[i] = this.burstGap();
  }

  /**
   * TCP-like senders: a flow drawn at random sends `run` in-order segments back to back, then the
   * next one is drawn. Draws the same random numbers as one flow per frame (one per frame, used at
   * the start of a run), so the arrival times are those of UDP traffic with the same seed.
   */
  private fillRuns(u: Float64Array): void {
    const flows = this.flows;
    for (let i = 0; i < BLOCK; i++) {
      if (this.runLeft === 0) {
        this.runFlow = flows[Math.floor(u[i] * flows.length)];
        this.runLeft = this.run;
      }
      this.flowBuf[i] = this.runFlow;
      this.runLeft--;
    }
  }

  /** The next gap of a bursty source: line-rate gaps inside a burst, then the idle time. */
  private burstGap(): number {
    this.inBurst++;
    if (this.inBurst < this.burst) return this.lineGap;
    this.inBurst = 0;
    // Idle long enough that the average rate is kept: a burst period is burst * meanGap.
    return Math.max(this.lineGap, this.burst * this.meanGap - (this.burst - 1) * this.lineGap);
  }
}
