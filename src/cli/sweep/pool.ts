/**
 * Runs a list of tasks on a few runners at once (worker threads, or in-process runners in tests):
 * each runner takes the next task when it finishes one, so the fastest runners do the most. The
 * results come back in the order of the tasks whatever order they finish in.
 */

/** Runs tasks one at a time: one worker thread, or the main thread itself. */
export interface TaskRunner<T, R> {
  run(task: T): Promise<R>;
  /** Releases the runner (ends its thread) once the pool is done with it. */
  close(): Promise<void>;
}

/**
 * Every task's result, in task order. `onDone` is called as each task finishes, with its index
 * and how many have finished. The first task that fails stops the pool: no runner takes another
 * task, and the returned promise rejects with that failure.
 */
export async function runPool<T, R>(
  tasks: readonly T[],
  runners: readonly TaskRunner<T, R>[],
  onDone?: (index: number, result: R, done: number) => void,
): Promise<R[]> {
  if (runners.length === 0 && tasks.length > 0) throw new Error('a pool needs at least one runner');
  const results = new Array<R>(tasks.length);
  let next = 0;
  let done = 0;
  let failed = false;
  async function drain(runner: TaskRunner<T, R>): Promise<void> {
    while (!failed && next < tasks.length) {
      const index = next++;
      try {
        results[index] = await runner.run(tasks[index]);
      } catch (e) {
        failed = true;
        throw e;
      }
      done++;
      onDone?.(index, results[index], done);
    }
  }
  await Promise.all(runners.map(drain));
  return results;
}

/**
 * Calls `emit` for each result in task order as soon as it and every one before it are done: a
 * pool's onDone that streams output in order while tasks finish out of order.
 */
export function inOrder<R>(emit: (index: number, result: R) => void): (index: number, result: R) => void {
  const waiting = new Map<number, R>();
  let next = 0;
  return (index, result) => {
    waiting.set(index, result);
    while (waiting.has(next)) {
      const r = waiting.get(next) as R;
      waiting.delete(next);
      emit(next++, r);
    }
  };
}
