/**
 * The project's own annotated pseudocode of the kernel functions the simulator models, for the
 * Kernel code panel. Written from the behaviour of kernel/bpf/cpumap.c from v5.0 to v6.18, in our
 * words (no kernel text is copied). Step ids are the ones `src/worker/inspect.ts` puts in
 * `inspection.code.step`, so the panel can highlight where the selected element is. A step id is
 * unique within a function in each version: a line that moved (or was rewritten) in a release
 * keeps its id on both versions of the line, each tagged with its versions.
 */

import { KERNEL_VERSIONS, kernelAtLeast } from '../../../scenario/kernels';
import type { KernelVersion } from '../../../scenario/types';

/** Kernel versions the simulator models. */
export type PseudoVersion = KernelVersion;

/** One line of pseudocode. */
export interface PseudoLine {
  /** The line, already indented with two spaces per level. */
  text: string;
  /** Step id the worker may report for this line (unique within the function in each version). */
  step?: string;
  /** Present in these versions only; untagged lines are in every version. */
  only?: readonly PseudoVersion[];
  /** Line in the v5.0 cpumap.c, for an exact upstream anchor (only for lines that exist in v5.0). */
  line50?: number;
}

/** A function's pseudocode. */
export interface PseudoFunction {
  /** Kernel function name, as in `inspection.code.fn`. */
  fn: string;
  /** Other `fn` values that show this pseudocode. */
  aliases?: readonly string[];
  /** What the function is for, in one sentence. */
  summary: string;
  /** The function changed between versions (then some lines carry `only`). */
  differs: boolean;
  lines: readonly PseudoLine[];
}

/** The modelled versions that have the change merged in `release`. */
function since(release: string): readonly KernelVersion[] {
  return KERNEL_VERSIONS.filter((k) => kernelAtLeast(k, release));
}
/** The modelled versions before `release`. */
function before(release: string): readonly KernelVersion[] {
  return KERNEL_VERSIONS.filter((k) => !kernelAtLeast(k, release));
}

const V50 = ['5.0'] as const;
/** The 2019 bulk series' kthread, kept by every later version. */
const FROM_V52 = since('5.2');
/** ptr_ring_consume_batched under the consumer lock, until 5.9. */
const LOCKED_BATCH = FROM_V52.filter((k) => !kernelAtLeast(k, '5.9'));
/** The flush_needed bitmap, replaced in 5.3 by the flush list. */
const BITMAP = before('5.3');
const FLUSH_LIST = since('5.3');
/** __cpu_map_entry_free flushed the bulk queues until 5.6 ("xdp: simplify cpumap cleanup"). */
const ENTRY_FREE_FLUSHES = before('5.6');
const FROM_V56 = since('5.6');
/** struct bpf_cpumap_val: an XDP program per entry, run in the kthread. */
const ENTRY_PROG = since('5.9');
/** Generic (SKB-mode) XDP redirects SKBs into the ring, bit 0 of the pointer set. */
const GENERIC = since('5.15');
/** The entry's allocation waits for its kthread to run (a completion). */
const WAITS_FOR_KTHREAD = since('6.5');
/** Teardown by queue_rcu_work, without a refcount or a kthread-stop work item. */
const RCU_WORK = since('6.6');
/** rcu_softirq_qs_periodic while the ring keeps the kthread busy. */
const QS_PERIODIC = since('6.9');
/** The kthread's tracepoint moved before the receive. */
const TRACE_FIRST = since('6.12');
/** GRO in the kthread and SKB heads from the NAPI cache. */
const GRO = since('6.15');

/** The modelled versions in [from, to): `from` inclusive, `to` exclusive. */
function between(from: string, to: string): readonly KernelVersion[] {
  return KERNEL_VERSIONS.filter((k) => kernelAtLeast(k, from) && !kernelAtLeast(k, to));
}

/** Whether a pseudocode line is in the code of `kernel`. */
export function lineInVersion(line: PseudoLine, kernel: PseudoVersion): boolean {
  return line.only === undefined || line.only.includes(kernel);
}

const kthreadRun: PseudoFunction = {
  fn: 'cpu_map_kthread_run',
  summary:
    'The per-entry kthread, pinned to the target CPU: it turns frames from the ring into SKBs for the network stack, and sleeps when the ring is empty.',
  differs: true,
  lines: [
    { text: 'complete(kthread_running): the update waiting in __cpu_map_entry_alloc may return', step: 'running', only: WAITS_FOR_KTHREAD },
    { text: 'mark this task interruptible before the first loop test', line50: 240 },
    { text: 'while no stop was requested, or the ring still holds frames:', step: 'top', line50: 247 },
    { text: '  if the ring looks empty:', line50: 252 },
    { text: '    set state TASK_INTERRUPTIBLE (announce the sleep first)', step: 'setState', line50: 253 },
    { text: '    test the ring again, so a wake-up that came in between is not lost', step: 'recheck', line50: 255 },
    { text: '      schedule(): sleep until __cpu_map_flush or kthread_stop wakes us', step: 'sleeping', line50: 256 },
    { text: '      woken: sched = 1, go on to the batch', step: 'afterSleep', line50: 257 },
    { text: '      (and the quiescent-state clock restarts: a sleep is one)', only: QS_PERIODIC },
    { text: '    else frames arrived meanwhile: back to TASK_RUNNING', line50: 259 },
    {
      text: '  else rcu_softirq_qs_periodic: busy for 100 ms without a sleep, report an RCU quiescent state (grace periods end under load)',
      step: 'rcuQs',
      only: QS_PERIODIC,
    },
    { text: '  else sched = cond_resched(): always 0 with CONFIG_PREEMPT, 1 if it yielded with PREEMPT_NONE', line50: 262 },
    { text: '  disable bottom halves for the whole batch', only: V50, line50: 266 },
    { text: '  take ONE frame with __ptr_ring_consume (lock-free: single pinned consumer)', step: 'consume', only: V50, line50: 272 },
    { text: '    build_skb over the frame, netif_receive_skb_core, count stack drops', only: V50, line50: 276 },
    { text: '    stop after 8 frames (bounds the BH-off time), else consume the next one', step: 'v50more', only: V50, line50: 288 },
    { text: '  n = ptr_ring_consume_batched(ring, up to 8): one consumer-lock round', step: 'consumeBatched', only: LOCKED_BATCH },
    {
      text: '  n = __ptr_ring_consume_batched(ring, up to 8): no lock (the pinned kthread is the only consumer)',
      step: 'consumeUnlocked',
      only: ENTRY_PROG,
    },
    { text: "  prefetchw each frame's struct page (it is read, then written when freed)", only: FROM_V52 },
    {
      text: '  a pointer with bit 0 set is an SKB from generic XDP: set it aside, it needs no SKB built',
      step: 'genericSkb',
      only: GENERIC,
    },
    {
      text: '  entry has a program: run it on each frame (cpu_map_bpf_prog_run_xdp): XDP_DROP frees it, XDP_REDIRECT sends it on, XDP_PASS keeps it',
      step: 'entryProg',
      only: ENTRY_PROG,
    },
    { text: '    and on each generic-XDP SKB (cpu_map_bpf_prog_run_skb), with the same verdicts', only: GENERIC },
    { text: '  kmem_cache_alloc_bulk n SKB heads at once; none at all: every frame is a drop', only: between('5.2', '6.15') },
    {
      text: '  napi_skb_cache_get_bulk: SKB heads from the per-CPU NAPI cache; short of heads, only the frames without one are dropped',
      step: 'skbBulk',
      only: GRO,
    },
    { text: '  disable bottom halves; build_skb_around each head, netif_receive_skb_core', only: between('5.2', '5.13') },
    { text: '  disable bottom halves; build each SKB and collect them on a list', only: between('5.13', '6.12') },
    { text: '  build each SKB around its head', only: TRACE_FIRST },
    { text: '  tracepoint xdp_cpumap_kthread(map_id, frames, drops, sched), before the receive', step: 'trace', only: TRACE_FIRST },
    {
      text: "  netif_receive_skb_list(list): the stack takes the whole batch at once; the kthread's drops now count only missing SKB heads",
      step: 'listReceive',
      only: between('5.13', '6.15'),
    },
    { text: '  gro_receive_skb each SKB: merge segments of a flow', step: 'gro', only: GRO },
    { text: '  64 packets since the last flush, or the ring empty: gro_flush (all of it when empty) and pass the list on', only: GRO },
    { text: '  tracepoint xdp_cpumap_kthread(map_id, frames, drops, sched)', step: 'trace', line50: 292, only: before('6.12') },
    { text: '  enable bottom halves (pending softirqs may run here)', line50: 294 },
    {
      text: "stopped with an empty ring: TASK_RUNNING, put_cpu_map_entry (the kthread's ref), return",
      step: 'exit',
      line50: 296,
      only: before('6.6'),
    },
    { text: 'stopped with an empty ring: TASK_RUNNING, return (no reference to drop)', step: 'exit', only: RCU_WORK },
  ],
};

const bqEnqueue: PseudoFunction = {
  fn: 'bq_enqueue',
  aliases: ['cpu_map_enqueue'],
  summary: "Called by the XDP redirect on the receiving CPU, inside its NAPI poll: park the frame in this CPU's bulk queue for the entry.",
  differs: false,
  lines: [
    { text: "bq = this CPU's bulk queue of the entry (per-CPU: no lock needed)", line50: 604 },
    { text: 'if bq already holds 8 frames:', step: 'full', line50: 606 },
    { text: '  bq_flush_to_queue(bq) first (no wake-up: the kthread is woken at poll end)', step: 'flushFull', line50: 607 },
    { text: 'append the frame to bq; it stays until the poll ends (driver page recycling)', step: 'append', line50: 618 },
  ],
};

const bqFlush: PseudoFunction = {
  fn: 'bq_flush_to_queue',
  summary: "Moves a bulk queue's frames into the entry's ptr_ring under the producer lock.",
  differs: false,
  lines: [
    { text: 'bulk queue empty: nothing to do', step: 'empty', line50: 571 },
    { text: "take the ring's producer lock (several CPUs may flush into one ring)", step: 'lock', line50: 575 },
    { text: 'for each queued frame:', line50: 577 },
    { text: '  __ptr_ring_produce; a slot still full (or not yet NULLed) refuses it', step: 'produce', line50: 581 },
    { text: '  refused: count a drop and give the frame back', line50: 583 },
    { text: 'bulk count = 0, release the producer lock', step: 'reset', line50: 591 },
    { text: 'tracepoint xdp_cpumap_enqueue(map_id, processed, drops, to_cpu)', step: 'trace', line50: 595 },
  ],
};

const cpuMapFlush: PseudoFunction = {
  fn: '__cpu_map_flush',
  aliases: ['xdp_do_flush_map'],
  summary: 'End of a NAPI poll (via xdp_do_flush_map): flush every bulk queue this CPU filled and wake the kthreads.',
  differs: true,
  lines: [
    { text: "for each key whose bit is set in this CPU's flush_needed bitmap:", step: 'scan', only: BITMAP, line50: 656 },
    { text: '  read the map slot once', only: BITMAP, line50: 657 },
    { text: '  slot emptied by a delete meanwhile: skip it (the bit stays set)', step: 'skipNull', only: BITMAP, line50: 663 },
    { text: '  clear the bit', only: BITMAP, line50: 666 },
    { text: "  bq_flush_to_queue(this CPU's bulk queue of the entry)", step: 'flush', only: BITMAP, line50: 670 },
    { text: "for each bulk queue on this CPU's flush list (newest first; no map slot is read):", step: 'walk', only: FLUSH_LIST },
    { text: '  bq_flush_to_queue(bq), which also takes bq off the list', step: 'flushList', only: FLUSH_LIST },
    { text: "  wake_up_process(kthread of the bulk queue's entry): cheap if it is already running", step: 'wake', line50: 673 },
  ],
};

const entryReplace: PseudoFunction = {
  fn: '__cpu_map_entry_replace',
  summary: "Puts a new entry (or NULL) in a map slot and starts the old entry's teardown.",
  differs: true,
  lines: [
    { text: 'old = xchg(slot, new)  (atomic: XDP sees either the old or the new entry)', step: 'xchg', line50: 409 },
    { text: 'if there was an old entry:', line50: 410 },
    {
      text: '  call_rcu(__cpu_map_entry_free): runs once every NAPI poll that may hold old has ended',
      step: 'callRcu',
      line50: 411,
      only: before('6.6'),
    },
    {
      text: '  schedule the cpu_map_kthread_stop work (it may sleep; this caller may not)',
      step: 'scheduleWork',
      line50: 413,
      only: before('6.6'),
    },
    {
      text: '  queue_rcu_work(__cpu_map_entry_free): after a grace period, in a workqueue, where it may sleep',
      step: 'queueRcuWork',
      only: RCU_WORK,
    },
  ],
};

const entryFree: PseudoFunction = {
  fn: '__cpu_map_entry_free',
  summary:
    'After the grace period no XDP program can reach the old entry: an RCU callback until 6.6, then a work item that stops the kthread and frees everything.',
  differs: true,
  lines: [
    {
      text: 'for each online CPU: flush its bulk queue of the entry into the ring',
      step: 'flushAll',
      only: ENTRY_FREE_FLUSHES,
      line50: 374,
    },
    { text: 'nothing to flush: every poll flushed its bulk queues before the grace period ended', only: FROM_V56 },
    { text: 'free the per-CPU bulk queues', step: 'freeBulkq', line50: 380, only: before('6.6') },
    {
      text: "put_cpu_map_entry: drop the map slot's reference (kthread_stop cannot run here)",
      step: 'put',
      line50: 382,
      only: before('6.6'),
    },
    {
      text: 'kthread_stop(): wake the kthread and wait until it has drained the ring and exited (a work item may sleep)',
      step: 'stopAndWait',
      only: RCU_WORK,
    },
    { text: "put the entry's program; the ring should be empty (a frame left: WARN once, give it back)", only: RCU_WORK },
    { text: 'free the ring, the bulk queues and the entry: no refcount decides when', step: 'freeAll', only: RCU_WORK },
  ],
};

/** Gone in 6.6: __cpu_map_entry_free, then a work item, stops the kthread itself. */
const KTHREAD_STOP_WORK = before('6.6');

const kthreadStop: PseudoFunction = {
  fn: 'cpu_map_kthread_stop',
  summary: 'Work item queued at detach: waits for the RCU flush, then stops the kthread (until 6.6).',
  differs: true,
  lines: [
    {
      text: 'rcu_barrier(): wait for the grace period AND for __cpu_map_entry_free to have run',
      step: 'rcuBarrier',
      line50: 156,
      only: KTHREAD_STOP_WORK,
    },
    {
      text: 'kthread_stop(): set should_stop, wake the kthread, wait until it drains the ring and exits',
      step: 'kthreadStop',
      line50: 159,
      only: KTHREAD_STOP_WORK,
    },
  ],
};

const updateElem: PseudoFunction = {
  fn: 'cpu_map_update_elem',
  summary: 'bpf(BPF_MAP_UPDATE_ELEM): key is the target CPU, value the ring size (qsize) and, from 5.9, a program fd.',
  differs: true,
  lines: [
    { text: 'value = struct bpf_cpumap_val: qsize, and a program fd when the map value has room for it', only: ENTRY_PROG },
    { text: 'flags above BPF_EXIST: -EINVAL', step: 'checks', line50: 441 },
    { text: 'key ≥ max_entries: -E2BIG;  BPF_NOEXIST: -EEXIST;  qsize > 16384: -EOVERFLOW', line50: 443 },
    { text: 'CPU not possible: -ENODEV', line50: 451 },
    { text: 'qsize 0: new = NULL (same as a delete)', step: 'zero', line50: 454 },
    { text: 'else allocate a whole new entry: bulk queues, ring, kthread; failure: -ENOMEM', step: 'alloc', line50: 458 },
    {
      text: '  a program fd: __cpu_map_load_bpf_program; not an XDP program for BPF_XDP_CPUMAP: -EINVAL inside, so the alloc fails: -ENOMEM',
      step: 'loadProg',
      only: ENTRY_PROG,
    },
    {
      text: '  wait_for_completion: return only once the new kthread runs (closes the 2023 early-stop leak)',
      step: 'waitKthread',
      only: WAITS_FOR_KTHREAD,
    },
    { text: 'under rcu_read_lock: __cpu_map_entry_replace(slot, new)', step: 'replace', line50: 463 },
    { text: 'return 0', line50: 465 },
  ],
};

const deleteElem: PseudoFunction = {
  fn: 'cpu_map_delete_elem',
  summary: 'bpf(BPF_MAP_DELETE_ELEM): empties the slot; the old entry is torn down asynchronously.',
  differs: false,
  lines: [
    { text: 'key ≥ max_entries: -EINVAL', step: 'check', line50: 422 },
    { text: '__cpu_map_entry_replace(slot, NULL); the caller runs with preemption off, so no sleeping', step: 'replace', line50: 426 },
    { text: 'return 0', line50: 427 },
  ],
};

const putEntry: PseudoFunction = {
  fn: 'put_cpu_map_entry',
  summary: 'Drops one of the two references (map slot, kthread); the last one frees the entry (until 6.6, which has no refcount).',
  differs: true,
  lines: [
    { text: 'atomically decrement refcnt; not zero yet: done', step: 'dec', line50: 227, only: KTHREAD_STOP_WORK },
    {
      text: 'zero: drain the ring; a frame still in it is a bug (WARN once, give it back)',
      step: 'cleanup',
      line50: 229,
      only: KTHREAD_STOP_WORK,
    },
    { text: 'free the ring and the entry', step: 'free', line50: 230, only: KTHREAD_STOP_WORK },
  ],
};

const genericRedirect: PseudoFunction = {
  fn: 'cpu_map_generic_redirect',
  summary: 'Generic (SKB-mode) XDP redirecting into the cpumap (5.15+): the SKB itself goes into the ring, no bulk queue.',
  differs: true,
  lines: [
    { text: 'pull the MAC header back into the SKB', only: GENERIC },
    { text: 'set bit 0 of the SKB pointer (the kthread tells SKBs from xdp_frames by it)', only: GENERIC },
    { text: 'ptr_ring_produce into the entry ring under its lock; full: free the SKB, a drop', step: 'produce', only: GENERIC },
    { text: 'wake_up_process(kthread) at once: no end-of-poll flush for SKBs', step: 'wake', only: GENERIC },
    { text: 'tracepoint xdp_cpumap_enqueue for this one SKB', step: 'trace', only: GENERIC },
  ],
};

const napiPoll: PseudoFunction = {
  fn: 'napi_poll',
  aliases: ['napi_gro_receive', 'napi_complete_done', 'napi_schedule'],
  summary: "The driver's NAPI poll with the XDP program, on the CPU that owns the RX queue (not in cpumap.c).",
  differs: true,
  lines: [
    { text: 'poll up to 64 frames (the budget) from the RX ring; the poll is an RCU read-side section', step: 'poll' },
    { text: '  run the XDP program on the frame', step: 'xdp' },
    { text: '  XDP_DROP: recycle the page', step: 'drop' },
    { text: '  XDP_REDIRECT to the cpumap: look up the key; empty slot: redirect error', step: 'redirect' },
    { text: '  cpu_map_enqueue: make an xdp_frame, bq_enqueue, set the flush_needed bit', step: 'enqueue', only: BITMAP },
    {
      text: "  cpu_map_enqueue: make an xdp_frame, bq_enqueue (puts the bulk queue on this CPU's flush list once)",
      step: 'enqueueList',
      only: FLUSH_LIST,
    },
    { text: '  no program: build an SKB here and run the stack on this CPU', step: 'noProg' },
    { text: 'end of poll: xdp_do_flush_map -> __cpu_map_flush', step: 'flushMap' },
    { text: 'budget left: napi_complete_done, re-arm the interrupt; else stay scheduled', step: 'complete' },
  ],
};

/** Every function with pseudocode, in the order a frame and a teardown meet them. */
export const PSEUDOCODE: readonly PseudoFunction[] = [
  napiPoll,
  bqEnqueue,
  bqFlush,
  cpuMapFlush,
  kthreadRun,
  updateElem,
  deleteElem,
  entryReplace,
  entryFree,
  kthreadStop,
  putEntry,
  genericRedirect,
];

/** The pseudocode shown for `fn` (by name or alias), or undefined when the project has none. */
export function pseudocodeFor(fn: string): PseudoFunction | undefined {
  return PSEUDOCODE.find((p) => p.fn === fn || (p.aliases ?? []).includes(fn));
}

/** Exact upstream anchor of a v5.0 line. */
export function v50LineLink(line: number): string {
  return `https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L${line}`;
}
