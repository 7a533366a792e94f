import { describe, expect, it } from 'vitest';
import type { CpuHeadroom } from '../../../engine/stats/headroom';
import { cpuList, headroomRows, percent } from './headroomRows';
import { latencyRows, micros } from './latencyRows';

const idle = (cpu: number): CpuHeadroom => ({ cpu, softirq: 0, ksoftirqd: 0, kthread: 0, switch: 0, idle: 1 });

describe('the CPU headroom rows', () => {
  it('lists CPUs kept or busy, and the idle rest on one line', () => {
    const headroom = [
      idle(0),
      { ...idle(1), softirq: 0.25, idle: 0.75 },
      idle(2),
      idle(3),
      { ...idle(4), kthread: 0.999, idle: 0.001 },
      idle(5),
    ];
    expect(headroomRows(headroom, new Set([0, 4]))).toEqual([
      ['0', '0.0%', '0.0%', '0.0%', '0.0%', '100.0%'],
      ['1', '25.0%', '0.0%', '0.0%', '0.0%', '75.0%'],
      ['4', '0.0%', '0.0%', '99.9%', '0.0%', '0.1%'],
      ['others (2, 3, 5)', '0.0%', '0.0%', '0.0%', '0.0%', '100.0%'],
    ]);
    expect(headroomRows([idle(0)], new Set([0]))).toHaveLength(1);
  });

  it('writes shares as percentages and CPU runs as ranges', () => {
    expect(percent(0.5573)).toBe('55.7%');
    expect(cpuList([0, 1, 2, 5, 7, 8, 9, 10])).toBe('0–2, 5, 7–10');
    expect(cpuList([3, 4])).toBe('3, 4');
  });
});

describe('the latency rows', () => {
  it('gives µs with one decimal, and – where no frame was measured', () => {
    const none = { p50: null, p99: null, max: null };
    const rows = latencyRows([
      { cpu: 4, p50: 13_440, p99: 25_344, max: 33_388.9, enqueueToDequeue: { p50: 4160, p99: 8576, max: 14_717.9 } },
      { cpu: 6, ...none, enqueueToDequeue: none },
    ]);
    expect(rows).toEqual([
      ['4', '13.4', '25.3', '33.4', '4.2', '8.6'],
      ['6', '–', '–', '–', '–', '–'],
    ]);
    expect(micros(1_315_392)).toBe('1,315.4');
  });
});
