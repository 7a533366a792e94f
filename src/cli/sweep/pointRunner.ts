/**
 * The runners of sweep points: in-process (one job, and tests) or one worker thread each. A
 * worker thread is the entry script itself started again off the main thread, where it calls
 * servePoints: the bundle run by scripts/run-ts.mjs is one file, so its URL is all a thread needs.
 */
import { Worker, parentPort } from 'node:worker_threads';
import type { Scenario } from '../../scenario/types';
import { runPoint, type PointWindow } from '../../sweep/runPoint';
import type { TaskRunner } from './pool';

/** One point to run: its scenario (a structured clone keeps it exact) and window. */
export interface PointTask {
  scenario: Scenario;
  window: PointWindow;
}
export type PointResult = ReturnType<typeof runPoint>;
export type PointRunner = TaskRunner<PointTask, PointResult>;

/** Runs points on the calling thread. */
export function inProcessRunner(): PointRunner {
  return {
    run: async (task) => runPoint(task.scenario, task.window),
    close: async () => {},
  };
}

/** Runs points on a new worker thread started from `script`, which must call servePoints off the main thread. */
export function workerThreadRunner(script: URL): PointRunner {
  const worker = new Worker(script);
  let pending: { resolve(r: PointResult): void; reject(e: Error): void } | null = null;
  const settle = () => {
    const p = pending;
    pending = null;
    return p;
  };
  worker.on('message', (result: PointResult) => settle()?.resolve(result));
  worker.on('error', (e) => settle()?.reject(e));
  worker.on('exit', (code) => settle()?.reject(new Error(`a sweep worker thread stopped (exit code ${code})`)));
  return {
    run: (task) =>
      new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(task);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}

/** A worker thread's side: runs each point it is sent and sends back the result. */
export function servePoints(): void {
  const port = parentPort;
  if (port === null) throw new Error('servePoints runs on a worker thread');
  port.on('message', (task: PointTask) => port.postMessage(runPoint(task.scenario, task.window)));
}
