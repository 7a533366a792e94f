import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { EventLog } from './eventLog';
import { MAX_CPUS } from './kernel/limits';
import { parseScenario } from '../scenario/parse';

describe('EventLog', () => {
  it('records polls, flushes and kthread iterations that add up to the counters', () => {
    const engine = new Engine(parseScenario('rx=0&entries=4:192&rate=1M&prog=rr').scenario);
    const log = new EventLog(1 << 16);
    engine.world.events = log;
    engine.runUntil(200_000);
    const events = log.read();
    expect(log.written).toBeLessThan(log.capacity);
    const sum = (kind: string, field: 'a' | 'b') => events.filter((e) => e.kind === kind).reduce((n, e) => n + e[field], 0);
    const c = engine.world.counters;
    expect(sum('poll', 'b')).toBe(c.rxProcessed[0]);
    expect(sum('flush', 'b')).toBe(c.enqProcessed[0 * MAX_CPUS + 4]);
    expect(sum('kthread', 'a')).toBe(c.kthProcessed[4]);
    expect(events.some((e) => e.kind === 'wake' && e.cpu === 4)).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i].at).toBeGreaterThanOrEqual(events[i - 1].at);
  });

  it('keeps only the newest records', () => {
    const log = new EventLog(4);
    for (let i = 0; i < 10; i++) log.push(5, i, -1, -1, i);
    expect(log.read().map((e) => e.a)).toEqual([6, 7, 8, 9]);
    expect(log.read(8).map((e) => e.a)).toEqual([8, 9]);
  });
});
