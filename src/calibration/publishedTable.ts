/**
 * The README's table of published figures against the model: each setup run headless as
 * `npm run sim -- '<query>' --warmup 100ms --duration 300ms --json` runs it.
 */
import { parseScenario } from '../scenario/parse';
import { runPoint } from '../sweep/runPoint';
import { PUBLISHED_FIGURES, type PublishedFigure } from './publishedFigures';

/** The measured window: past the start-up, steady. */
const WINDOW = { warmupNs: 100e6, durationNs: 300e6 };

/** The model's figure for `f`'s setup. */
export function modelFigure(f: PublishedFigure): number {
  const { scenario, problems } = parseScenario(f.query);
  if (problems.length > 0) throw new Error(`${f.setup}: ${problems.map((p) => p.message).join('; ')}`);
  const run = runPoint(scenario, WINDOW);
  if (!run.ok) throw new Error(`${f.setup}: ${run.message}`);
  return f.read(run.report);
}

const pps = (n: number) => Math.round(n).toLocaleString('en-US');

function difference(model: number, published: number): string {
  const d = Math.round(((model - published) / published) * 1000) / 10;
  return d === 0 ? '0.0%' : `${d > 0 ? '+' : ''}${d.toFixed(1)}%`;
}

export function publishedTable(figures: readonly PublishedFigure[] = PUBLISHED_FIGURES): string {
  const rows = figures.map((f) => {
    const model = modelFigure(f);
    return `| ${f.source} | ${f.setup} | ${f.figure} | ${pps(f.published)} | ${pps(model)} | ${difference(model, f.published)} | ${f.use} | ${f.why} |`;
  });
  return [
    '| source | setup | figure | published | model | model against published | use | where they differ, and why |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
