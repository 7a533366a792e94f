/**
 * Where every offered frame is: the terminal buckets, and those still in flight (they add up to
 * offered). The engine counts them (Engine.frameTotals); snapshots, reports and the page show them.
 */
export interface FrameTotals {
  offered: number;
  nicDropped: number;
  xdpDropped: number;
  redirectErr: number;
  ringFull: number;
  stackDropped: number;
  delivered: number;
  /** 5.9+: frames an entry's program sent on with XDP_REDIRECT from the kthread (where to is not modelled). */
  redirected: number;
  inFlight: number;
}

/** Every bucket at zero: a run before its first frame. */
export function noFrameTotals(): FrameTotals {
  return {
    offered: 0,
    nicDropped: 0,
    xdpDropped: 0,
    redirectErr: 0,
    ringFull: 0,
    stackDropped: 0,
    delivered: 0,
    redirected: 0,
    inFlight: 0,
  };
}
