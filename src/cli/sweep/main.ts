/**
 * `npm run sweep`: a scenario run once per point of one or two varied parameters, the points on
 * worker threads. This file is also each worker thread's script (scripts/run-ts.mjs bundles it
 * into one module): off the main thread it only serves points.
 */
import { isMainThread } from 'node:worker_threads';
import { runSweep } from './run';
import { servePoints, workerThreadRunner } from './pointRunner';

if (isMainThread) {
  const script = new URL(import.meta.url);
  process.exitCode = await runSweep(
    process.argv.slice(2),
    { stdout: (text) => void process.stdout.write(text), stderr: (text) => void process.stderr.write(text) },
    { startRunner: () => workerThreadRunner(script), progress: process.stderr.isTTY ? 'tty' : 'lines' },
  );
} else {
  servePoints();
}
