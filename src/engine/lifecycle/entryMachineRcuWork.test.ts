import { describe, expect, it } from 'vitest';
import { ENTRY_EVENT_TYPES, type EntryEventType } from './entryMachine';
import { entryMachineRcuWork, type RcuWorkStateName } from './entryMachineRcuWork';
import { describeMachine } from './describe';
import { RCU_WORK_FUNCTIONS, RCU_WORK_WORDS, REFCOUNT_WORDS } from './machineWords';
import { entryMachine } from './entryMachine';
import { EntryLifecycle } from './lifecycleTracker';

// Independent restatement of the 6.6 machine: which events each state accepts, and where they lead.
const SPEC: Record<RcuWorkStateName, Partial<Record<EntryEventType, RcuWorkStateName>>> = {
  allocating: { ALLOC_OK: 'starting', ALLOC_FAIL: 'allocFailed' },
  allocFailed: {},
  starting: { KTHREAD_RUNNING: 'live' },
  live: { XCHG_OUT: 'detached', MAP_FREE: 'kthreadStopping' },
  detached: { KTHREAD_STOP: 'kthreadStopping' },
  kthreadStopping: { KTHREAD_EXIT: 'freed' },
  freed: {},
};

const PATH: Record<RcuWorkStateName, EntryEventType[]> = {
  allocating: [],
  allocFailed: ['ALLOC_FAIL'],
  starting: ['ALLOC_OK'],
  live: ['ALLOC_OK', 'KTHREAD_RUNNING'],
  detached: ['ALLOC_OK', 'KTHREAD_RUNNING', 'XCHG_OUT'],
  kthreadStopping: ['ALLOC_OK', 'KTHREAD_RUNNING', 'XCHG_OUT', 'KTHREAD_STOP'],
  freed: ['ALLOC_OK', 'KTHREAD_RUNNING', 'XCHG_OUT', 'KTHREAD_STOP', 'KTHREAD_EXIT'],
};

function entryIn(state: RcuWorkStateName): EntryLifecycle {
  const entry = new EntryLifecycle('cpu 4 (map 7)', { rcuWork: true });
  PATH[state].forEach((ev, i) => expect(entry.send(ev, i * 100)).toBeNull());
  expect(entry.state).toBe(state);
  return entry;
}

describe('bpf_cpu_map_entry lifecycle from 6.6', () => {
  it('6.6: update, then delete: the update waits for the kthread, then xchg, queue_rcu_work and kthread_stop free the entry with no refcount', () => {
    const entry = entryIn('freed');
    expect(entry.isFinal).toBe(true);
    expect(entry.refcnt).toBe(0);
    expect(entry.history.map((h) => h.to)).toEqual(['starting', 'live', 'detached', 'kthreadStopping', 'freed']);
  });

  it('6.6: the machine has no leaked state and no refcount step: a kthread that never ran cannot be stopped', () => {
    const described = describeMachine(entryMachineRcuWork, RCU_WORK_WORDS);
    expect(described.states.map((s) => s.id)).toEqual(Object.keys(SPEC));
    expect(described.states.filter((s) => s.final).map((s) => s.id)).toEqual(['allocFailed', 'freed']);
    for (const s of described.states) {
      expect(s.description.length).toBeGreaterThan(0);
      expect(RCU_WORK_FUNCTIONS[s.id].length).toBeGreaterThan(0);
      for (const fn of RCU_WORK_FUNCTIONS[s.id]) expect(fn.v6_6).toBe(`https://elixir.bootlin.com/linux/v6.6/C/ident/${fn.name}`);
    }
  });

  for (const state of Object.keys(SPEC) as RcuWorkStateName[]) {
    it(`6.6: in ${state}, exactly ${Object.keys(SPEC[state]).join(', ') || 'no event'} is accepted, to the specified state`, () => {
      for (const ev of ENTRY_EVENT_TYPES) {
        const entry = entryIn(state);
        const problem = entry.send(ev, 10_000);
        const to = SPEC[state][ev];
        if (to === undefined) {
          expect(problem).toMatch(new RegExp(`${ev} at 10000 ns while in state "${state}"`));
          expect(entry.state).toBe(state);
        } else {
          expect(problem).toBeNull();
          expect(entry.state).toBe(to);
        }
      }
    });
  }
});

describe('the machines and their words', () => {
  it('every state and transition of both machines has its words, and the words name nothing else', () => {
    const pairs = [
      [describeMachine(entryMachine), REFCOUNT_WORDS],
      [describeMachine(entryMachineRcuWork), RCU_WORK_WORDS],
    ] as const;
    for (const [d, words] of pairs) {
      expect(Object.keys(words.states).sort()).toEqual(d.states.map((s) => s.id).sort());
      expect(Object.keys(words.transitions).sort()).toEqual(d.transitions.map((t) => `${t.from}:${t.event}`).sort());
      for (const text of [...Object.values(words.states), ...Object.values(words.transitions)]) expect(text.length).toBeGreaterThan(20);
    }
  });
});
