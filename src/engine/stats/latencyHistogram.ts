/**
 * A fixed log-linear histogram of latencies in ns (HDR style), recorded without allocating:
 * values below 32 ns have a bucket per ns; above, each power of two [2^k, 2^(k+1)) is cut into 32
 * equal sub-buckets, up to 2^37 ns (about 137 s; longer values land in the last bucket). Below
 * 64 ns a bucket is 1 ns wide and reports its own (whole) value; above, a bucket is at most 1/32
 * of its lower bound wide and reports its midpoint, within 1/64 (1.6 %) of any value in it. So a
 * percentile is as coarse as that: about ±1.6 %. The exact maximum is kept beside the buckets.
 */

const SUB_BITS = 5;
/** Linear sub-buckets per power of two. */
export const SUB_BUCKETS = 1 << SUB_BITS;
/** Values at or above 2^MAX_EXP ns share the last bucket. */
const MAX_EXP = 37;
export const BUCKET_COUNT = SUB_BUCKETS + (MAX_EXP - SUB_BITS) * SUB_BUCKETS;

/** 2^(k - SUB_BITS) for each exponent k: the bucket width within [2^k, 2^(k+1)). */
const WIDTH = new Float64Array(MAX_EXP + 1);
for (let k = SUB_BITS; k <= MAX_EXP; k++) WIDTH[k] = 2 ** (k - SUB_BITS);

/**
 * The bucket of a value of 32 or more is read off its IEEE 754 bits: the high word shifted right
 * by 15 is the biased exponent followed by the mantissa's top SUB_BITS bits, i.e. the power of two
 * and which of its 32 parts. One store and one load per value: this runs for every frame.
 */
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: word 1
const EXP_BIAS = 1023;
const OFFSET = ((EXP_BIAS + SUB_BITS) << SUB_BITS) - SUB_BUCKETS;

/** The bucket of a latency of `ns` (negative values count as 0). */
export function bucketOf(ns: number): number {
  if (ns < 2147483648) {
    // Integer arithmetic below 2^31 ns (2.1 s), which is every latency but a stuck frame's.
    const v = ns | 0;
    if (v < SUB_BUCKETS) return v > 0 ? v : 0;
    const k = 31 - Math.clz32(v);
    return ((k - SUB_BITS) << SUB_BITS) + (v >>> (k - SUB_BITS));
  }
  bits[0] = ns;
  const b = (words[HIGH] >>> (20 - SUB_BITS)) - OFFSET;
  return b < BUCKET_COUNT ? b : BUCKET_COUNT - 1;
}

/** The smallest value of bucket `i`, and its width. */
export function bucketLower(i: number): number {
  if (i < SUB_BUCKETS) return i;
  const j = i - SUB_BUCKETS;
  const k = SUB_BITS + Math.floor(j / SUB_BUCKETS);
  return (SUB_BUCKETS + (j % SUB_BUCKETS)) * WIDTH[k];
}

export function bucketWidth(i: number): number {
  return i < SUB_BUCKETS ? 1 : WIDTH[SUB_BITS + Math.floor((i - SUB_BUCKETS) / SUB_BUCKETS)];
}

/** The value reported for bucket `i`: its own value when 1 ns wide, else its midpoint. */
export function bucketValue(i: number): number {
  const width = bucketWidth(i);
  return width === 1 ? bucketLower(i) : bucketLower(i) + width / 2;
}

export class LatencyHistogram {
  readonly counts = new Float64Array(BUCKET_COUNT);
  count = 0;
  /** The largest value recorded, exactly (-1 when none). */
  max = -1;

  record(ns: number): void {
    this.counts[bucketOf(ns)]++;
    this.count++;
    if (ns > this.max) this.max = ns;
  }

  reset(): void {
    if (this.count === 0) return;
    this.counts.fill(0);
    this.count = 0;
    this.max = -1;
  }

  /**
   * The value at quantile `q` (0..1; nearest rank): its bucket's value, never above the exact
   * maximum, so p50 <= p99 <= max always holds. NaN when nothing was recorded.
   */
  quantile(q: number): number {
    if (this.count <= 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(bucketValue(i), this.max);
    }
    return this.max;
  }
}

/** Adds `other`'s values to `into` (two windows merged into one). */
export function mergeInto(into: LatencyHistogram, other: LatencyHistogram): void {
  for (let i = 0; i < BUCKET_COUNT; i++) into.counts[i] += other.counts[i];
  into.count += other.count;
  if (other.max > into.max) into.max = other.max;
}

/**
 * Takes an earlier snapshot's values out of `from` (what was recorded since it). A maximum cannot
 * be taken apart: it stays the exact one while its bucket still holds values (which may then be
 * the earlier snapshot's), else becomes the highest remaining bucket's upper bound. The engine
 * resets per window instead (see LatencyRecorder), which keeps each window's maximum exact.
 */
export function subtractFrom(from: LatencyHistogram, earlier: LatencyHistogram): void {
  let top = -1;
  for (let i = 0; i < BUCKET_COUNT; i++) {
    from.counts[i] -= earlier.counts[i];
    if (from.counts[i] > 0) top = i;
  }
  from.count -= earlier.count;
  if (top < 0) from.max = -1;
  else if (bucketOf(from.max) !== top) from.max = bucketLower(top) + bucketWidth(top);
}
