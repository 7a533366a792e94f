/**
 * Where individual frames go, for the animation: "frame F is at place P from time T". The
 * renderer interpolates a frame's position between two consecutive records, as RaftScope does
 * with a message's send and receive times; the engine never deals in pixels.
 *
 * Recording is off unless a caller turns it on (the explorer does so at speeds where single
 * frames are visible). Records live in typed arrays and are drained in bulk.
 */

/** Place kinds, in the high byte of a place code. */
export const PLACE_NIC = 1; // NIC RX queue: low bits = queue index
export const PLACE_XDP = 2; // in the XDP program on a CPU
export const PLACE_BQ = 3; // a bulk queue: entry uid << 8 | cpu
export const PLACE_RING = 4; // an entry's ptr_ring: entry uid
export const PLACE_SKB = 5; // being built into an SKB and handed to the stack on a CPU
export const PLACE_DELIVERED = 6; // the stack accepted it (NET_RX_SUCCESS) on a CPU
export const PLACE_NIC_DROP = 7; // dropped at a full NIC ring: queue index (frame id -1)
export const PLACE_XDP_DROP = 8; // XDP_DROP / XDP_ABORTED on a CPU
export const PLACE_REDIRECT_ERR = 9; // redirect to an empty slot, on a CPU
export const PLACE_RING_FULL = 10; // refused by a full ptr_ring: entry uid
export const PLACE_STACK_DROP = 11; // NET_RX_DROP on a CPU
export const PLACE_REDIRECTED = 12; // 5.9+: an entry's program sent it on with XDP_REDIRECT, on a CPU

export function place(kind: number, value: number): number {
  return kind * 0x1000000 + value;
}
export function placeKind(code: number): number {
  return Math.floor(code / 0x1000000);
}
export function placeValue(code: number): number {
  return code % 0x1000000;
}
/** Whether a place ends a frame's journey. */
export function isTerminal(kind: number): boolean {
  return kind >= PLACE_DELIVERED;
}

/** A batch of records drained from the recorder (transferable buffers). */
export interface MoveBatch {
  count: number;
  frame: Int32Array;
  place: Int32Array;
  at: Float64Array;
  /** Flow of each frame (for colouring). */
  flow: Int32Array;
}

export class MoveRecorder {
  private frame: Int32Array;
  private place: Int32Array;
  private at: Float64Array;
  private flow: Int32Array;
  count = 0;
  /** Records refused because the buffer was full since the last drain. */
  overflow = 0;

  constructor(readonly capacity = 1 << 16) {
    this.frame = new Int32Array(capacity);
    this.place = new Int32Array(capacity);
    this.at = new Float64Array(capacity);
    this.flow = new Int32Array(capacity);
  }

  record(frame: number, flow: number, placeCode: number, at: number): void {
    const i = this.count;
    if (i === this.capacity) {
      this.overflow++;
      return;
    }
    this.frame[i] = frame;
    this.flow[i] = flow;
    this.place[i] = placeCode;
    this.at[i] = at;
    this.count = i + 1;
  }

  /** Hands the records over (copies sized to the count) and starts afresh. */
  drain(): MoveBatch {
    const n = this.count;
    const out: MoveBatch = {
      count: n,
      frame: this.frame.slice(0, n),
      place: this.place.slice(0, n),
      at: this.at.slice(0, n),
      flow: this.flow.slice(0, n),
    };
    this.count = 0;
    this.overflow = 0;
    return out;
  }
}
