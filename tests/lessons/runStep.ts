/**
 * Runs a lesson step the way the page does (load the query, run to the checkpoint with 1 ms
 * statistics samples) and reports what the page would show there: the answer to its question and
 * the accessible names of the topology's elements. Not a test file itself.
 */
import { Engine } from '../../src/engine/engine';
import { takeSnapshot } from '../../src/engine/snapshot';
import { answerAt, type AnswerSample } from '../../src/lessons/answer';
import type { LessonStep, StatQuery } from '../../src/lessons/types';
import { parseScenario } from '../../src/scenario/parse';
import { hotspots } from '../../src/ui/topology/hotspots';
import { computeLayout } from '../../src/ui/topology/layout';
import { StatsSampler } from '../../src/worker/statsSampler';
import { topologyOf } from '../../src/worker/topology';

export const MS = 1_000_000;

export interface StepRun {
  engine: Engine;
  samples: AnswerSample[];
}

/** Builds the step's engine and runs it to `until` (default: the checkpoint), sampling every 1 ms. */
export function runStep(step: Pick<LessonStep, 'query' | 'pauseAt'>, until = step.pauseAt): StepRun {
  const engine = new Engine(parseScenario(step.query).scenario);
  const sampler = new StatsSampler(MS);
  sampler.reset(engine);
  const samples: AnswerSample[] = [];
  // Drain every simulated millisecond: the sampler keeps only a bounded backlog.
  while (engine.now < until) {
    sampler.runUntil(engine, Math.min(until, (Math.floor(engine.now / MS) + 1) * MS));
    samples.push(...sampler.drain());
  }
  return { engine, samples };
}

/** The answer to `q` over the last `windowNs` before the run's current time. */
export function answerOf(run: StepRun, q: StatQuery, windowNs: number): number | null {
  return answerAt(run.samples, q, windowNs, run.engine.now);
}

/**
 * The accessible names the Topology shows for this engine now: the page's own layout and naming
 * (computeLayout and hotspots are pure), fed as the page feeds them (the topology of the loaded
 * scenario, the entries of the latest snapshot), on a canvas large enough for every button.
 */
export function topologyNames(engine: Engine): Set<string> {
  const topology = topologyOf(engine);
  const entries = takeSnapshot(engine).entries.map((e) => ({ uid: e.uid, cpu: e.cpu, qsize: e.qsize, inSlot: e.inSlot }));
  const layout = computeLayout({ topology, entries, width: 1600, height: 1000 });
  return new Set(hotspots(layout, entries).map((h) => h.name));
}

/**
 * The same names from the rule alone, as a cross-check of the layout: "CPU n" for every CPU, "RX
 * queue q on CPU c" for every NIC queue, "Entry for CPU n" for every entry in the snapshot and
 * "Bulk queue CPU a to CPU b" for every RX CPU a and entry b, with " (old, uid N)" after an
 * entry that shares its CPU with the one in the slot (or with a newer one).
 */
export function expectedNames(engine: Engine): Set<string> {
  const names = new Set<string>();
  const s = engine.scenario;
  for (let c = 0; c < s.cpus; c++) names.add(`CPU ${c}`);
  const rxCpus = new Set<number>();
  for (const q of engine.world.nicQueues) {
    names.add(`RX queue ${q.index} on CPU ${q.cpu}`);
    rxCpus.add(q.cpu);
  }
  const entries = takeSnapshot(engine).entries;
  for (const e of entries) {
    const same = entries.filter((x) => x.cpu === e.cpu);
    const current = same.find((x) => x.inSlot) ?? same.reduce((a, b) => (b.uid > a.uid ? b : a));
    const suffix = same.length > 1 && current.uid !== e.uid ? ` (old, uid ${e.uid})` : '';
    names.add(`Entry for CPU ${e.cpu}${suffix}`);
    for (const rx of rxCpus) names.add(`Bulk queue CPU ${rx} to CPU ${e.cpu}${suffix}`);
  }
  return names;
}
