import { describe, expect, it } from 'vitest';
import { poolSize, runPool, type PoolWorker } from './sweepPool';
import type { SweepJob, SweepReply } from '../../worker/sweepProtocol';

/** A worker the test answers by hand: it records the jobs it was given. */
class FakeWorker implements PoolWorker {
  onmessage: PoolWorker['onmessage'] = null;
  onerror: PoolWorker['onerror'] = null;
  jobs: SweepJob[] = [];
  terminated = false;
  postMessage(job: SweepJob): void {
    this.jobs.push(job);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers its latest job. */
  reply(ok = true): void {
    const index = this.jobs.at(-1)!.index;
    this.onmessage?.({
      data: ok ? ({ index, ok: true, report: { index } } as unknown as SweepReply) : { index, ok: false, message: 'no' },
    });
  }
  crash(message: string): void {
    this.onerror?.({ message });
  }
}

const window = { warmupNs: 0, durationNs: 1e6 };
const jobs = (n: number): SweepJob[] => Array.from({ length: n }, (_, index) => ({ index, query: `seed=${index + 1}`, window }));

function pool(n: number, size: number) {
  const workers: FakeWorker[] = [];
  const replies: SweepReply[] = [];
  let done = 0;
  const run = runPool(jobs(n), {
    size,
    spawn: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    onReply: (r) => replies.push(r),
    onDone: () => done++,
  });
  return { workers, replies, run, done: () => done };
}

describe('the sweep pool', () => {
  it('has one worker per core less one, at least one and at most one per point', () => {
    expect(poolSize(8, 5)).toBe(5);
    expect(poolSize(8, 20)).toBe(7);
    expect(poolSize(2, 5)).toBe(1);
    expect(poolSize(1, 5)).toBe(1);
    expect(poolSize(undefined, 5)).toBe(1);
    expect(poolSize(16, 1)).toBe(1);
  });

  it('hands each worker the next point as it answers, and each answer with its index whatever the order', () => {
    const p = pool(5, 2);
    expect(p.workers).toHaveLength(2);
    expect(p.workers.map((w) => w.jobs.map((j) => j.index))).toEqual([[0], [1]]);
    p.workers[1].reply();
    expect(p.workers[1].jobs.map((j) => j.index)).toEqual([1, 2]);
    p.workers[1].reply();
    p.workers[0].reply();
    p.workers[1].reply();
    p.workers[0].reply();
    expect(p.replies.map((r) => r.index)).toEqual([1, 2, 0, 3, 4]);
    expect(p.done()).toBe(1);
    expect(p.workers.every((w) => w.terminated)).toBe(true);
  });

  it('names an erroring point and a dead worker as those points, replacing the worker, and finishes the rest', () => {
    const p = pool(3, 1);
    p.workers[0].reply(false);
    p.workers[0].crash('out of memory');
    expect(p.workers).toHaveLength(2);
    expect(p.workers[0].terminated).toBe(true);
    p.workers[1].reply();
    expect(p.replies).toEqual([
      { index: 0, ok: false, message: 'no' },
      { index: 1, ok: false, message: 'the sweep worker stopped: out of memory' },
      { index: 2, ok: true, report: { index: 2 } },
    ]);
    expect(p.done()).toBe(1);
  });

  it('cancel terminates every worker; later answers are not handed on and it never finishes', () => {
    const p = pool(4, 2);
    p.workers[0].reply();
    p.run.cancel();
    expect(p.workers.every((w) => w.terminated)).toBe(true);
    p.workers[1].reply();
    expect(p.replies.map((r) => r.index)).toEqual([0]);
    expect(p.done()).toBe(0);
    expect(p.workers.flatMap((w) => w.jobs.map((j) => j.index))).toEqual([0, 2, 1]);
  });
});
