/**
 * 6.15+: one iteration of cpu_map_kthread_run with GRO. The batch is consumed and the entry's
 * program run as before; the SKB heads come from the NAPI cache (napi_skb_cache_get_bulk); the
 * SKBs are built; the tracepoint fires (before the receive since 6.12); then each SKB goes to
 * gro_receive_skb, and GRO is flushed after 64 packets or when the ring is empty. The stack runs
 * once per SKB GRO sends up, however many segments it merged.
 * https://elixir.bootlin.com/linux/v6.15/C/ident/cpu_map_kthread_run
 */
import type { World } from '../world';
import type { Kthread } from './kthread';
import { COST, KERNEL } from '../sim/costModel';
import { bookStackVerdicts } from './netstack';
import { cpuMapGroFlush, GroNode, groReceiveSkb, NAPI_POLL_WEIGHT, TCP_HEADERS } from './gro';
import { PLACE_DELIVERED, PLACE_SKB, PLACE_STACK_DROP, place } from '../moves';
import { runEntryProg, runEntryProgOnSkbs } from './entryProgRun';
import type { LatencyHistogram } from '../stats/latencyHistogram';

const frames = new Int32Array(KERNEL.kthreadBatch);

/** The world and CPU of the batch being run, for sendUp (set at the start of each batch). */
let cur: World | null = null;
let curCpu = 0;

/**
 * The stack's work on one SKB GRO sends up at `at` (netif_receive_skb_core once, whatever it
 * merged): each of its frames gets the stack's verdict, and its latency to the stack is `at`.
 */
function sendUp(skbFrames: readonly number[], at: number): number {
  const w = cur as World;
  const end = at + w.stackNs;
  bookStackVerdicts(w.acct, w.stackDrops, w.stackNetRxDrop, skbFrames.length);
  const pool = w.pool;
  const lat = w.latency?.toStack[curCpu] ?? null;
  const verdict = place(w.stackDrops ? PLACE_STACK_DROP : PLACE_DELIVERED, curCpu);
  for (const f of skbFrames) {
    w.moves?.record(f, pool.flow[f], verdict, end);
    lat?.record(at - pool.bornAt[f]);
    pool.release(f);
  }
  return end;
}

/** The TCP payload of one of the scenario's frames, or 0 for UDP (which GRO never merges). */
function payloadOf(w: World): number {
  return w.scenario.traffic.kind === 'tcp' ? w.scenario.size - TCP_HEADERS : 0;
}

/**
 * One loop iteration's batch with GRO, starting at `now`. Returns when the stack work ends and
 * the time the tracepoint fires (`traceAt`, in `out`).
 */
export function batchGro(w: World, k: Kthread, now: number, out: { traceAt: number; processed: number }): number {
  const s = w.switches;
  const entry = k.entry;
  const gro = entry.gro ?? (entry.gro = new GroNode());
  cur = w;
  curCpu = k.cpu;
  const n = entry.ring.consumeBatched(frames, KERNEL.kthreadBatch);
  const lock = s.consumeBatched && !s.consumeUnlocked ? COST.consumeBatchedLock : 0;
  const dequeuedAt = now + COST.kthreadLoop + lock;
  let t = dequeuedAt + n * (s.consumeBatched ? COST.consumeBatchedPerFrame : COST.consumeInterleaved);
  // Generic XDP (mode=skb): the ring holds SKBs the RX CPU built; nothing is allocated or built here.
  const skbs = w.genericXdp;
  let m = n;
  if (entry.prog !== null) {
    const ran = skbs ? runEntryProgOnSkbs(w, k, entry.prog, frames, n, t) : n;
    m = skbs ? n - k.progDrop - k.progRedirect : runEntryProg(w, k, entry.prog, frames, n, t);
    t += ran * COST.entryProgPerFrame + k.progRedirect * COST.entryProgRedirect;
  }
  // Frames the program dropped or redirected never reach the stack: no latency (as before 6.15).
  recordDequeue(w, k.cpu, m, dequeuedAt);
  // The SKB heads (from the NAPI cache on 6.15), then each SKB is built around its frame.
  if (m > 0 && s.allocBulk && !skbs) t += COST.skbHeadAllocBulkCall;
  const build = skbs ? COST.genericSkbRemote : w.skbPerFrameNs - w.stackNs - (s.napiSkbCacheBulk ? COST.napiSkbCacheSaving : 0);
  if (w.moves !== null) {
    const skb = place(PLACE_SKB, k.cpu);
    for (let i = 0; i < m; i++) w.moves.record(frames[i], w.pool.flow[frames[i]], skb, t + i * build);
  }
  t += m * build;
  out.traceAt = t;
  out.processed = n;
  t = receive(w, gro, m, t);
  // Flush either every 64 packets or when the ring is empty (fully then).
  gro.packets += n;
  const empty = entry.ring.isEmpty();
  if (gro.packets >= NAPI_POLL_WEIGHT || empty) {
    t = cpuMapGroFlush(gro, empty, t, sendUp);
    gro.packets = 0;
  }
  cur = null;
  return t;
}

/** gro_receive_skb for each of the batch's `m` SKBs from `t`; returns when the stack work ends. */
function receive(w: World, gro: GroNode, m: number, t: number): number {
  const payload = payloadOf(w);
  const flow = w.pool.flow;
  for (let i = 0; i < m; i++) {
    const f = frames[i];
    const merged = gro.merged;
    t = groReceiveSkb(gro, f, flow[f], payload, t + COST.groReceive, sendUp);
    if (gro.merged !== merged) t += COST.groMergedSegment;
  }
  return t;
}

/** The batch left the ring in one call at `at`: each of the first `n` frames' time from its flush into the ring. */
function recordDequeue(w: World, cpu: number, n: number, at: number): void {
  const lat = w.latency;
  if (lat === null || n === 0) return;
  if (lat.toStack[cpu] === null) lat.create(cpu);
  const h = lat.flushToDequeue[cpu] as LatencyHistogram;
  for (let i = 0; i < n; i++) h.record(at - w.pool.flushedAt[frames[i]]);
}
