/** The window a sweep point is measured over on the page: 100 ms simulated after a 20 ms warm-up. */
export const PAGE_SWEEP_WINDOW = { warmupNs: 20e6, durationNs: 120e6 };
