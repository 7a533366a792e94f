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

/** A kernel function a state is in, with its identifier link at v6.6. */
export type RcuWorkFunctionRef = { name: string; v6_6: string };

/** `meta` of every state node. */
export type RcuWorkStateMeta = { functions: readonly RcuWorkFunctionRef[] };

function meta(...names: string[]): RcuWorkStateMeta {
  return { functions: names.map((name) => ({ name, v6_6: `https://elixir.bootlin.com/linux/v6.6/C/ident/${name}` })) };
}

/** The 6.6+ entry lifecycle machine (no refcount: its context's refcnt stays 0). */
export const entryMachineRcuWork = setup({
  types: {
    context: {} as EntryContext,
    events: {} as EntryEvent,
    meta: {} as RcuWorkStateMeta,
  },
}).createMachine({
  id: 'cpumapEntryRcuWork',
  initial: 'allocating',
  context: { refcnt: 0 },
  states: {
    allocating: {
      description:
        'cpu_map_update_elem is allocating a new entry: the entry, a bulk queue per CPU, the ring of qsize slots and a kthread bound to the target CPU.',
      meta: meta('__cpu_map_entry_alloc', 'cpu_map_update_elem'),
      on: {
        ALLOC_OK: {
          target: 'starting',
          description: 'Everything was allocated and the kthread woken; the update now waits on the kthread_running completion.',
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
    starting: {
      description:
        'Not in the map yet: the update syscall sleeps in wait_for_completion until the kthread has been scheduled and run its first line, complete(kthread_running).',
      meta: meta('__cpu_map_entry_alloc', 'cpu_map_kthread_run'),
      on: {
        KTHREAD_RUNNING: {
          target: 'live',
          description: "The kthread ran and completed kthread_running: the update returns and xchg's the entry into the map slot.",
        },
      },
    },
    live: {
      description: 'In the map slot, its kthread running: XDP redirects queue frames into it and its kthread turns them into SKBs.',
      meta: meta('cpu_map_kthread_run', 'cpu_map_update_elem'),
      on: {
        XCHG_OUT: {
          target: 'detached',
          description:
            "Update or delete xchg'd the slot to another entry or NULL; queue_rcu_work queues __cpu_map_entry_free for after a grace period.",
        },
        MAP_FREE: {
          target: 'kthreadStopping',
          description: 'cpu_map_free, after its synchronize_rcu, calls __cpu_map_entry_free on the entry directly: kthread_stop.',
        },
      },
    },
    detached: {
      description:
        'Out of the map, waiting for an RCU grace period: XDP programs that read the old pointer may still put frames in their bulk queues. Then the work item runs on a kworker.',
      meta: meta('__cpu_map_entry_replace', 'queue_rcu_work'),
      on: {
        KTHREAD_STOP: {
          target: 'kthreadStopping',
          description: 'The grace period ended and the kworker runs __cpu_map_entry_free, which calls kthread_stop and waits.',
        },
      },
    },
    kthreadStopping: {
      description:
        'kthread_stop was called: the kthread keeps draining the ring and exits only once it is empty; __cpu_map_entry_free waits for it.',
      meta: meta('__cpu_map_entry_free', 'cpu_map_kthread_run'),
      on: {
        KTHREAD_EXIT: {
          target: 'freed',
          description:
            'The kthread exited with an empty ring; kthread_stop returns and __cpu_map_entry_free frees the ring, the bulk queues and the entry.',
        },
      },
    },
    freed: {
      type: 'final',
      description: 'Freed by __cpu_map_entry_free once kthread_stop returned (frames still in the ring would WARN).',
      meta: meta('__cpu_map_entry_free'),
    },
  },
});

/** Type of {@link entryMachineRcuWork}. */
export type EntryMachineRcuWork = typeof entryMachineRcuWork;

/** A state of the 6.6+ machine. */
export type RcuWorkStateName = SnapshotFrom<EntryMachineRcuWork>['value'];
