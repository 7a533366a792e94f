import { describe, expect, it } from 'vitest';
import { ENTRY_EVENT_TYPES, entryMachine, type EntryEventType, type EntryStateName, type RefcountStateName } from './entryMachine';
import { describeMachine } from './describe';
import { REFCOUNT_FUNCTIONS, REFCOUNT_WORDS } from './machineWords';
import { ENTRY_HISTORY_LIMIT, EntryLifecycle } from './lifecycleTracker';

// Independent restatement of the spec: which events each state accepts, and where they lead.
const SPEC: Record<RefcountStateName, Partial<Record<EntryEventType, EntryStateName>>> = {
  allocating: { ALLOC_OK: 'live', ALLOC_FAIL: 'allocFailed' },
  allocFailed: {},
  live: { XCHG_OUT: 'detached' },
  detached: { RCU_FREE_CB: 'bulkqFlushed' },
  bulkqFlushed: { KTHREAD_STOP: 'kthreadStopping' },
  kthreadStopping: { KTHREAD_EXIT: 'freed', KTHREAD_NEVER_RAN: 'leaked' },
  freed: {},
  leaked: {},
};

// Event sequence that brings a fresh entry into each state.
const PATH: Record<RefcountStateName, EntryEventType[]> = {
  allocating: [],
  allocFailed: ['ALLOC_FAIL'],
  live: ['ALLOC_OK'],
  detached: ['ALLOC_OK', 'XCHG_OUT'],
  bulkqFlushed: ['ALLOC_OK', 'XCHG_OUT', 'RCU_FREE_CB'],
  kthreadStopping: ['ALLOC_OK', 'XCHG_OUT', 'RCU_FREE_CB', 'KTHREAD_STOP'],
  freed: ['ALLOC_OK', 'XCHG_OUT', 'RCU_FREE_CB', 'KTHREAD_STOP', 'KTHREAD_EXIT'],
  leaked: ['ALLOC_OK', 'XCHG_OUT', 'RCU_FREE_CB', 'KTHREAD_STOP', 'KTHREAD_NEVER_RAN'],
};

const STATES = Object.keys(SPEC) as RefcountStateName[];

function entryIn(state: RefcountStateName): EntryLifecycle {
  const entry = new EntryLifecycle('cpu 4 (map 7)');
  PATH[state].forEach((ev, i) => expect(entry.send(ev, i * 100)).toBeNull());
  expect(entry.state).toBe(state);
  return entry;
}

describe('bpf_cpu_map_entry lifecycle', () => {
  it('update, then delete: xchg, call_rcu callback, kthread_stop, kthread exit free the entry with refcnt 0', () => {
    const entry = new EntryLifecycle('cpu 4 (map 7)');
    const seen: [EntryStateName, number][] = [[entry.state, entry.refcnt]];
    for (const [i, ev] of PATH.freed.entries()) {
      expect(entry.send({ type: ev }, 1000 * (i + 1))).toBeNull();
      seen.push([entry.state, entry.refcnt]);
    }
    expect(seen).toEqual([
      ['allocating', 0],
      ['live', 2],
      ['detached', 2],
      ['bulkqFlushed', 1],
      ['kthreadStopping', 1],
      ['freed', 0],
    ]);
    expect(entry.isFinal).toBe(true);
    expect(entry.history.map((h) => [h.atNs, h.from, h.to, h.event])).toEqual([
      [1000, 'allocating', 'live', 'ALLOC_OK'],
      [2000, 'live', 'detached', 'XCHG_OUT'],
      [3000, 'detached', 'bulkqFlushed', 'RCU_FREE_CB'],
      [4000, 'bulkqFlushed', 'kthreadStopping', 'KTHREAD_STOP'],
      [5000, 'kthreadStopping', 'freed', 'KTHREAD_EXIT'],
    ]);
  });

  it('allocation failure (-ENOMEM): final with refcnt 0, the entry never reaches the map slot', () => {
    const entry = entryIn('allocFailed');
    expect(entry.isFinal).toBe(true);
    expect(entry.refcnt).toBe(0);
    expect(entry.send('XCHG_OUT', 1)).toMatch(/allocFailed.*is final/);
  });

  it('kthread_stop before the kthread function ever ran: the kthread reference is never dropped and the entry leaks (CVE-2023-53441)', () => {
    const entry = entryIn('leaked');
    expect(entry.isFinal).toBe(true);
    expect(entry.refcnt).toBe(1);
    expect(entry.send('KTHREAD_EXIT', 1)).toMatch(/leaked/);
  });

  it('call_rcu callback before kthread_stop: kthread_stop while still detached is a violation', () => {
    const entry = entryIn('detached');
    const msg = entry.send('KTHREAD_STOP', 42);
    expect(msg).toContain('cpu 4 (map 7)');
    expect(msg).toContain('"detached"');
    expect(msg).toContain('KTHREAD_STOP');
    expect(msg).toContain('accepts only RCU_FREE_CB');
    expect(entry.state).toBe('detached');
  });

  it('kthread exit must be the last put: refcnt other than 1 in kthreadStopping is rejected', () => {
    const wrong = entryMachine.resolveState({ value: 'kthreadStopping', context: { refcnt: 2 } });
    expect(wrong.can({ type: 'KTHREAD_EXIT' })).toBe(false);
    const right = entryMachine.resolveState({ value: 'kthreadStopping', context: { refcnt: 1 } });
    expect(right.can({ type: 'KTHREAD_EXIT' })).toBe(true);
  });

  const outOfOrder = STATES.flatMap((state) => ENTRY_EVENT_TYPES.filter((ev) => !(ev in SPEC[state])).map((ev) => ({ state, ev })));
  it.each(outOfOrder)('out-of-order $ev while $state: reported as a violation, state unchanged', ({ state, ev }) => {
    const entry = entryIn(state);
    const before = { refcnt: entry.refcnt, history: [...entry.history] };
    const msg = entry.send(ev, 9999);
    expect(msg).not.toBeNull();
    expect(msg).toContain(`"${state}"`);
    expect(msg).toContain(ev);
    expect(entry.state).toBe(state);
    expect(entry.refcnt).toBe(before.refcnt);
    expect(entry.history).toEqual(before.history);
  });

  it('every accepted event leads where the spec says', () => {
    for (const state of STATES) {
      for (const [ev, to] of Object.entries(SPEC[state]) as [EntryEventType, EntryStateName][]) {
        const entry = entryIn(state);
        expect(entry.send(ev, 1)).toBeNull();
        expect(entry.state).toBe(to);
      }
    }
  });

  it('describeMachine lists exactly the states and transitions of the machine', () => {
    const d = describeMachine(entryMachine, REFCOUNT_WORDS);
    expect(d.states.map((s) => s.id).sort()).toEqual([...STATES].sort());
    expect(
      d.states
        .filter((s) => s.final)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['allocFailed', 'freed', 'leaked']);
    const expected = STATES.flatMap((from) => Object.entries(SPEC[from]).map(([event, to]) => ({ from, to, event })));
    expect(d.transitions.map(({ from, to, event }) => ({ from, to, event }))).toEqual(expected);
    for (const s of d.states) {
      expect(s.description.length).toBeGreaterThan(0);
      expect(REFCOUNT_FUNCTIONS[s.id].length).toBeGreaterThan(0);
      for (const fn of REFCOUNT_FUNCTIONS[s.id]) {
        expect(fn.v5_0).toMatch(/^https:\/\/elixir\.bootlin\.com\/linux\/v5\.0\/source\/kernel\/bpf\/cpumap\.c#L\d+$/);
        expect(fn.v5_2).toBe(`https://elixir.bootlin.com/linux/v5.2/C/ident/${fn.name}`);
        expect(fn.v5_4).toBe(`https://elixir.bootlin.com/linux/v5.4/C/ident/${fn.name}`);
      }
    }
    for (const t of d.transitions) expect(t.description.length).toBeGreaterThan(0);
  });

  it('history keeps only the most recent transitions', () => {
    expect(ENTRY_HISTORY_LIMIT).toBe(64);
    const entry = new EntryLifecycle('cpu 0 (map 1)', { historyLimit: 2 });
    PATH.freed.forEach((ev, i) => entry.send(ev, i));
    expect(entry.history.map((h) => h.event)).toEqual(['KTHREAD_STOP', 'KTHREAD_EXIT']);
  });
});
