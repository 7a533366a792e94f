/**
 * What `npm run sweep` does, as a function: argv in, what it prints and its exit code out. Every
 * input is checked before any point runs; the points then run on a pool of runners (main.ts:
 * worker threads) and the output is printed in the order of the points.
 */
import { availableParallelism } from 'node:os';
import { formatDuration } from '../../scenario/units';
import { describeVary } from '../../sweep/pointScenario';
import { sweepCsv, type SweepRow } from '../../sweep/sweepTable';
import type { CliOutput, SimResult } from '../run';
import { UsageError } from '../args';
import { parseSweepArgs, SWEEP_USAGE, type SweepCliOptions } from './args';
import { planSweep, type PlannedPoint } from './plan';
import { inOrder, runPool } from './pool';
import { inProcessRunner, type PointResult, type PointRunner } from './pointRunner';
import { jsonLine, textTable } from './output';

/** How progress shows on stderr: one line rewritten in place (a terminal), a line per point, or none. */
export type ProgressStyle = 'tty' | 'lines' | 'off';

export interface SweepRunOptions {
  /** Cores to run on when --jobs is not given (default: os.availableParallelism()). */
  cores?: number;
  /** Starts one runner off the main thread (main.ts: a worker thread); without it every job runs in-process. */
  startRunner?: () => PointRunner;
  /** Default 'off'. */
  progress?: ProgressStyle;
}

function usageFailure(e: UsageError, out: CliOutput): number {
  out.stderr(e.message ? `${e.message}\n\n${SWEEP_USAGE}\n` : `${SWEEP_USAGE}\n`);
  return e.message ? 2 : 0;
}

function progressPrinter(style: ProgressStyle, out: CliOutput, points: readonly PlannedPoint[]) {
  const total = points.length;
  const show = (text: string, last = false) => {
    if (style === 'lines') out.stderr(`${text}\n`);
    else if (style === 'tty') out.stderr(`\r\x1b[K${text}${last ? '\n' : ''}`);
  };
  return {
    start(jobs: number, offThread: boolean, o: SweepCliOptions) {
      const where = offThread ? `on ${jobs} worker threads` : 'in-process';
      show(`sweep: ${total} points ${where}, ${formatDuration(o.durationNs)} each (rates after ${formatDuration(o.warmupNs)})`);
    },
    done(index: number, count: number) {
      show(`sweep: ${count}/${total} points (${describeVary(points[index].vary)} done)`, count === total);
    },
  };
}

async function sweep(options: SweepCliOptions, run: SweepRunOptions, out: CliOutput): Promise<number> {
  const plan = planSweep(options.query, options.vary);
  if (!plan.ok) {
    out.stderr(`${plan.message}\n`);
    return 2;
  }
  const { axes, points } = plan;
  const jobs = Math.max(1, Math.min(options.jobs ?? run.cores ?? availableParallelism(), points.length));
  const startRunner = jobs > 1 ? run.startRunner : undefined;
  const runners: PointRunner[] = Array.from({ length: startRunner ? jobs : 1 }, startRunner ?? inProcessRunner);
  const progress = progressPrinter(run.progress ?? 'off', out, points);
  const window = { warmupNs: options.warmupNs, durationNs: options.durationNs };
  const row = (index: number, result: PointResult): SweepRow => ({ vary: points[index].vary, result });
  // JSON lines stream out in point order as the points finish; the table and CSV need every row.
  const emit = inOrder<PointResult>((index, result) => {
    if (options.mode === 'json') out.stdout(jsonLine(row(index, result)));
  });
  progress.start(runners.length, startRunner !== undefined, options);
  let results: PointResult[];
  try {
    results = await runPool(
      points.map((p) => ({ scenario: p.scenario, window })),
      runners,
      (index, result, done) => {
        emit(index, result);
        progress.done(index, done);
      },
    );
  } finally {
    await Promise.all(runners.map((r) => r.close()));
  }
  const rows = results.map((result, index) => row(index, result));
  if (options.mode === 'csv') out.stdout(sweepCsv(axes, rows));
  if (options.mode === 'text') out.stdout(textTable(axes, rows));
  for (const r of rows) {
    if (r.result.ok && r.result.report.violations.length > 0) {
      out.stderr(`${describeVary(r.vary)}: invariant violations:\n${r.result.report.violations.join('\n')}\n`);
    }
  }
  return rows.some((r) => !r.result.ok) ? 1 : 0;
}

/**
 * The sweep CLI on `argv` (without node and the script): writes what it prints to `out` and
 * resolves to the exit code: 0; 1 when a point's map create fails (the other points still run and
 * print); 2 for a bad flag, list, scenario or point, before anything runs; 0 for --help; 70 for an
 * internal error.
 */
export async function runSweep(argv: readonly string[], out: CliOutput, run: SweepRunOptions = {}): Promise<number> {
  let options: SweepCliOptions;
  try {
    options = parseSweepArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(e, out);
    throw e;
  }
  try {
    return await sweep(options, run, out);
  } catch (e) {
    out.stderr(`internal error: ${(e as Error).message}\n`);
    return 70;
  }
}

/** runSweep with what it prints collected. */
export async function collectSweep(argv: readonly string[], run: SweepRunOptions = {}): Promise<SimResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runSweep(argv, { stdout: (t) => void stdout.push(t), stderr: (t) => void stderr.push(t) }, run);
  return { stdout: stdout.join(''), stderr: stderr.join(''), code };
}
