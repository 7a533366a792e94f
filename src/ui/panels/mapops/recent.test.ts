import { describe, expect, it } from 'vitest';
import type { OpRecord } from '../../../engine/engine';
import { nextRecent, RECENT } from './recent';

const rec = (at: number, key: number): OpRecord => ({
  at,
  op: 'update',
  key,
  qsize: 64,
  flags: 0,
  result: '0',
  value: null,
  next: null,
  reason: 'ok',
});

describe('nextRecent', () => {
  it('appends each new record with the status text that came with it, keeping the last few', () => {
    let state = { opLog: [] as OpRecord[], opStatus: 'BPF_MAP_CREATE: 0' };
    let list = nextRecent([], state, state);
    expect(list).toEqual([]);
    for (let i = 0; i < RECENT + 2; i++) {
      const next = { opLog: [...state.opLog, rec(i * 1000, i)].slice(-3), opStatus: `update key ${i}: 0 (ok)` };
      list = nextRecent(list, state, next);
      state = next;
    }
    expect(list).toHaveLength(RECENT);
    expect(list[RECENT - 1]).toEqual({ at: (RECENT + 1) * 1000, text: `update key ${RECENT + 1}: 0 (ok)`, n: RECENT + 1 });
  });

  it('ignores changes that bring no new record, and clears on a new scenario', () => {
    const a = { opLog: [rec(5, 1)], opStatus: 'update key 1: 0 (ok)' };
    const list = nextRecent([], { opLog: [], opStatus: '' }, a);
    expect(nextRecent(list, a, { ...a, opStatus: 'other' })).toBe(list);
    expect(nextRecent(list, a, { opLog: [...a.opLog], opStatus: 'x' })).toBe(list);
    expect(nextRecent(list, a, { opLog: [], opStatus: 'BPF_MAP_CREATE: 0' })).toEqual([]);
  });

  it('forgets the results after the time the run went back to', () => {
    const a = { opLog: [rec(5, 1)], opStatus: 'update key 1: 0 (ok)' };
    const b = { opLog: [...a.opLog, rec(9, 2)], opStatus: 'update key 2: 0 (ok)' };
    let list = nextRecent([], { opLog: [], opStatus: '' }, a);
    list = nextRecent(list, a, b);
    expect(list.map((r) => r.at)).toEqual([5, 9]);
    // Back to 7: the store keeps the records up to then.
    expect(nextRecent(list, b, { opLog: [rec(5, 1)], opStatus: b.opStatus }).map((r) => r.text)).toEqual(['update key 1: 0 (ok)']);
  });
});
