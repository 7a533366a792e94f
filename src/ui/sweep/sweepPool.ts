/**
 * Runs a sweep's points on a pool of workers: each worker takes the next point as soon as it has
 * answered one, and each answer is handed on with its point's index, so the caller can place it
 * in list order whatever finished first. A worker that dies costs its point (named as that
 * point's error) and is replaced while points remain. Cancel terminates them all; answers already
 * handed on stay the caller's. Free of the DOM: the worker is made by `spawn` (a fake in tests).
 */
import type { SweepJob, SweepReply } from '../../worker/sweepProtocol';

/** What the pool needs of a worker (a Web Worker has it). */
export interface PoolWorker {
  postMessage(job: SweepJob): void;
  terminate(): void;
  onmessage: ((event: { data: SweepReply }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
}

/** Workers for `points` points on a machine with `cores` logical cores: one core is left for the page. */
export function poolSize(cores: number | undefined, points: number): number {
  const spare = Math.max(1, Math.floor(cores ?? 2) - 1);
  return Math.max(1, Math.min(spare, points));
}

export interface PoolOptions {
  size: number;
  spawn: () => PoolWorker;
  /** One point's answer (each index once). */
  onReply: (reply: SweepReply) => void;
  /** Every point has answered (not called after cancel). */
  onDone: () => void;
}

export interface PoolRun {
  cancel(): void;
}

export function runPool(jobs: readonly SweepJob[], { size, spawn, onReply, onDone }: PoolOptions): PoolRun {
  const workers = new Set<PoolWorker>();
  let next = 0;
  let left = jobs.length;
  let stopped = false;

  const stop = (): void => {
    stopped = true;
    for (const w of workers) w.terminate();
    workers.clear();
  };
  const answer = (reply: SweepReply): void => {
    if (stopped) return;
    onReply(reply);
    if (--left === 0) {
      stop();
      onDone();
    }
  };

  const start = (): void => {
    const w = spawn();
    workers.add(w);
    let current: SweepJob | null = null;
    const feed = (): void => {
      if (stopped) return;
      if (next >= jobs.length) {
        w.terminate();
        workers.delete(w);
        return;
      }
      current = jobs[next++];
      w.postMessage(current);
    };
    w.onmessage = (event) => {
      if (current === null || event.data.index !== current.index) return;
      current = null;
      answer(event.data);
      feed();
    };
    w.onerror = (event) => {
      // The page should not treat the worker's failure as its own error: it is the point's.
      event.preventDefault?.();
      w.terminate();
      workers.delete(w);
      const lost = current;
      current = null;
      if (lost !== null)
        answer({ index: lost.index, ok: false, message: `the sweep worker stopped: ${event.message || 'it could not start'}` });
      if (!stopped && next < jobs.length) start();
    };
    feed();
  };

  if (jobs.length === 0) queueMicrotask(onDone);
  for (let i = 0; i < Math.min(size, jobs.length); i++) start();
  return { cancel: stop };
}
