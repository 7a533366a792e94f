/** Indexes of `Cpu.busyNs` (cpu.ts): what a CPU's time went to. A file of its own so the page and the statistics can use them without the scheduler. */
export const BUSY_SOFTIRQ = 0;
export const BUSY_KSOFTIRQD = 1;
export const BUSY_KTHREAD = 2;
export const BUSY_SWITCH = 3;
/** How many there are (the length of `Cpu.busyNs`). */
export const BUSY_KINDS = 4;
