/** The statistics intervals the page offers: 10 µs to 1 s of simulated time in 1-2-5 steps. */

/** Interval choices in simulated ns, ascending. */
export const INTERVALS: readonly number[] = (() => {
  const out: number[] = [];
  for (let exp = 4; exp < 9; exp++) for (const m of [1, 2, 5]) out.push(m * 10 ** exp);
  out.push(1e9);
  return out;
})();

/** An interval in words: "10 µs", "2 ms", "1 s" (any ns value, not only the choices). */
export function intervalLabel(ns: number): string {
  // toPrecision keeps labels short and hides float noise such as 0.30000000000000004.
  const short = (x: number): string => String(Number(x.toPrecision(3)));
  if (ns >= 1e9) return `${short(ns / 1e9)} s`;
  if (ns >= 1e6) return `${short(ns / 1e6)} ms`;
  if (ns >= 1e3) return `${short(ns / 1e3)} µs`;
  return `${short(ns)} ns`;
}
