/** The simulation worker's pacing, history and start-time settings (no engine here: the page imports some). */

/** Default statistics interval: 1 ms of simulated time. */
export const DEFAULT_STATS_INTERVAL_NS = 1e6;
/** Statistics samples kept for going back in time (the page's charts keep as many). */
export const STATS_HISTORY = 600;
/** Simulated time a fast-forward runs between two looks at the checkpoint clock. */
export const FAST_FORWARD_SLICE_NS = 1e6;

/** Wall ms between ticks: one display frame, so at most ~60 'frame' messages a second. */
export const FRAME_MS = 16;
/** Wall time a tick may use when the engine cannot keep up (the rest goes to posting a frame). */
export const FLAT_OUT_BUDGET_MS = 14;
/** Fastest speed at which single frames can be followed by eye; above it journeys are not recorded. */
export const MOVES_MAX_SPEED = 1e6;
/** Speed before the page asks for another: slow enough to watch frames move (2 µs a second). */
export const DEFAULT_SPEED = 2000;
/** Latest start time a 'load' may ask for (10 s of simulated time, run at once). */
export const MAX_START_NS = 10e9;
/**
 * During long synchronous work (a link's start time, a long run or replay) the worker tells the
 * page it is alive this often: the page's heartbeat gives up after a few seconds of silence.
 */
export const ALIVE_EVERY_MS = 500;
