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

/** The entry lifecycle machine; drive it with `initialTransition` / `transition` (see lifecycleTracker). */
export const entryMachine = setup({
  types: {
    context: {} as EntryContext,
    events: {} as EntryEvent,
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
      on: {
        ALLOC_OK: {
          target: 'live',
          actions: 'takeInitialRefs',
        },
        ALLOC_FAIL: {
          target: 'allocFailed',
        },
      },
    },
    allocFailed: {
      type: 'final',
    },
    live: {
      on: {
        XCHG_OUT: {
          target: 'detached',
        },
      },
    },
    detached: {
      on: {
        RCU_FREE_CB: {
          target: 'bulkqFlushed',
          actions: 'dropRef',
        },
      },
    },
    bulkqFlushed: {
      on: {
        KTHREAD_STOP: {
          target: 'kthreadStopping',
        },
      },
    },
    kthreadStopping: {
      on: {
        KTHREAD_EXIT: {
          target: 'freed',
          guard: 'isLastRef',
          actions: 'dropRef',
        },
        KTHREAD_NEVER_RAN: {
          target: 'leaked',
        },
      },
    },
    freed: {
      type: 'final',
    },
    leaked: {
      type: 'final',
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
