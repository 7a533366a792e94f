/**
 * The cpumap entry's GRO instance (6.15+, `struct gro_node` in the entry): what the kthread's
 * gro_receive_skb does with each SKB, and cpu_map_gro_flush. Only what decides when segments are
 * merged and when an SKB goes up is modelled:
 * - SKBs are kept in GRO_HASH_BUCKETS lists by flow hash, at most MAX_GRO_SKBS held per bucket
 *   (a new flow in a full bucket sends the bucket's oldest SKB up: gro_flush_oldest);
 * - a TCP-like segment of a flow GRO holds is merged into it unless the merged SKB would reach
 *   64 KB (skb_gro_receive's -E2BIG: the held SKB goes up and the segment is held instead);
 * - UDP datagrams are never merged (no socket asked for UDP GRO): each goes up at once;
 * - a flush sends up every held SKB when the ring is empty, and otherwise only those held since
 *   an earlier jiffy (gro_flush with flush_old, HZ=1000).
 * https://elixir.bootlin.com/linux/v6.15/C/ident/cpu_map_gro_flush
 * https://elixir.bootlin.com/linux/v6.15/C/ident/gro_receive_skb
 * https://elixir.bootlin.com/linux/v6.15/C/ident/skb_gro_receive
 */
import { hash32 } from '../sim/rng';

/** GRO_HASH_BUCKETS: lists of held SKBs, by flow hash. */
export const GRO_HASH_BUCKETS = 8;
/** MAX_GRO_SKBS: held SKBs per bucket. */
export const MAX_GRO_SKBS = 8;
/** The default gro_max_size: a merged SKB stays below 64 KB. */
export const GRO_MAX_SIZE = 65_536;
/** NAPI_POLL_WEIGHT: the kthread flushes GRO after this many packets (or on an empty ring). */
export const NAPI_POLL_WEIGHT = 64;
/** Ethernet, IPv4 and TCP headers (no options): a TCP-like frame's payload is the rest. */
export const TCP_HEADERS = 54;
/** IPv4 and TCP headers: a merged SKB's length counts them once. */
const IP_TCP_HEADERS = 40;
/** One jiffy at HZ=1000, in ns: what "held since an earlier jiffy" is measured in. */
const JIFFY = 1_000_000;

/** One SKB GRO holds: a flow's segments merged so far. */
export interface HeldSkb {
  flow: number;
  /** IP length of the merged SKB (headers once, every segment's payload). */
  len: number;
  /** The jiffy its first segment arrived (NAPI_GRO_CB(skb)->age). */
  age: number;
  /** The frames merged into it, first first. */
  frames: number[];
}

/** Receives each SKB GRO sends up (held or not); returns the time its stack work ends. */
export type SendUp = (frames: readonly number[], at: number) => number;

export class GroNode {
  /** Held SKBs per bucket, oldest first. */
  readonly buckets: HeldSkb[][] = Array.from({ length: GRO_HASH_BUCKETS }, () => []);
  /** Frames held in all buckets. */
  frames = 0;
  /** SKBs sent up so far and the segments in them (a merged SKB counts once). */
  skbsUp = 0;
  segmentsUp = 0;
  /** Segments merged into an SKB GRO already held (every segment of a merged SKB but its first). */
  merged = 0;
  /** The kthread's `packets`: frames consumed since the last flush. */
  packets = 0;
  /** A datagram's SKB, as the frame list sendUp receives (reused). */
  readonly single: number[] = [0];
}

/** The jiffy of time `t` (ns). */
export function jiffyOf(t: number): number {
  return Math.floor(t / JIFFY);
}

/** The bucket of a flow: the SKB's flow hash, masked. */
function bucketOf(flow: number): number {
  return hash32(flow ^ 0x27d4eb2d) & (GRO_HASH_BUCKETS - 1);
}

function sendHeld(gro: GroNode, held: HeldSkb, at: number, up: SendUp): number {
  gro.frames -= held.frames.length;
  gro.skbsUp++;
  gro.segmentsUp += held.frames.length;
  return up(held.frames, at);
}

/**
 * gro_receive_skb for frame `frame` of `flow` at `at`. `payload` is its TCP payload, or 0 for a
 * UDP datagram, which is sent up at once. Returns when the stack work this caused ends; a segment
 * that joined an SKB GRO already held is counted in `gro.merged`.
 */
export function groReceiveSkb(gro: GroNode, frame: number, flow: number, payload: number, at: number, up: SendUp): number {
  if (payload === 0) {
    const one = gro.single;
    one[0] = frame;
    gro.skbsUp++;
    gro.segmentsUp++;
    return up(one, at);
  }
  const bucket = gro.buckets[bucketOf(flow)];
  let t = at;
  for (let i = 0; i < bucket.length; i++) {
    const held = bucket[i];
    if (held.flow !== flow) continue;
    if (held.len + payload < GRO_MAX_SIZE) {
      held.len += payload;
      held.frames.push(frame);
      gro.frames++;
      gro.merged++;
      return t;
    }
    // -E2BIG: the held SKB goes up; this segment starts a new one.
    bucket.splice(i, 1);
    t = sendHeld(gro, held, t, up);
    break;
  }
  // A new flow in a full bucket: its oldest SKB goes up (gro_flush_oldest).
  if (bucket.length >= MAX_GRO_SKBS) t = sendHeld(gro, bucket.shift() as HeldSkb, t, up);
  bucket.push({ flow, len: IP_TCP_HEADERS + payload, age: jiffyOf(at), frames: [frame] });
  gro.frames++;
  return t;
}

/**
 * cpu_map_gro_flush: with the ring empty, every held SKB goes up (a full flush); otherwise only
 * those held since an earlier jiffy (HZ >= 1000). Buckets in order, each oldest first, as
 * __gro_flush walks them. Returns when the stack work ends.
 */
export function cpuMapGroFlush(gro: GroNode, empty: boolean, at: number, up: SendUp): number {
  let t = at;
  const now = jiffyOf(at);
  for (const bucket of gro.buckets) {
    let kept = 0;
    for (let i = 0; i < bucket.length; i++) {
      const held = bucket[i];
      if (!empty && held.age === now) bucket[kept++] = held;
      else t = sendHeld(gro, held, t, up);
    }
    bucket.length = kept;
  }
  return t;
}
