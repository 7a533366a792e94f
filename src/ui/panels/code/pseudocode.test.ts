import { describe, expect, it } from 'vitest';
import { CPUMAP_V50_LINES } from '../../../engine/kernel/upstream';
import { KERNEL_VERSIONS } from '../../../scenario/kernels';
import { PSEUDOCODE, lineInVersion, pseudocodeFor } from './pseudocode';

const REQUIRED = [
  'bq_enqueue',
  'bq_flush_to_queue',
  '__cpu_map_flush',
  'cpu_map_kthread_run',
  '__cpu_map_entry_replace',
  '__cpu_map_entry_free',
  'cpu_map_kthread_stop',
  'cpu_map_update_elem',
  'cpu_map_delete_elem',
  'put_cpu_map_entry',
  'napi_poll',
];

describe('pseudocode data', () => {
  it('covers every required function, each with lines', () => {
    for (const fn of REQUIRED) {
      const p = pseudocodeFor(fn);
      expect(p, fn).toBeDefined();
      expect(p?.lines.length, fn).toBeGreaterThan(0);
      for (const line of p?.lines ?? []) expect(line.text.trim().length, fn).toBeGreaterThan(0);
    }
  });

  it('has unique step ids within each function, and unique names and aliases overall', () => {
    for (const p of PSEUDOCODE) {
      const steps = p.lines.flatMap((l) => (l.step === undefined ? [] : [l.step]));
      expect(new Set(steps).size, p.fn).toBe(steps.length);
    }
    const names = PSEUDOCODE.flatMap((p) => [p.fn, ...(p.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('tags version differences exactly where the versions differ', () => {
    for (const p of PSEUDOCODE) {
      const only = new Set(p.lines.flatMap((l) => l.only ?? []));
      if (p.differs) {
        expect([...only].sort(), p.fn).toEqual([...KERNEL_VERSIONS].sort());
      } else {
        expect(only.size, p.fn).toBe(0);
      }
    }
    // The 2019 bulk series changed the kthread loop.
    const run = pseudocodeFor('cpu_map_kthread_run');
    expect(run?.differs).toBe(true);
    const v52 =
      run?.lines
        .filter((l) => l.only?.includes('5.2') && l.only.includes('5.4'))
        .map((l) => l.text)
        .join('\n') ?? '';
    for (const word of ['ptr_ring_consume_batched', 'prefetchw', 'kmem_cache_alloc_bulk']) expect(v52).toContain(word);
    const v50 =
      run?.lines
        .filter((l) => l.only?.includes('5.0') && !l.only.includes('5.2'))
        .map((l) => l.text)
        .join('\n') ?? '';
    expect(v50).toContain('__ptr_ring_consume');
    expect(v50).toMatch(/8 frames/);
  });

  it('gives v5.0 anchors only to v5.0 lines, inside the function they belong to', () => {
    const starts = Object.values(CPUMAP_V50_LINES).sort((a, b) => a - b);
    for (const p of PSEUDOCODE) {
      const def = (CPUMAP_V50_LINES as Record<string, number>)[p.fn];
      for (const l of p.lines) {
        if (l.line50 === undefined) continue;
        expect(l.only === undefined || l.only.includes('5.0'), `${p.fn}: ${l.text}`).toBe(true);
        expect(def, p.fn).toBeDefined();
        // After the definition line and before the next function's.
        const next = starts.find((s) => s > def) ?? Infinity;
        expect(l.line50, `${p.fn}: ${l.text}`).toBeGreaterThan(def);
        expect(l.line50, `${p.fn}: ${l.text}`).toBeLessThan(next);
      }
    }
  });
});

describe('pseudocode of 5.4', () => {
  it('5.4: __cpu_map_flush walks the flush list of bulk queues; the flush_needed bitmap lines are not in v5.4', () => {
    const flush = pseudocodeFor('__cpu_map_flush');
    const in54 = flush?.lines.filter((l) => lineInVersion(l, '5.4')).map((l) => l.text) ?? [];
    expect(in54.join('\n')).toMatch(/flush list/);
    expect(in54.join('\n')).not.toMatch(/flush_needed|bit/);
    const in52 = flush?.lines.filter((l) => lineInVersion(l, '5.2')).map((l) => l.text) ?? [];
    expect(in52.join('\n')).toMatch(/flush_needed bitmap/);
  });
});

describe('pseudocode of 5.10', () => {
  it('5.10: the kthread consumes with __ptr_ring_consume_batched, without the consumer lock', () => {
    const run = pseudocodeFor('cpu_map_kthread_run');
    const in510 = run?.lines.filter((l) => lineInVersion(l, '5.10')).map((l) => l.text) ?? [];
    expect(in510.join('\n')).toMatch(/__ptr_ring_consume_batched.*no lock/);
    expect(in510.join('\n')).not.toMatch(/consumer-lock round/);
  });

  it('5.10: __cpu_map_entry_free no longer flushes the bulk queues', () => {
    const free = pseudocodeFor('__cpu_map_entry_free');
    const in510 = free?.lines.filter((l) => lineInVersion(l, '5.10')).map((l) => l.text) ?? [];
    expect(in510.join('\n')).not.toMatch(/flush its bulk queue/);
    const in54 = free?.lines.filter((l) => lineInVersion(l, '5.4')).map((l) => l.text) ?? [];
    expect(in54.join('\n')).toMatch(/flush its bulk queue/);
  });
});
