/**
 * The words of the two entry lifecycle machines: what each state and transition means, in kernel
 * terms. Kept apart from the machines (entryMachine.ts, entryMachineRcuWork.ts) so the simulation
 * worker, which only steps them, does not carry them; the Entry lifecycle panel, which draws them,
 * puts them on the described machine (describeMachine's `words`), and a test checks that every
 * state and transition has its words and no other. The kernel functions each state is in live here
 * too, for the same reason.
 */

/** Words per state, and per transition keyed `state:EVENT`. */
export interface MachineWords {
  states: Readonly<Record<string, string>>;
  transitions: Readonly<Record<string, string>>;
}

/** The refcounted machine (5.0 to 6.1). */
export const REFCOUNT_WORDS: MachineWords = {
  states: {
    allocating:
      'cpu_map_update_elem is allocating a new entry: the entry itself, a bulk queue per CPU, the ring of qsize slots and a kthread bound to the target CPU.',
    allocFailed: 'Allocation failed and the update syscall returned -ENOMEM. The entry never existed for the map.',
    live: 'In the map slot: XDP redirects queue frames into it and its kthread turns them into SKBs. Holds two references. The kthread has been woken but may not have run yet.',
    detached:
      'Out of the map, waiting for an RCU grace period: XDP programs that read the old pointer may still put frames in their per-CPU bulk queues. The stop work waits in rcu_barrier.',
    bulkqFlushed:
      "The bulk queues are gone and every remaining frame is in the ring. One reference left, the kthread's. The stop work is returning from rcu_barrier.",
    kthreadStopping: 'kthread_stop was called: the kthread keeps draining the ring and exits only once it is empty.',
    freed: 'The refcount reached 0: the ring was cleaned up (frames still in it would WARN) and the entry was freed.',
    leaked:
      'Leaked: refcnt stuck at 1 because the kthread never ran, so the ring and entry are never freed. Fixed in 2023 by "bpf: cpumap: Fix memory leak in cpu_map_update_elem".',
  },
  transitions: {
    'allocating:ALLOC_OK':
      "Everything was allocated: two references are taken (map slot and kthread), the kthread is woken, and the entry is xchg'd into the map slot.",
    'allocating:ALLOC_FAIL': 'An allocation or the kthread creation failed; the partial entry is unwound and nothing enters the map.',
    'live:XCHG_OUT':
      "Update, delete or map free xchg'd the slot to another entry or NULL; call_rcu(__cpu_map_entry_free) is queued and the cpu_map_kthread_stop work is scheduled.",
    'detached:RCU_FREE_CB':
      "The grace period ended: the RCU callback flushed every CPU's bulk queue into the ring, freed the bulk queues and dropped the map slot's reference.",
    'bulkqFlushed:KTHREAD_STOP':
      'rcu_barrier returned (so the flush is done) and the work item calls kthread_stop, which wakes the kthread and waits for it.',
    'kthreadStopping:KTHREAD_EXIT':
      'The kthread saw the stop with an empty ring and dropped its reference. It must be the last one (refcnt 1 to 0), so the ring and the entry are freed.',
    'kthreadStopping:KTHREAD_NEVER_RAN':
      'kthread_stop ran before the thread function ever started, so the thread function never runs and its reference is never dropped (CVE-2023-53441).',
  },
};

/** The rcu_work machine (6.6 and later). */
export const RCU_WORK_WORDS: MachineWords = {
  states: {
    allocating:
      'cpu_map_update_elem is allocating a new entry: the entry, a bulk queue per CPU, the ring of qsize slots and a kthread bound to the target CPU.',
    allocFailed: 'Allocation failed and the update syscall returned -ENOMEM. The entry never existed for the map.',
    starting:
      'Not in the map yet: the update syscall sleeps in wait_for_completion until the kthread has been scheduled and run its first line, complete(kthread_running).',
    live: 'In the map slot, its kthread running: XDP redirects queue frames into it and its kthread turns them into SKBs.',
    detached:
      'Out of the map, waiting for an RCU grace period: XDP programs that read the old pointer may still put frames in their bulk queues. Then the work item runs on a kworker.',
    kthreadStopping:
      'kthread_stop was called: the kthread keeps draining the ring and exits only once it is empty; __cpu_map_entry_free waits for it.',
    freed: 'Freed by __cpu_map_entry_free once kthread_stop returned (frames still in the ring would WARN).',
  },
  transitions: {
    'allocating:ALLOC_OK': 'Everything was allocated and the kthread woken; the update now waits on the kthread_running completion.',
    'allocating:ALLOC_FAIL': 'An allocation or the kthread creation failed; the partial entry is unwound and nothing enters the map.',
    'starting:KTHREAD_RUNNING': "The kthread ran and completed kthread_running: the update returns and xchg's the entry into the map slot.",
    'live:XCHG_OUT':
      "Update or delete xchg'd the slot to another entry or NULL; queue_rcu_work queues __cpu_map_entry_free for after a grace period.",
    'live:MAP_FREE': 'cpu_map_free, after its synchronize_rcu, calls __cpu_map_entry_free on the entry directly: kthread_stop.',
    'detached:KTHREAD_STOP': 'The grace period ended and the kworker runs __cpu_map_entry_free, which calls kthread_stop and waits.',
    'kthreadStopping:KTHREAD_EXIT':
      'The kthread exited with an empty ring; kthread_stop returns and __cpu_map_entry_free frees the ring, the bulk queues and the entry.',
  },
};

// ---- the kernel functions each state is in, with upstream links ----

/** A kernel function a state is in, with upstream links for the refcounted machine's versions. */
export type KernelFunctionRef = {
  name: string;
  /** Line link into the v5.0 source. */
  v5_0: string;
  /** Identifier link for v5.2 (we have no line numbers for that copy). */
  v5_2: string;
  /** Identifier link for v5.4. */
  v5_4: string;
};

/** A kernel function a state of the 6.6+ machine is in, with its identifier link at v6.6. */
export type RcuWorkFunctionRef = { name: string; v6_6: string };

// Definition lines of the functions in the v5.0 file (the reference copy keeps upstream numbering).
const V5_0_LINE: Readonly<Record<string, number>> = {
  cpu_map_kthread_stop: 147,
  put_cpu_map_entry: 225,
  cpu_map_kthread_run: 236,
  __cpu_map_entry_alloc: 302,
  __cpu_map_entry_free: 361,
  __cpu_map_entry_replace: 404,
  cpu_map_update_elem: 430,
};

function refcountFn(name: string): KernelFunctionRef {
  return {
    name,
    v5_0: `https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L${V5_0_LINE[name]}`,
    v5_2: `https://elixir.bootlin.com/linux/v5.2/C/ident/${name}`,
    v5_4: `https://elixir.bootlin.com/linux/v5.4/C/ident/${name}`,
  };
}

function rcuWorkFn(name: string): RcuWorkFunctionRef {
  return { name, v6_6: `https://elixir.bootlin.com/linux/v6.6/C/ident/${name}` };
}

const REFCOUNT_FUNCTION_NAMES: Readonly<Record<string, readonly string[]>> = {
  allocating: ['__cpu_map_entry_alloc', 'cpu_map_update_elem'],
  allocFailed: ['__cpu_map_entry_alloc', 'cpu_map_update_elem'],
  live: ['cpu_map_kthread_run', 'cpu_map_update_elem'],
  detached: ['__cpu_map_entry_replace', 'cpu_map_kthread_stop'],
  bulkqFlushed: ['__cpu_map_entry_free', 'put_cpu_map_entry', 'cpu_map_kthread_stop'],
  kthreadStopping: ['cpu_map_kthread_stop', 'cpu_map_kthread_run'],
  freed: ['put_cpu_map_entry', 'cpu_map_kthread_run'],
  leaked: ['cpu_map_kthread_stop', '__cpu_map_entry_alloc'],
};

const RCU_WORK_FUNCTION_NAMES: Readonly<Record<string, readonly string[]>> = {
  allocating: ['__cpu_map_entry_alloc', 'cpu_map_update_elem'],
  allocFailed: ['__cpu_map_entry_alloc', 'cpu_map_update_elem'],
  starting: ['__cpu_map_entry_alloc', 'cpu_map_kthread_run'],
  live: ['cpu_map_kthread_run', 'cpu_map_update_elem'],
  detached: ['__cpu_map_entry_replace', 'queue_rcu_work'],
  kthreadStopping: ['__cpu_map_entry_free', 'cpu_map_kthread_run'],
  freed: ['__cpu_map_entry_free'],
};

/** Per state of the refcounted machine, the kernel functions it is in. */
export const REFCOUNT_FUNCTIONS: Readonly<Record<string, readonly KernelFunctionRef[]>> = Object.fromEntries(
  Object.entries(REFCOUNT_FUNCTION_NAMES).map(([state, names]) => [state, names.map(refcountFn)]),
);

/** Per state of the 6.6+ machine, the kernel functions it is in. */
export const RCU_WORK_FUNCTIONS: Readonly<Record<string, readonly RcuWorkFunctionRef[]>> = Object.fromEntries(
  Object.entries(RCU_WORK_FUNCTION_NAMES).map(([state, names]) => [state, names.map(rcuWorkFn)]),
);
