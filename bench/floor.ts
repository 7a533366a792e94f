/**
 * The floor: the least work any simulator must do to move LINE_RATE's traffic (4 RX queues hashing
 * over 4 cpumap targets) frame by frame. Frames are integer ids in typed arrays; per frame it
 * advances an arrival clock by a constant gap, picks a flow from a pre-drawn buffer, allocates an
 * id from a free list, writes it into its RX queue's NIC ring and takes it out, hashes the flow to
 * a target, appends it to that (RX queue, target) bulk of 8; a full bulk is produced into the
 * target's ptr_ring (an Int32Array, 0 = NULL), which is consumed in batches of 8, freeing the ids.
 *
 * It is a yardstick for the engine's overhead, not a model: no CPU time, no NAPI polls or budgets,
 * no interrupts, no kthread scheduling, no stack, no statistics; frames are never held back.
 * The consumed ids go into a checksum that the caller prints, so the JIT cannot drop the work.
 */

const RX_QUEUES = 4;
const TARGETS = 4;
const BULK = 8;
/** The NIC RX ring and the cpumap ptr_ring sizes (powers of two, as LINE_RATE's qsize 2048). */
const NIC_RING = 512;
const PTR_RING = 2048;
const FLOWS = 1024;
/** Pre-drawn flows, reused in a cycle. */
const FLOW_BUFFER = 1 << 16;
/** Frame ids 1..POOL (0 is NULL). */
const POOL = RX_QUEUES * TARGETS * BULK + TARGETS * PTR_RING + RX_QUEUES * NIC_RING;

export interface FloorResult {
  frames: number;
  /** A sum over every consumed id and the final clock: print it. */
  checksum: number;
}

function drawFlows(seed: number): Int32Array {
  const flows = new Int32Array(FLOW_BUFFER);
  let x = seed | 0 || 1;
  for (let i = 0; i < FLOW_BUFFER; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    flows[i] = (x >>> 0) % FLOWS;
  }
  return flows;
}

/** Moves `simNs` nanoseconds of traffic at `pps` frames per second through the floor. */
export function runFloor(simNs: number, pps: number, seed = 1): FloorResult {
  const gap = 1e9 / pps;
  const flows = drawFlows(seed);
  const free = new Int32Array(POOL);
  for (let i = 0; i < POOL; i++) free[i] = i + 1;
  let freeTop = POOL;
  const nic = new Int32Array(RX_QUEUES * NIC_RING);
  const nicProd = new Int32Array(RX_QUEUES);
  const nicCons = new Int32Array(RX_QUEUES);
  const bulk = new Int32Array(RX_QUEUES * TARGETS * BULK);
  const bulkCount = new Int32Array(RX_QUEUES * TARGETS);
  const ring = new Int32Array(TARGETS * PTR_RING);
  const ringProd = new Int32Array(TARGETS);
  const ringCons = new Int32Array(TARGETS);

  let checksum = 0;
  let frames = 0;
  let t = 0;
  for (; t < simNs; t += gap) {
    const flow = flows[frames & (FLOW_BUFFER - 1)];
    frames++;
    if (freeTop === 0) continue; // never with these sizes: every id is freed within a bulk or two
    const id = free[--freeTop];

    // RSS to an RX queue, through its NIC ring.
    const rx = flow & (RX_QUEUES - 1);
    const nicBase = rx * NIC_RING;
    const np = nicProd[rx];
    nic[nicBase + np] = id;
    nicProd[rx] = (np + 1) & (NIC_RING - 1);
    const nc = nicCons[rx];
    const got = nic[nicBase + nc];
    nicCons[rx] = (nc + 1) & (NIC_RING - 1);

    // The program's flow hash to a target, into the (RX queue, target) bulk.
    const target = Math.imul(flow, 0x9e3779b1) >>> 30; // the top 2 bits: one of 4
    const b = rx * TARGETS + target;
    const n = bulkCount[b];
    bulk[b * BULK + n] = got;
    if (n + 1 < BULK) {
      bulkCount[b] = n + 1;
      continue;
    }
    bulkCount[b] = 0;

    // Flush: produce the 8 into the target's ptr_ring (a full slot drops the frame).
    const base = target * PTR_RING;
    let prod = ringProd[target];
    for (let k = 0; k < BULK; k++) {
      const f = bulk[b * BULK + k];
      if (ring[base + prod] !== 0) {
        free[freeTop++] = f;
        continue;
      }
      ring[base + prod] = f;
      prod = (prod + 1) & (PTR_RING - 1);
    }
    ringProd[target] = prod;

    // The target's kthread consumes a batch of 8 and frees the ids.
    let cons = ringCons[target];
    for (let k = 0; k < BULK; k++) {
      const f = ring[base + cons];
      if (f === 0) break;
      ring[base + cons] = 0;
      cons = (cons + 1) & (PTR_RING - 1);
      checksum = (checksum + f) | 0;
      free[freeTop++] = f;
    }
    ringCons[target] = cons;
  }
  return { frames, checksum: (checksum + Math.floor(t)) | 0 };
}
