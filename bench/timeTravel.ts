/**
 * Time travel figures: run a scenario as the explorer's worker does (1 ms slices, a checkpoint
 * every 20 ms of simulation work, thinned within the budget), then go back to random points of
 * the last simulated second and time each trip. Prints the checkpoints' count and memory.
 */
import { Engine } from '../src/engine/engine';
import { parseScenario } from '../src/scenario/parse';
import { StatsSampler } from '../src/worker/statsSampler';
import { DEFAULT_TIMELINE_OPTIONS, Timeline, type RunState } from '../src/worker/timeline';
import { LINE_RATE } from './scenarios';

const MS = 1e6;
const MiB = 2 ** 20;

function stateFor(query: string): RunState {
  const engine = new Engine(parseScenario(query).scenario);
  const sampler = new StatsSampler(MS);
  sampler.reset(engine);
  return { engine, sampler };
}

/** A small deterministic generator for the seek targets (the bench's numbers are reproducible). */
function targets(count: number, from: number, to: number): number[] {
  let x = 0x2545f491;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push(Math.round(from + ((x >>> 0) / 2 ** 32) * (to - from)));
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function trip(label: string, query: string, simNs: number): void {
  const timeline = new Timeline();
  let state = stateFor(query);
  timeline.start(state);
  const t0 = performance.now();
  while (state.engine.now < simNs) {
    const start = performance.now();
    state.sampler.runUntil(state.engine, state.engine.now + MS);
    state.sampler.drain();
    timeline.advanced(state, performance.now() - start);
  }
  const runS = (performance.now() - t0) / 1000;
  const before = timeline.stats();
  const times: number[] = [];
  for (const t of targets(40, simNs - 1e9, simNs)) {
    const start = performance.now();
    state = timeline.seek(state, t, (s, to) => s.sampler.runUntil(s.engine, to));
    times.push(performance.now() - start);
    if (state.engine.now !== t) throw new Error(`seek to ${t} landed at ${state.engine.now}`);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(`${label}: ${simNs / 1e9} simulated s in ${runS.toFixed(1)} s of wall time`);
  console.log(
    `  checkpoints: ${before.count}, ${(before.bytes / MiB).toFixed(1)} MiB (budget ${DEFAULT_TIMELINE_OPTIONS.budgetBytes / MiB} MiB, ratio ${(before.bytes / DEFAULT_TIMELINE_OPTIONS.budgetBytes).toFixed(2)}), ` +
      `one every ${DEFAULT_TIMELINE_OPTIONS.everyWallMs} ms of simulation work`,
  );
  console.log(
    `  going back to 40 points of the last simulated second: mean ${mean.toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms (goal < 200 ms)`,
  );
}

export function timeTravel(): void {
  console.log('Time travel (checkpoints + exact replay)');
  trip('  Default scenario', '', 12e9);
  trip('  Line rate', LINE_RATE, 2e9);
}
