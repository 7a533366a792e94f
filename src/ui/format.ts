/**
 * How the page writes simulated time and speeds, and the notches of the speed slider.
 * Speeds are simulated nanoseconds per wall second (the worker protocol's unit).
 */

/** Real time: one simulated second per wall second. */
export const REAL_TIME = 1e9;

/**
 * The speed slider's notches, logarithmic in a 1-2-5 sequence from 1 ns per second to real time,
 * then "as fast as possible". Round values read well in words ("20 µs per second").
 */
export const SPEED_NOTCHES: readonly number[] = (() => {
  const out: number[] = [];
  for (let exp = 0; exp < 9; exp++) for (const m of [1, 2, 5]) out.push(m * 10 ** exp);
  out.push(REAL_TIME, Infinity);
  return out;
})();

/** The speed the explorer starts at: 2 µs of simulated time per second, so frames visibly move. */
export const INITIAL_SPEED = 2000;

/** The notch nearest to `speed` (on a log scale). */
export function nearestNotch(speed: number): number {
  if (speed === Infinity) return SPEED_NOTCHES.length - 1;
  let best = 0;
  for (let i = 0; i < SPEED_NOTCHES.length - 1; i++) {
    if (Math.abs(Math.log(SPEED_NOTCHES[i] / speed)) < Math.abs(Math.log(SPEED_NOTCHES[best] / speed))) best = i;
  }
  return best;
}

/** The speed one notch up (`+1`) or down (`-1`) from `speed`, kept within the slider. */
export function stepSpeed(speed: number, direction: 1 | -1): number {
  const i = Math.min(Math.max(nearestNotch(speed) + direction, 0), SPEED_NOTCHES.length - 1);
  return SPEED_NOTCHES[i];
}

/** Three significant digits at most, without trailing zeros ("62.5", "2", "333"). */
function short(x: number): string {
  return String(Number(x.toPrecision(3)));
}

/** A speed in words: "1 ns per second", "10 µs per second", "real time", "as fast as possible". */
export function speedWords(speed: number): string {
  if (speed === Infinity) return 'as fast as possible';
  if (!(speed > 0)) return 'stopped';
  // Measured speeds near real time are "real time" too; a few percent is noise here.
  if (Math.abs(speed / REAL_TIME - 1) < 0.005) return 'real time';
  if (speed > REAL_TIME) return `${short(speed / REAL_TIME)}× real time`;
  if (speed < 1e3) return `${short(speed)} ns per second`;
  if (speed < 1e6) return `${short(speed / 1e3)} µs per second`;
  return `${short(speed / 1e6)} ms per second`;
}

/** Simulated time as the clock shows it: "1.234567 ms" (nanosecond digits), seconds from 1 s. */
export function formatSimTime(ns: number): string {
  if (ns < 1e9) return `${(ns / 1e6).toFixed(6)} ms`;
  return `${(ns / 1e9).toFixed(9)} s`;
}

/** A speed from the URL (`speed=2000`, `speed=max`), or null when absent or unreadable. */
export function parseSpeedParam(text: string | null): number | null {
  if (text === null) return null;
  if (text === 'max' || text === 'inf' || text === 'Infinity') return Infinity;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? Math.min(n, REAL_TIME) : null;
}
