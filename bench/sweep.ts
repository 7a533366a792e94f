/**
 * The 5-point qsize sweep of the "10G line rate over 4 CPUs" preset as `npm run sweep` runs it,
 * with the page's Sweep panel window: wall time on a worker thread per core (the threads'
 * start-up included), and one point after another in-process for comparison.
 */
import { availableParallelism } from 'node:os';
import { PRESETS } from '../src/scenario/presets';
import { formatDuration } from '../src/scenario/units';
import { PAGE_SWEEP_WINDOW } from '../src/sweep/sweepDefaults';
import { collectSweep } from '../src/cli/sweep/run';
import { workerThreadRunner } from '../src/cli/sweep/pointRunner';

const QSIZES = 'qsize=32,64,128,256,512';

/** `script` is the bench's own bundle, which serves points off the main thread. */
export async function sweepBench(script: URL): Promise<void> {
  const preset = PRESETS.find((p) => p.id === 'line-rate-4');
  if (preset === undefined) throw new Error('the line-rate-4 preset is gone');
  const { warmupNs, durationNs } = PAGE_SWEEP_WINDOW;
  const argv = [preset.query, '--vary', QSIZES, '--duration', formatDuration(durationNs), '--warmup', formatDuration(warmupNs), '--json'];
  const points = QSIZES.split(',').length;
  const timed = async (jobs: number) => {
    const t0 = performance.now();
    const r = await collectSweep([...argv, '--jobs', String(jobs)], { startRunner: () => workerThreadRunner(script) });
    if (r.code !== 0) throw new Error(`the bench sweep failed: ${r.stderr}`);
    return (performance.now() - t0) / 1000;
  };
  const jobs = Math.min(availableParallelism(), points);
  const parallel = await timed(jobs);
  const serial = await timed(1);
  const measured = formatDuration(durationNs - warmupNs);
  console.log(`Sweep in the CLI: ${QSIZES} on "${preset.title}", ${measured} after ${formatDuration(warmupNs)} of warm-up per point`);
  console.log(
    `  ${points} points on ${jobs} worker threads: ${parallel.toFixed(2)} s of wall time, ${(parallel / points).toFixed(3)} s per point`,
  );
  console.log(`  ${points} points in-process, one at a time: ${serial.toFixed(2)} s, ${(serial / points).toFixed(3)} s per point`);
}
