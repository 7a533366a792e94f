import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { MAX_CPUS } from '../engine/kernel/limits';
import { parseScenario } from '../scenario/parse';
import { stepOnce } from './stepOnce';
import { probeStep, stepCaption } from './stepCaption';

function engineFor(query: string): Engine {
  return new Engine(parseScenario(query).scenario);
}

/** Steps by `unit` until the caption matches `pattern` (at most `limit` steps). */
function stepUntilCaption(engine: Engine, unit: 'event' | 'poll' | 'batch', pattern: RegExp, limit = 200): RegExpExecArray {
  for (let i = 0; i < limit; i++) {
    const before = probeStep(engine);
    stepOnce(engine, unit);
    const m = pattern.exec(stepCaption(engine, before, probeStep(engine)));
    if (m !== null) return m;
  }
  throw new Error(`no caption matched ${pattern}`);
}

describe('stepCaption', () => {
  it('names the poll, the frames taken and where they were redirected, as the counters count them', () => {
    const engine = engineFor('rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant');
    const rxBefore = engine.world.counters.rxProcessed[0];
    const m = stepUntilCaption(engine, 'poll', /CPU 0's NAPI poll took (\d+) frames? from rxq 0; (\d+) redirected to CPU 4's bulk queue/);
    expect(Number(m[1])).toBe(engine.world.counters.rxProcessed[0] - rxBefore);
    expect(Number(m[2])).toBe(Number(m[1]));
  });

  it('says what a flush put into the ring and what a kthread batch consumed', () => {
    const engine = engineFor('rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant');
    const c = engine.world.counters;
    const enq = () => c.enqProcessed[0 * MAX_CPUS + 4];
    const before = enq();
    const flush = stepUntilCaption(engine, 'event', /bq_flush_to_queue: CPU 0 flushed (\d+) frames? into CPU 4's ptr_ring/);
    expect(Number(flush[1])).toBe(enq() - before);
    const kthBefore = c.kthProcessed[4];
    const batch = stepUntilCaption(
      engine,
      'batch',
      /cpumap\/4\/map:\d+ (?:woke and )?consumed (\d+) frames?(?: in \d+ iterations)?; (\d+) SKBs? to the stack/,
    );
    expect(Number(batch[1])).toBe(c.kthProcessed[4] - kthBefore);
    expect(Number(batch[2])).toBe(Number(batch[1]));
  });

  it('starts with the simulated time and says so when nothing countable happened', () => {
    const engine = engineFor('rx=0&entries=4:192&rate=0');
    const before = probeStep(engine);
    const text = stepCaption(engine, before, probeStep(engine));
    expect(text).toBe('At 0.000000 ms: No frame moved and no counter changed.');
  });
});
