import { describe, expect, it } from 'vitest';
import { Engine } from '../../../engine/engine';
import { parseScenario } from '../../../scenario/parse';
import { inspect } from '../../../worker/inspect';
import type { InspectTarget } from '../../../worker/protocol';
import { pseudocodeFor } from './pseudocode';

/** Every target worth inspecting in `engine` now. */
function targets(engine: Engine): InspectTarget[] {
  const out: InspectTarget[] = [];
  for (let cpu = 0; cpu < engine.world.cpus.length; cpu++) out.push({ kind: 'cpu', cpu });
  for (let queue = 0; queue < engine.world.nicQueues.length; queue++) out.push({ kind: 'nic', queue });
  for (const e of engine.entries) {
    out.push({ kind: 'entry', uid: e.uid });
    for (let cpu = 0; cpu < 2; cpu++) out.push({ kind: 'bulkq', uid: e.uid, cpu });
  }
  for (let frame = 0; frame < 40; frame++) out.push({ kind: 'frame', frame });
  return out;
}

/** Runs `query` in small steps, inspecting everything; returns the fn:step pairs seen. */
function collect(query: string, untilNs: number, stepNs: number): Set<string> {
  const engine = new Engine(parseScenario(query).scenario);
  const seen = new Set<string>();
  for (let t = stepNs; t <= untilNs; t += stepNs) {
    engine.runUntil(t);
    for (const target of targets(engine)) {
      const code = inspect(engine, target).code;
      if (code?.step === undefined) continue;
      const p = pseudocodeFor(code.fn);
      // A step is only worth sending if the panel can find its line.
      expect(p, code.fn).toBeDefined();
      expect(
        p?.lines.some((l) => l.step === code.step),
        `${code.fn}:${code.step}`,
      ).toBe(true);
      seen.add(`${code.fn}:${code.step}`);
    }
  }
  return seen;
}

describe('inspection steps', () => {
  it('name existing pseudocode lines through an entry deleted under load (v5.2)', () => {
    const seen = collect('rx=0,1&entries=4:256,5:256&rate=4M&ops=1ms:delete:4', 3e6, 20e3);
    for (const expected of [
      'cpu_map_kthread_run:top',
      'cpu_map_kthread_stop:rcuBarrier',
      'put_cpu_map_entry:free',
      'napi_complete_done:complete',
    ]) {
      expect([...seen], expected).toContain(expected);
    }
  });

  it('name existing pseudocode lines on v5.0 at a trickle (sleeps and wake-ups)', () => {
    const seen = collect('kernel=5.0&rx=0&entries=4:192&rate=200k&prog=rr&arrival=constant', 1e6, 7e3);
    expect(seen).toContain('cpu_map_kthread_run:sleeping');
  });

  it('name existing pseudocode lines of v6.6 through an update that waits and a delete by queue_rcu_work', () => {
    const seen = collect(
      'kernel=6.6&cpus=4&rx=0&entries=1:256,2:256&rate=2M&ops=2ms:rt:3:1ms,2.1ms:update:3:256,3.5ms:delete:3',
      6e6,
      20e3,
    );
    for (const expected of ['cpu_map_update_elem:waitKthread', '__cpu_map_entry_replace:queueRcuWork', '__cpu_map_entry_free:freeAll']) {
      expect([...seen], expected).toContain(expected);
    }
  });
});
