/**
 * Lifecycle of one `struct bpf_cpu_map_entry` from 6.6 on, as an xstate machine. Two changes
 * make it a different machine from the refcounted one (entryMachine.ts):
 * - 6.5 ("bpf, cpumap: Make sure kthread is running before map update returns"):
 *   __cpu_map_entry_alloc waits on a completion until the new kthread has run, so an entry is in
 *   the map only once its kthread runs, and kthread_stop can no longer find a thread that never
 *   started (the refcount leak and the frames-left-in-the-ring WARN are gone).
 * - 6.6 ("bpf, cpumap: Use queue_rcu_work() to remove unnecessary rcu_barrier()"): no refcount and no
 *   kthread-stop work item; the replaced entry's __cpu_map_entry_free is a work item queued
 *   after a grace period (queue_rcu_work). It calls kthread_stop, which waits until the kthread
 *   has drained the ring and exited, then frees everything. cpu_map_free, after its
 *   synchronize_rcu, calls __cpu_map_entry_free on each entry directly.
 * https://elixir.bootlin.com/linux/v6.6/source/kernel/bpf/cpumap.c
 *
 * @packageDocumentation
 */
import { setup, type SnapshotFrom } from 'xstate';
import type { EntryContext, EntryEvent } from './entryMachine';

/** The 6.6+ entry lifecycle machine (no refcount: its context's refcnt stays 0). */
export const entryMachineRcuWork = setup({
  types: {
    context: {} as EntryContext,
    events: {} as EntryEvent,
  },
}).createMachine({
  id: 'cpumapEntryRcuWork',
  initial: 'allocating',
  context: { refcnt: 0 },
  states: {
    allocating: {
      on: {
        ALLOC_OK: {
          target: 'starting',
        },
        ALLOC_FAIL: {
          target: 'allocFailed',
        },
      },
    },
    allocFailed: {
      type: 'final',
    },
    starting: {
      on: {
        KTHREAD_RUNNING: {
          target: 'live',
        },
      },
    },
    live: {
      on: {
        XCHG_OUT: {
          target: 'detached',
        },
        MAP_FREE: {
          target: 'kthreadStopping',
        },
      },
    },
    detached: {
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
        },
      },
    },
    freed: {
      type: 'final',
    },
  },
});

/** Type of {@link entryMachineRcuWork}. */
export type EntryMachineRcuWork = typeof entryMachineRcuWork;

/** A state of the 6.6+ machine. */
export type RcuWorkStateName = SnapshotFrom<EntryMachineRcuWork>['value'];
