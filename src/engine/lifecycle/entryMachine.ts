/**
 * Lifecycle of one `struct bpf_cpu_map_entry` (kernel/bpf/cpumap.c, v5.0 to v6.1: 6.6 has its own,
 * entryMachineRcuWork.ts) as an xstate machine. 5.4 has the same states in the same order: the flush list changed where an RX
 * CPU's frames wait, not the refcounted teardown (xchg, call_rcu of __cpu_map_entry_free, which
 * still flushes every CPU's bulk queue, then the kthread-stop work item). It is the checked specification of the teardown order: the engine sends an
 * event at each step, and an event the current state does not accept is an invariant violation.
 *
 * @packageDocumentation
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import type { RcuWorkStateName } from './entryMachineRcuWork';

/** Every event the entry machine knows, in teardown order. */
export const ENTRY_EVENT_TYPES = [
  'ALLOC_OK',
  'ALLOC_FAIL',
  'XCHG_OUT',
  'RCU_FREE_CB',
  'KTHREAD_STOP',
  'KTHREAD_EXIT',
  'KTHREAD_NEVER_RAN',
  // 6.6+ machine only (entryMachineRcuWork.ts).
  'KTHREAD_RUNNING',
  'MAP_FREE',
] as const;

/** Name of an entry-machine event. */
export type EntryEventType = (typeof ENTRY_EVENT_TYPES)[number];

/** An event the simulation engine sends to the entry machine (none carries a payload). */
export type EntryEvent = { type: EntryEventType };

/** Machine context: the entry's `refcnt` (atomic_t in the kernel). */
export type EntryContext = { refcnt: number };

/** A kernel function a state is in, with upstream links for both simulated versions. */
export type KernelFunctionRef = {
  name: string;
  /** Line link into the v5.0 source. */
  v5_0: string;
  /** Identifier link for v5.2 (we have no line numbers for that copy). */
  v5_2: string;
  /** Identifier link for v5.4. */
  v5_4: string;
};

/** `meta` of every state node. */
export type EntryStateMeta = { functions: readonly KernelFunctionRef[] };

// Definition lines of the functions in the v5.0 file (the reference copy keeps upstream numbering).
const V5_0_LINE = {
  cpu_map_kthread_stop: 147,
  put_cpu_map_entry: 225,
  cpu_map_kthread_run: 236,
  __cpu_map_entry_alloc: 302,
  __cpu_map_entry_free: 361,
  __cpu_map_entry_replace: 404,
  cpu_map_update_elem: 430,
} as const;

type KernelFunctionName = keyof typeof V5_0_LINE;

function kernelFn(name: KernelFunctionName): KernelFunctionRef {
  return {
    name,
    v5_0: `https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L${V5_0_LINE[name]}`,
    v5_2: `https://elixir.bootlin.com/linux/v5.2/C/ident/${name}`,
    v5_4: `https://elixir.bootlin.com/linux/v5.4/C/ident/${name}`,
  };
}

function meta(...names: KernelFunctionName[]): EntryStateMeta {
  return { functions: names.map(kernelFn) };
}

/** The entry lifecycle machine; drive it with `initialTransition` / `transition` (see lifecycleTracker). */
export const entryMachine = setup({
  types: {
    context: {} as EntryContext,
    events: {} as EntryEvent,
    meta: {} as EntryStateMeta,
  },
  actions: {
    takeInitialRefs: assign({ refcnt: () => 2 }),
    dropRef: assign({ refcnt: ({ context }) => context.refcnt - 1 }),
  },
  guards: {
    // The kthread's put must be the last one; anything else means a reference went missing.
    isLastRef: ({ context }) => context.refcnt === 1,
  },
}).createMachine({
  id: 'cpumapEntry',
  initial: 'allocating',
  context: { refcnt: 0 },
  states: {
    allocating: {
      description:
        'cpu_map_update_elem is allocating a new entry: the entry itself, a bulk queue per CPU, the ring of qsize slots and a kthread bound to the target CPU.',
      meta: meta('__cpu_map_entry_alloc', 'cpu_map_update_elem'),
      on: {
        ALLOC_OK: {
          target: 'live',
          actions: 'takeInitialRefs',
          description:
            "Everything was allocated: two references are taken (map slot and kthread), the kthread is woken, and the entry is xchg'd into the map slot.",
        },
        ALLOC_FAIL: {
          target: 'allocFailed',
          description: 'An allocation or the kthread creation failed; the partial entry is unwound and nothing enters the map.',
        },
      },
    },
    allocFailed: {
      type: 'final',
      description: 'Allocation failed and the update syscall returned -ENOMEM. The entry never existed for the map.',
      meta: meta('__cpu_map_entry_alloc', 'cpu_map_update_elem'),
    },
    live: {
      description:
        'In the map slot: XDP redirects queue frames into it and its kthread turns them into SKBs. Holds two references. The kthread has been woken but may not have run yet.',
      meta: meta('cpu_map_kthread_run', 'cpu_map_update_elem'),
      on: {
        XCHG_OUT: {
          target: 'detached',
          description:
            "Update, delete or map free xchg'd the slot to another entry or NULL; call_rcu(__cpu_map_entry_free) is queued and the cpu_map_kthread_stop work is scheduled.",
        },
      },
    },
    detached: {
      description:
        'Out of the map, waiting for an RCU grace period: XDP programs that read the old pointer may still put frames in their per-CPU bulk queues. The stop work waits in rcu_barrier.',
      meta: meta('__cpu_map_entry_replace', 'cpu_map_kthread_stop'),
      on: {
        RCU_FREE_CB: {
          target: 'bulkqFlushed',
          actions: 'dropRef',
          description:
            "The grace period ended: the RCU callback flushed every CPU's bulk queue into the ring, freed the bulk queues and dropped the map slot's reference.",
        },
      },
    },
    bulkqFlushed: {
      description:
        "The bulk queues are gone and every remaining frame is in the ring. One reference left, the kthread's. The stop work is returning from rcu_barrier.",
      meta: meta('__cpu_map_entry_free', 'put_cpu_map_entry', 'cpu_map_kthread_stop'),
      on: {
        KTHREAD_STOP: {
          target: 'kthreadStopping',
          description:
            'rcu_barrier returned (so the flush is done) and the work item calls kthread_stop, which wakes the kthread and waits for it.',
        },
      },
    },
    kthreadStopping: {
      description: 'kthread_stop was called: the kthread keeps draining the ring and exits only once it is empty.',
      meta: meta('cpu_map_kthread_stop', 'cpu_map_kthread_run'),
      on: {
        KTHREAD_EXIT: {
          target: 'freed',
          guard: 'isLastRef',
          actions: 'dropRef',
          description:
            'The kthread saw the stop with an empty ring and dropped its reference. It must be the last one (refcnt 1 to 0), so the ring and the entry are freed.',
        },
        KTHREAD_NEVER_RAN: {
          target: 'leaked',
          description:
            'kthread_stop ran before the thread function ever started, so the thread function never runs and its reference is never dropped (CVE-2023-53441).',
        },
      },
    },
    freed: {
      type: 'final',
      description: 'The refcount reached 0: the ring was cleaned up (frames still in it would WARN) and the entry was freed.',
      meta: meta('put_cpu_map_entry', 'cpu_map_kthread_run'),
    },
    leaked: {
      type: 'final',
      description:
        'Leaked: refcnt stuck at 1 because the kthread never ran, so the ring and entry are never freed. Fixed in 2023 by "bpf: cpumap: Fix memory leak in cpu_map_update_elem".',
      meta: meta('cpu_map_kthread_stop', '__cpu_map_entry_alloc'),
    },
  },
});

/** Type of {@link entryMachine}. */
export type EntryMachine = typeof entryMachine;

/** A snapshot of {@link entryMachine}. */
export type EntrySnapshot = SnapshotFrom<EntryMachine>;

/** A state of the refcounted machine (5.0 to 6.1). */
export type RefcountStateName = EntrySnapshot['value'];

/**
 * Name of an entry-machine state, of either version's machine (both are flat, so a value is
 * always one of these): the refcounted one up to 6.1 and the rcu_work one from 6.6.
 */
export type EntryStateName = EntrySnapshot['value'] | RcuWorkStateName;
