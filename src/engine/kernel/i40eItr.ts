/**
 * i40e's adaptive interrupt moderation for one RX queue: the interrupt throttle rate (ITR) that
 * the driver reprograms at each napi_complete_done from the packets and bytes of the last
 * interrupt cycle (i40e_update_itr, i40e_update_enable_itr in
 * drivers/net/ethernet/intel/i40e/i40e_txrx.c).
 * https://elixir.bootlin.com/linux/v5.2/source/drivers/net/ethernet/intel/i40e/i40e_txrx.c#L1000
 *
 * Few packets per interrupt (1 to 3) put the queue in low-latency mode at 2 us; 4 to 55 raise
 * the delay 2 us at a time up to 126 us; 56 to 112 keep it; 113 to 256 halve it; more than 256
 * switch to bulk mode, whose delay comes from the average frame size and the link speed. An
 * interrupt cycle longer than a jiffy (NAPI kept polling, or traffic stopped) starts over from
 * the low-latency default.
 *
 * Simplified: the queue's TX half is idle (cpumap redirects send nothing on it), so the TX
 * container stays at its default (126 us, latency mode) and never wins the "min of TX and RX"
 * in the 56..256 band or the lazy one-ITR-per-interrupt choice; ITR values stay in usecs (the
 * register's 2 us granularity is the algorithm's MIN_INC steps).
 */

/** I40E_ITR_ADAPTIVE_MIN_USECS: the shortest adaptive interval. */
export const ITR_MIN_USECS = 2;
/** I40E_ITR_ADAPTIVE_MAX_USECS: the longest adaptive interval. */
export const ITR_MAX_USECS = 126;
/** I40E_ITR_ADAPTIVE_MIN_INC: the step, and the register's granularity. */
const ITR_MIN_INC = 2;
/** I40E_ITR_ADAPTIVE_LATENCY: the flag bit marking low-latency mode. */
const ITR_LATENCY = 0x8000;
const ITR_MASK = 0x1ffe;
/** I40E_ITR_20K | I40E_ITR_DYNAMIC: the RX default, 50 us (20,000 interrupts a second). */
const ITR_RX_DEFAULT_USECS = 50;
/** ITR_COUNTDOWN_START: interrupts whose statistics are ignored after a new ITR is written. */
const ITR_COUNTDOWN_START = 3;
/** One jiffy at HZ=1000, in ns. */
const JIFFY_NS = 1_000_000;

/** One RX queue's adaptive ITR state (struct i40e_ring_container plus the vector's countdown). */
export class RxItr {
  /** target_itr: the next value to program, with the latency flag. */
  target = ITR_RX_DEFAULT_USECS;
  /** current_itr: the interval the hardware throttles this queue's interrupt to, in usecs. */
  current = ITR_RX_DEFAULT_USECS;
  /** total_packets / total_bytes since the last update. */
  packets = 0;
  bytes = 0;
  /** next_update: the jiffy by which the next update is expected. */
  nextUpdate = 0;
  /** itr_countdown. */
  countdown = 0;
  /** Link speed in Gbit/s, for i40e_itr_divisor. */
  constructor(readonly linkGbps: number) {}

  /** The throttle interval in ns. */
  get intervalNs(): number {
    return this.current * 1000;
  }

  /** i40e_clean_rx_irq adds each poll's frames and bytes to the container. */
  count(frames: number, frameBytes: number): void {
    this.packets += frames;
    this.bytes += frames * frameBytes;
  }
}

/** i40e_itr_divisor: the ITR formula's scale for the link speed. */
function itrDivisor(linkGbps: number): number {
  if (linkGbps >= 40) return ITR_MIN_INC * 1024;
  if (linkGbps >= 20) return ITR_MIN_INC * 512;
  if (linkGbps >= 10) return ITR_MIN_INC * 256;
  return ITR_MIN_INC * 32;
}

/** The bulk (or latency) delay for the average frame size: the adjust_by_size block. */
function adjustBySize(itr: number, packets: number, bytes: number, linkGbps: number): number {
  const avg = Math.floor(bytes / packets);
  let scaled: number;
  if (avg <= 60) scaled = 4096;
  else if (avg <= 380) scaled = avg * 40 + 1696;
  else if (avg <= 1084) scaled = avg * 15 + 11452;
  else if (avg <= 1980) scaled = avg * 5 + 22420;
  else scaled = 32256;
  if (itr & ITR_LATENCY) scaled = Math.floor(scaled / 2);
  itr += Math.ceil(scaled / itrDivisor(linkGbps)) * ITR_MIN_INC;
  return capped(itr);
}

function capped(itr: number): number {
  if ((itr & ITR_MASK) > ITR_MAX_USECS) return (itr & ITR_LATENCY) + ITR_MAX_USECS;
  return itr;
}

/** i40e_update_itr for the RX container at `now` (ns). */
export function i40eUpdateItr(rc: RxItr, now: number): void {
  const jiffies = Math.floor(now / JIFFY_NS);
  let itr = ITR_MIN_USECS | ITR_LATENCY;
  const packets = rc.packets;
  const bytes = rc.bytes;
  // More than a jiffy since the last update: traffic too sparse, or NAPI handled the load
  // without interrupts; start over from the low-latency default.
  if (jiffies > rc.nextUpdate) {
    // (goto clear_counts with the default)
  } else if (rc.countdown > 0) {
    // A new ITR was written within the last interrupts: their statistics are not trusted.
    itr = rc.target;
  } else if (packets > 0 && packets < 4 && bytes < 9000) {
    // Latency driven (the idle TX half is in latency mode).
    itr = adjustBySize(ITR_LATENCY, packets, bytes, rc.linkGbps);
  } else if (packets < 56) {
    itr = capped(rc.target + ITR_MIN_INC);
  } else if (packets <= 256) {
    // min(tx.current_itr, rx.current_itr): the idle TX half sits at the maximum.
    itr = rc.current & ITR_MASK;
    if (packets > 112) itr = Math.max(ITR_MIN_USECS, (itr >> 1) & ITR_MASK);
  } else {
    itr = adjustBySize(0, packets, bytes, rc.linkGbps);
  }
  rc.target = itr;
  rc.nextUpdate = jiffies + 1;
  rc.packets = 0;
  rc.bytes = 0;
}

/**
 * i40e_update_enable_itr at napi_complete_done: update the target, then write it to the
 * hardware if it differs (restarting the countdown), or just re-enable the interrupt.
 */
export function i40eUpdateEnableItr(rc: RxItr, now: number): void {
  i40eUpdateItr(rc, now);
  const target = rc.target & ITR_MASK;
  if (target !== rc.current) {
    rc.current = target;
    rc.countdown = ITR_COUNTDOWN_START;
  } else if (rc.countdown > 0) {
    rc.countdown--;
  }
}
