/**
 * Seeded pseudo-random numbers (sfc32, Chris Doty-Humphrey's Small Fast Counting generator).
 *
 * Hand-written rather than a library because it sits on the per-frame hot path: one call per
 * Poisson arrival and per flow choice, tens of millions per simulated second, and it must not
 * allocate. Integer arithmetic only, so Node and every browser give the same sequence.
 */
export class Rng {
  /** State a, b, c, d. A typed array, because 32-bit values in plain fields would be boxed. */
  private readonly s = new Int32Array(4);

  /** A generator for `seed`, on the independent stream `stream` (e.g. one per RX queue). */
  constructor(seed: number, stream = 0) {
    const s = this.s;
    s[0] = 0x9e3779b9 ^ (seed >>> 0);
    s[1] = 0x243f6a88 ^ Math.imul(stream + 1, 0x85ebca6b);
    s[2] = 0xb7e15162 ^ Math.imul(seed >>> 0, 0xc2b2ae35);
    s[3] = 1;
    // Mix the state so nearby seeds and streams diverge at once.
    for (let i = 0; i < 15; i++) this.nextU32();
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /**
   * Fills `out` with uniforms in [0, 1). The hot path draws its numbers in blocks like this:
   * a double returned from a call that is not inlined would be boxed, one allocation per frame.
   */
  fillUniform(out: Float64Array): void {
    const s = this.s;
    let a = s[0];
    let b = s[1];
    let c = s[2];
    let d = s[3];
    for (let i = 0; i < out.length; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      out[i] = (t >>> 0) / 4294967296;
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Exponentially distributed with the given mean (Poisson inter-arrival times). */
  exponential(mean: number): number {
    // 1 - u is in (0, 1], so the logarithm is finite.
    return -Math.log(1 - this.next()) * mean;
  }
}

/** A 32-bit integer hash with good avalanche (murmur3's finalizer); stands in for the NIC's RSS hash. */
export function hash32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
