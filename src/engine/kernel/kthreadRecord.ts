/**
 * What a kthread batch leaves for the page and the statistics: each frame's way through SKB and
 * verdict (the journeys) and its latencies, recorded only when they are asked for.
 */
import type { World } from '../world';
import type { Kthread } from './kthread';
import { PLACE_DELIVERED, PLACE_SKB, PLACE_STACK_DROP, place, type MoveRecorder } from '../moves';
import { bucketOf, type LatencyHistogram } from '../stats/latencyHistogram';
import type { LatencyRecorder } from '../stats/latency';

/** Each frame of a batch becomes an SKB in turn, then the stack's verdict lands. */
export function recordSkbs(w: World, k: Kthread, frames: Int32Array, n: number, start: number, perFrame: number): void {
  const moves = w.moves as MoveRecorder;
  const skb = place(PLACE_SKB, k.cpu);
  const verdict = place(w.stackDrops ? PLACE_STACK_DROP : PLACE_DELIVERED, k.cpu);
  for (let i = 0; i < n; i++) {
    const f = frames[i];
    moves.record(f, w.pool.flow[f], skb, start + i * perFrame);
    moves.record(f, w.pool.flow[f], verdict, start + (i + 1) * perFrame);
  }
}

/**
 * Books each frame of a batch in its CPU's latency histograms (stats/latency.ts): frame i's turn
 * starts at `start + i * perFrame` and its SKB goes to the stack (netif_receive_skb_core) once it
 * is built, the stack's own cost before the turn ends; it left the ring at
 * `dequeuedAt + i * dequeueStep`.
 */
export function recordLatency(
  w: World,
  lat: LatencyRecorder,
  cpu: number,
  frames: Int32Array,
  n: number,
  dequeuedAt: number,
  dequeueStep: number,
  start: number,
  perFrame: number,
): void {
  if (n === 0) return;
  const toStack = lat.toStack[cpu] ?? lat.create(cpu);
  const flushToDequeue = lat.flushToDequeue[cpu] as LatencyHistogram;
  const bornAt = w.pool.bornAt;
  const flushedAt = w.pool.flushedAt;
  const handedAt = start + perFrame - w.stackNs;
  const c1 = toStack.counts;
  const c2 = flushToDequeue.counts;
  let max1 = toStack.max;
  let max2 = flushToDequeue.max;
  for (let i = 0; i < n; i++) {
    const f = frames[i];
    const a = handedAt + i * perFrame - bornAt[f];
    const b = dequeuedAt + i * dequeueStep - flushedAt[f];
    c1[bucketOf(a)]++;
    c2[bucketOf(b)]++;
    if (a > max1) max1 = a;
    if (b > max2) max2 = b;
  }
  toStack.max = max1;
  flushToDequeue.max = max2;
  toStack.count += n;
  flushToDequeue.count += n;
}
