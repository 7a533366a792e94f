import { describe, expect, it } from 'vitest';
import { CPUMAP_V50_LINES } from '../../../engine/kernel/upstream';
import { KERNEL_VERSIONS, kernelAtLeast, type KernelVersion } from '../../../scenario/kernels';
import { cpumapLine, cpumapLineLink } from '../../../engine/kernel/cpumapLines';
import { changesIn, versionBefore, versionsLabel } from './versionChanges';
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

  it('has unique step ids within each function in each version, and unique names and aliases overall', () => {
    for (const p of PSEUDOCODE) {
      for (const kernel of KERNEL_VERSIONS) {
        const steps = p.lines.flatMap((l) => (l.step === undefined || !lineInVersion(l, kernel) ? [] : [l.step]));
        expect(new Set(steps).size, `${p.fn} v${kernel}`).toBe(steps.length);
      }
    }
    const names = PSEUDOCODE.flatMap((p) => [p.fn, ...(p.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('tags version differences exactly where the versions differ', () => {
    for (const p of PSEUDOCODE) {
      const shapes = new Set(KERNEL_VERSIONS.map((k) => p.lines.map((l) => lineInVersion(l, k)).join()));
      const tagged = p.lines.some((l) => l.only !== undefined);
      expect(shapes.size > 1, p.fn).toBe(p.differs);
      expect(tagged, p.fn).toBe(p.differs);
      for (const l of p.lines) expect(l.only?.length ?? 1, `${p.fn}: ${l.text}`).toBeGreaterThan(0);
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

/** The text of `fn`'s lines in `kernel`, one per line. */
function textIn(fn: string, kernel: KernelVersion): string {
  return (pseudocodeFor(fn)?.lines ?? [])
    .filter((l) => lineInVersion(l, kernel))
    .map((l) => l.text)
    .join('\n');
}

describe('pseudocode from 5.15 to 6.18', () => {
  it('5.15: the kthread hands the batch to netif_receive_skb_list and sets generic-XDP SKBs aside', () => {
    expect(textIn('cpu_map_kthread_run', '5.15')).toMatch(/netif_receive_skb_list/);
    expect(textIn('cpu_map_kthread_run', '5.15')).toMatch(/bit 0 set is an SKB/);
    expect(textIn('cpu_map_kthread_run', '5.10')).not.toMatch(/netif_receive_skb_list|bit 0/);
    expect(textIn('cpu_map_generic_redirect', '5.15')).toMatch(/wake_up_process/);
    expect(textIn('cpu_map_generic_redirect', '5.10')).toBe('');
  });

  it('6.6: the update waits for the kthread, and teardown is queue_rcu_work without a refcount', () => {
    expect(textIn('cpu_map_update_elem', '6.6')).toMatch(/wait_for_completion/);
    expect(textIn('cpu_map_update_elem', '6.1')).not.toMatch(/wait_for_completion/);
    expect(textIn('__cpu_map_entry_replace', '6.6')).toMatch(/queue_rcu_work/);
    expect(textIn('__cpu_map_entry_replace', '6.6')).not.toMatch(/call_rcu|cpu_map_kthread_stop/);
    expect(textIn('__cpu_map_entry_free', '6.6')).toMatch(/kthread_stop/);
    expect(textIn('put_cpu_map_entry', '6.6')).toBe('');
    expect(textIn('cpu_map_kthread_stop', '6.6')).toBe('');
    expect(textIn('put_cpu_map_entry', '6.1')).toMatch(/refcnt/);
  });

  it('6.12: quiescent states while busy, and the tracepoint before the receive', () => {
    const run = textIn('cpu_map_kthread_run', '6.12');
    expect(run).toMatch(/rcu_softirq_qs_periodic/);
    expect(run.indexOf('tracepoint')).toBeLessThan(run.indexOf('netif_receive_skb_list'));
    const old = textIn('cpu_map_kthread_run', '6.6');
    expect(old.indexOf('tracepoint')).toBeGreaterThan(old.indexOf('netif_receive_skb_list'));
  });

  it('6.18: GRO and SKB heads from the NAPI cache', () => {
    const run = textIn('cpu_map_kthread_run', '6.18');
    expect(run).toMatch(/gro_receive_skb/);
    expect(run).toMatch(/napi_skb_cache_get_bulk/);
    expect(run).not.toMatch(/kmem_cache_alloc_bulk|netif_receive_skb_list/);
  });

  it('keeps each step id the worker reports on a line in every version that has the function', () => {
    // A moved line keeps its id: the trace line of the kthread is in every version.
    for (const kernel of KERNEL_VERSIONS) {
      expect(
        pseudocodeFor('cpu_map_kthread_run')?.lines.some((l) => l.step === 'trace' && lineInVersion(l, kernel)),
        kernel,
      ).toBe(true);
      expect(
        pseudocodeFor('cpu_map_kthread_run')?.lines.some((l) => l.step === 'exit' && lineInVersion(l, kernel)),
        kernel,
      ).toBe(true);
    }
  });
});

describe('what changed against the version before', () => {
  it('lists changes for every version but the first, each from a release after the version before and linking to elixir at the version (the line where known)', () => {
    expect(changesIn('5.0')).toEqual([]);
    for (const kernel of KERNEL_VERSIONS.slice(1)) {
      const prev = versionBefore(kernel)!;
      expect(changesIn(kernel).length, kernel).toBeGreaterThan(0);
      for (const c of changesIn(kernel)) {
        expect(kernelAtLeast(kernel, c.release) && !kernelAtLeast(prev, c.release), `${kernel}: ${c.release}`).toBe(true);
        const line = cpumapLine(kernel, c.fn);
        expect(cpumapLineLink(kernel, c.fn)).toBe(
          line === undefined
            ? `https://elixir.bootlin.com/linux/v${kernel}/C/ident/${c.fn}`
            : `https://elixir.bootlin.com/linux/v${kernel}/source/kernel/bpf/cpumap.c#L${line}`,
        );
      }
    }
  });

  it('names the versions of a tagged line briefly', () => {
    expect(versionsLabel(['6.6', '6.12', '6.18'])).toBe('v6.6 on');
    expect(versionsLabel(['5.2', '5.4', '5.10'])).toBe('v5.2 to v5.10');
    expect(versionsLabel(['5.0'])).toBe('v5.0');
  });
});
