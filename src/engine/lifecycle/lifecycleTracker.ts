import { initialTransition, transition } from 'xstate';
import { shareAcrossClones } from '../checkpoint/cloneGraph';
import {
  ENTRY_EVENT_TYPES,
  entryMachine,
  type EntryEvent,
  type EntryEventType,
  type EntryMachine,
  type EntrySnapshot,
  type EntryStateName,
} from './entryMachine';
import { entryMachineRcuWork, type EntryMachineRcuWork } from './entryMachineRcuWork';

/** Either version's entry machine: the refcounted one (to 6.1) or the rcu_work one (6.6+). */
export type AnyEntryMachine = EntryMachine | EntryMachineRcuWork;

/** One accepted transition of an entry. */
export type EntryTransitionRecord = {
  atNs: number;
  from: EntryStateName;
  to: EntryStateName;
  event: EntryEventType;
};

/** How many transitions {@link EntryLifecycle} keeps by default. */
export const ENTRY_HISTORY_LIMIT = 64;

/** Options of {@link EntryLifecycle}. */
export type EntryLifecycleOptions = {
  /** Most recent transitions kept in `history` (default {@link ENTRY_HISTORY_LIMIT}). */
  historyLimit?: number;
  /** Follow the 6.6+ machine {@link entryMachineRcuWork} (default: the refcounted {@link entryMachine}). */
  rcuWork?: boolean;
};

/**
 * Tracks one cpumap entry through {@link entryMachine}, stepping it with xstate's pure
 * `initialTransition` / `transition` (no actor, no timers), so the engine stays deterministic
 * and owns simulated time.
 */
export class EntryLifecycle {
  /** Entry label used in violation messages, e.g. `cpu 4 (map 7)`. */
  readonly label: string;
  private snapshot: EntrySnapshot;
  private readonly records: EntryTransitionRecord[] = [];
  private readonly historyLimit: number;
  /** Follows the 6.6+ machine (a flag, not the machine: checkpoints copy the tracker). */
  readonly rcuWork: boolean;

  constructor(label: string, options: EntryLifecycleOptions = {}) {
    this.label = label;
    this.historyLimit = Math.max(1, Math.floor(options.historyLimit ?? ENTRY_HISTORY_LIMIT));
    this.rcuWork = options.rcuWork ?? false;
    // Only assign actions exist, and the pure functions apply those into the snapshot.
    [this.snapshot] = initialTransition(this.machine());
    shareAcrossClones(this.snapshot);
  }

  // Both machines share context and event types; typed as the refcounted one for xstate's calls.
  private machine(): EntryMachine {
    return (this.rcuWork ? entryMachineRcuWork : entryMachine) as unknown as EntryMachine;
  }

  /** Current state name. */
  get state(): EntryStateName {
    return this.snapshot.value as EntryStateName;
  }

  /** Current reference count of the entry. */
  get refcnt(): number {
    return this.snapshot.context.refcnt;
  }

  /** True once the entry reached allocFailed, freed or leaked. */
  get isFinal(): boolean {
    return this.snapshot.status === 'done';
  }

  /** Accepted transitions, oldest first, at most `historyLimit` of them. */
  get history(): readonly EntryTransitionRecord[] {
    return this.records;
  }

  /**
   * Applies `event` at simulated time `atNs`.
   *
   * @returns null when the current state accepts the event; otherwise a violation message
   *   naming the entry, its state and the event, and the state is left unchanged.
   */
  send(event: EntryEvent | EntryEventType, atNs: number): string | null {
    const ev: EntryEvent = typeof event === 'string' ? { type: event } : event;
    const from = this.state;
    if (!this.snapshot.can(ev)) {
      const accepted = ENTRY_EVENT_TYPES.filter((type) => this.snapshot.can({ type }));
      const expected = accepted.length > 0 ? `accepts only ${accepted.join(', ')}` : 'is final';
      return (
        `cpumap entry ${this.label}: ${ev.type} at ${atNs} ns while in state "${from}" ` + `(refcnt ${this.refcnt}); that state ${expected}`
      );
    }
    [this.snapshot] = transition(this.machine(), this.snapshot, ev);
    // xstate snapshots are immutable: engine checkpoints share them.
    shareAcrossClones(this.snapshot);
    this.records.push({ atNs, from, to: this.state, event: ev.type });
    if (this.records.length > this.historyLimit) this.records.shift();
    return null;
  }
}
