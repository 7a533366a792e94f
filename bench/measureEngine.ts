/**
 * The engine's speed on one scenario: wall nanoseconds per simulated frame and the real-time
 * factor, the best of a few repetitions after a warm-up (this machine has 2 cores, and another
 * process may be using the other one).
 */
import '../src/engine/kernel/lateKernelInstall';
import { Engine } from '../src/engine/engine';
import { parseScenario } from '../src/scenario/parse';
import type { Scenario } from '../src/scenario/types';

/** The engine for a bench scenario query; a query with a problem is a bench bug. */
export function engineFor(query: string, options: { latency?: boolean } = {}): Engine {
  return new Engine(scenarioFor(query), options);
}

/** The scenario of a bench query; a query with a problem is a bench bug. */
export function scenarioFor(query: string): Scenario {
  const { scenario, problems } = parseScenario(query);
  if (problems.length > 0) throw new Error(`bench scenario invalid: ${problems.map((p) => p.message).join('; ')}`);
  return scenario;
}

export interface EngineSpeed {
  /** Wall nanoseconds per frame offered, in the best repetition. */
  nsPerFrame: number;
  /** Simulated seconds per wall second, in the best repetition. */
  rtf: number;
  /** Frames offered in one repetition, and its simulated nanoseconds. */
  frames: number;
  simNs: number;
  /** Violations of the engine's invariants at the end. */
  violations: number;
}

export interface MeasureOptions {
  /** Simulated warm-up before measuring (JIT and steady state). */
  warmupNs: number;
  /** Frames to offer in each repetition: the simulated time per repetition follows from the scenario's rate. */
  framesPerRep: number;
  reps: number;
}

/** The model's own cost: latency is not recorded (the throughput section gives its cost). */
export function measureEngine(query: string, opts: MeasureOptions): EngineSpeed {
  const scenario = scenarioFor(query);
  const engine = new Engine(scenario, { latency: false });
  let t = opts.warmupNs;
  engine.runUntil(t);
  const simNs = Math.round((opts.framesPerRep / scenario.rate) * 1e9);
  let best = { nsPerFrame: Infinity, rtf: 0, frames: 0 };
  for (let i = 0; i < opts.reps; i++) {
    const offered0 = engine.world.acct.offered;
    const t0 = performance.now();
    t += simNs;
    engine.runUntil(t);
    const wallMs = performance.now() - t0;
    const frames = engine.world.acct.offered - offered0;
    const nsPerFrame = (wallMs * 1e6) / frames;
    if (nsPerFrame < best.nsPerFrame) best = { nsPerFrame, rtf: simNs / 1e6 / wallMs, frames };
  }
  return { ...best, simNs, violations: engine.check().length };
}
