import { describe, expect, it } from 'vitest';
import { entryLabel, formatSpan, rcuLine, timelineCaption, waitingFor } from './words';
import { describeMachine } from '../../../engine/lifecycle/describe';
import { entryMachine, type EntryStateName } from '../../../engine/lifecycle/entryMachine';

const fmt = (ns: number): string => `${ns}ns`;

describe('lifecycle wording', () => {
  it('labels entries and their tables', () => {
    expect(entryLabel({ cpu: 4, mapId: 7, uid: 3 })).toBe('cpu 4, map 7, entry #3');
    expect(timelineCaption({ cpu: 4, uid: 3 })).toBe('Transitions of cpu 4 (entry #3)');
  });

  it('describes the RCU state', () => {
    expect(rcuLine({ completed: 2, inProgress: false, gpStartNs: 0, pendingCallbacks: 0 }, 10, fmt)).toBe(
      'RCU: no grace period in progress (2 completed); 0 callbacks pending',
    );
    expect(rcuLine({ completed: 2, inProgress: true, gpStartNs: 1000, pendingCallbacks: 1 }, 3500, fmt)).toBe(
      'RCU: grace period #3 in progress since 1000ns (2.500 µs); 1 callback pending',
    );
  });

  it('says what every state of the machine waits for', () => {
    const ring = { size: 8, producer: 0, consumerHead: 0, consumerTail: 0, count: 1, batch: 1 };
    for (const s of describeMachine(entryMachine).states) {
      expect(waitingFor({ state: s.id as EntryStateName, ring, kthread: null }).length).toBeGreaterThan(0);
    }
  });

  it('formats spans', () => {
    expect(formatSpan(12)).toBe('12 ns');
    expect(formatSpan(1500)).toBe('1.500 µs');
    expect(formatSpan(2.5e6)).toBe('2.500 ms');
  });
});
