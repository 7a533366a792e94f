/**
 * The line table behind the Kernel code panel's links: every function the panel or the
 * version-changes list names at a version with a verified source has its line there, and the
 * table's method (the line of the name in the definition) agrees with the reference texts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CPUMAP_LINES, cpumapLineLink } from '../../../engine/kernel/cpumapLines';
import { KERNEL_VERSIONS, type KernelVersion } from '../../../scenario/kernels';
import { lineInVersion, PSEUDOCODE } from './pseudocode';
import { changesIn } from './versionChanges';

/** Functions the panel names that are defined outside kernel/bpf/cpumap.c: they keep elixir's identifier page. */
const OUTSIDE_CPUMAP = new Set([
  'napi_poll',
  'napi_gro_receive',
  'napi_complete_done',
  'napi_schedule',
  'netif_receive_skb_list',
  'gro_receive_skb',
  'napi_skb_cache_get_bulk',
  'rcu_softirq_qs_periodic',
  'xdp_do_flush_map',
]);

/** The functions the panel and the version-changes list name at `kernel`. */
function named(kernel: KernelVersion): string[] {
  const fns = PSEUDOCODE.filter((p) => p.lines.some((l) => lineInVersion(l, kernel))).flatMap((p) => [p.fn, ...(p.aliases ?? [])]);
  return [...new Set([...fns, ...changesIn(kernel).map((c) => c.fn)])];
}

describe('cpumap.c definition lines', () => {
  const listed = KERNEL_VERSIONS.filter((k) => CPUMAP_LINES[k] !== undefined);

  it('cover every function the panel names at each listed version', () => {
    expect(listed).toEqual(expect.arrayContaining(['5.0', '5.2', '5.10']));
    for (const kernel of listed) {
      for (const fn of named(kernel)) {
        if (OUTSIDE_CPUMAP.has(fn)) continue;
        expect(CPUMAP_LINES[kernel]?.[fn], `${fn} at v${kernel}`).toBeGreaterThan(0);
      }
    }
  });

  it('link to the line where known, else to the identifier page', () => {
    expect(cpumapLineLink('5.10', 'cpu_map_kthread_run')).toBe('https://elixir.bootlin.com/linux/v5.10/source/kernel/bpf/cpumap.c#L299');
    expect(cpumapLineLink('5.10', 'netif_receive_skb_list')).toBe('https://elixir.bootlin.com/linux/v5.10/C/ident/netif_receive_skb_list');
    for (const kernel of KERNEL_VERSIONS.filter((k) => !listed.includes(k))) {
      expect(cpumapLineLink(kernel, 'bq_enqueue')).toBe(`https://elixir.bootlin.com/linux/v${kernel}/C/ident/bq_enqueue`);
    }
  });

  it('list each version in source order, one function a line', () => {
    for (const kernel of listed) {
      const lines = Object.values(CPUMAP_LINES[kernel] ?? {});
      expect(new Set(lines).size, kernel).toBe(lines.length);
    }
  });
});

// ../shared beside the repository, as the project's checkouts have it.
const REFERENCE_DIR = fileURLToPath(new URL('../../../../../shared/reference', import.meta.url));
const V50 = `${REFERENCE_DIR}/cpumap-v5.0.c.txt`;
const V52 = `${REFERENCE_DIR}/cpumap-v5.2.c.txt`;

/**
 * Index in `lines` of the definition of `fn`: a line declaring it with a return type before the
 * name, whose signature ends without ';' (a prototype or a call does not count).
 */
function definitionIndex(lines: readonly string[], fn: string): number {
  const head = new RegExp(`^(?!return\\b)[A-Za-z_][\\w\\s*]*[\\s*]${fn}\\(`);
  for (let i = 0; i < lines.length; i++) {
    if (!head.test(lines[i].trim())) continue;
    let j = i;
    while (j < lines.length - 1 && !/[);]\s*$/.test(lines[j].trim())) j++;
    if (!lines[j].trim().endsWith(';')) return i;
  }
  return -1;
}

describe('the table agrees with the reference texts', () => {
  it.skipIf(!existsSync(V50))('v5.0: each line is where the copy (with its original numbers) defines the function', () => {
    const rows = readFileSync(V50, 'utf8').split('\n');
    const code = rows.map((r) => r.replace(/^\d+ /, ''));
    for (const [fn, line] of Object.entries(CPUMAP_LINES['5.0'] ?? {})) {
      const i = definitionIndex(code, fn);
      expect(i, fn).toBeGreaterThanOrEqual(0);
      expect(Number(/^(\d+) /.exec(rows[i])?.[1]), fn).toBe(line);
    }
  });

  // The v5.2 copy lost its blank lines (and numbers): a function's line is its index among the
  // copy's code lines plus the blank lines above it, which only grow down the file and number at
  // most the 704-line file's lines the copy lacks.
  it.skipIf(!existsSync(V52))(
    'v5.2: each function is defined in the copy, in the same order, with a consistent count of blank lines',
    () => {
      const text = readFileSync(V52, 'utf8').split('\n');
      const start = text.findIndex((l) => l.startsWith('/* bpf/cpumap.c'));
      const code = text.slice(start).filter((l) => l.trim() !== '');
      const blanksInFile = 704 - code.length;
      const entries = Object.entries(CPUMAP_LINES['5.2'] ?? {}).sort((a, b) => a[1] - b[1]);
      let blanksAbove = 0;
      for (const [fn, line] of entries) {
        const i = definitionIndex(code, fn);
        expect(i, fn).toBeGreaterThanOrEqual(0);
        const blanks = line - (i + 1);
        expect(blanks, fn).toBeGreaterThanOrEqual(blanksAbove);
        expect(blanks, fn).toBeLessThanOrEqual(blanksInFile);
        blanksAbove = blanks;
      }
    },
  );
});
