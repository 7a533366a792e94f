/**
 * The README's table of published figures against the model: each setup run headless as
 * `npm run sim -- '<query>' --warmup 100ms --duration 300ms --json` runs it.
 */
import { parseScenario } from '../scenario/parse';
import { runPoint } from '../sweep/runPoint';
import type { RunReport } from '../cli/report';
import { PUBLISHED_FIGURES, type PublishedFigure } from './publishedFigures';

/** The measured window: past the start-up, steady. */
const WINDOW = { warmupNs: 100e6, durationNs: 300e6 };

/** Reports by query: several rows read the same run (the engine is deterministic). */
const reports = new Map<string, RunReport>();

/** The model's figure of `f` for the scenario `query`. */
function modelRun(f: PublishedFigure, query: string): number {
  let report = reports.get(query);
  if (report === undefined) {
    const { scenario, problems } = parseScenario(query);
    if (problems.length > 0) throw new Error(`${f.setup}: ${problems.map((p) => p.message).join('; ')}`);
    const run = runPoint(scenario, WINDOW);
    if (!run.ok) throw new Error(`${f.setup}: ${run.message}`);
    report = run.report;
    reports.set(query, report);
  }
  return f.read(report);
}

/** The model's figure for `f`'s setup (and, for a change, for the setup before it). */
export function modelFigure(f: PublishedFigure): { value: number; before?: number } {
  const value = modelRun(f, f.query);
  return f.before === undefined ? { value } : { value, before: modelRun(f, f.before.query) };
}

/** A change as a signed percentage, "+15.7%". */
function change(after: number, before: number): string {
  const d = Math.round((after / before - 1) * 1000) / 10;
  return d === 0 ? '0.0%' : `${d > 0 ? '+' : ''}${d.toFixed(1)}%`;
}

const pps = (n: number) => Math.round(n).toLocaleString('en-US');

export function publishedTable(figures: readonly PublishedFigure[] = PUBLISHED_FIGURES): string {
  const rows = figures.map((f) => {
    const model = modelFigure(f);
    if (f.before === undefined || model.before === undefined) {
      return `| ${f.source} | ${f.setup} | ${f.figure} | ${pps(f.published)} | ${pps(model.value)} | ${change(model.value, f.published)} | ${f.use} | ${f.why} |`;
    }
    // A change: each side's before and after, and the model's change against the published one.
    const published = `${pps(f.before.published)} to ${pps(f.published)} (${change(f.published, f.before.published)})`;
    const modelled = `${pps(model.before)} to ${pps(model.value)} (${change(model.value, model.before)})`;
    const against = `${change(model.value / model.before, f.published / f.before.published)} on the ratio`;
    return `| ${f.source} | ${f.setup} | ${f.figure} | ${published} | ${modelled} | ${against} | ${f.use} | ${f.why} |`;
  });
  return [
    '| source | setup | figure | published | model | model against published | use | where they differ, and why |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
