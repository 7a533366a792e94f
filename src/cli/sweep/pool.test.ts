import { expect, it } from 'vitest';
import { inOrder, runPool, type TaskRunner } from './pool';

/** A runner that doubles a number after `delay(n)` ms and logs what it ran. */
function runner(log: number[], delay: (n: number) => number): TaskRunner<number, number> {
  return {
    run: (n) =>
      new Promise((resolve, reject) =>
        setTimeout(() => {
          log.push(n);
          if (n < 0) reject(new Error(`task ${n} failed`));
          else resolve(2 * n);
        }, delay(n)),
      ),
    close: async () => {},
  };
}

it('returns results in task order while runners finish out of order, each runner taking the next task', async () => {
  const log: number[] = [];
  const done: number[] = [];
  const slowOnOdd = (n: number) => (n % 2 === 1 ? 20 : 1);
  const results = await runPool([0, 1, 2, 3, 4], [runner(log, slowOnOdd), runner(log, slowOnOdd)], (index, _r, count) =>
    done.push(index * 10 + count),
  );
  expect(results).toEqual([0, 2, 4, 6, 8]);
  // Task 1 is slow, so the other runner takes 2, 3 meanwhile: finished out of order, counted in order.
  expect(log).not.toEqual([0, 1, 2, 3, 4]);
  expect(done.map((d) => d % 10)).toEqual([1, 2, 3, 4, 5]);
});

it('stops taking tasks after one fails and rejects with its failure', async () => {
  const log: number[] = [];
  await expect(runPool([1, -1, 2, 3, 4], [runner(log, () => 1)])).rejects.toThrow('task -1 failed');
  expect(log).toEqual([1, -1]);
});

it('inOrder passes results on in index order as soon as each gap fills', () => {
  const seen: number[] = [];
  const emit = inOrder<string>((index) => seen.push(index));
  emit(2, 'c');
  emit(1, 'b');
  expect(seen).toEqual([]);
  emit(0, 'a');
  expect(seen).toEqual([0, 1, 2]);
  emit(3, 'd');
  expect(seen).toEqual([0, 1, 2, 3]);
});
