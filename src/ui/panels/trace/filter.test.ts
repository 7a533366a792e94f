import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../engine/kernel/tracepoints';
import type { TraceLine } from '../../feeds';
import { filterTrace, lineKind, TRACE_KINDS, type TraceKind } from './filter';
import { formatLine, opLineText } from './format';

const ev = (kind: TraceEvent['kind'], cpu: number, at: number): TraceEvent => ({
  kind,
  at,
  cpu,
  pid: 0,
  mapId: 1,
  processed: 8,
  drops: 0,
  extra: 4,
});
let seq = 0;
const hit = (kind: TraceEvent['kind'], cpu: number, at = seq * 100): TraceLine => ({
  kind: 'tracepoint',
  seq: seq++,
  event: ev(kind, cpu, at),
});
const op = (text: string, at = seq * 100): TraceLine => ({ kind: 'op', seq: seq++, at, text });

const all = new Set<TraceKind>(TRACE_KINDS.map((k) => k.kind));
const lines = [
  hit('enqueue', 3),
  hit('kthread', 4),
  op('update key 70: -E2BIG (key >= max_entries 8)'),
  hit('redirect_err', 0),
  hit('enqueue', 0),
];

describe('filterTrace', () => {
  it('keeps everything with all kinds and all CPUs, in order', () => {
    expect(filterTrace(lines, { kinds: all, cpu: null })).toEqual(lines);
  });

  it('filters by kind', () => {
    const only = filterTrace(lines, { kinds: new Set<TraceKind>(['enqueue']), cpu: null });
    expect(only.map(lineKind)).toEqual(['enqueue', 'enqueue']);
    expect(filterTrace(lines, { kinds: new Set<TraceKind>(['op']), cpu: null })).toEqual([lines[2]]);
    expect(filterTrace(lines, { kinds: new Set<TraceKind>(), cpu: null })).toEqual([]);
  });

  it('filters tracepoints by the CPU they fired on and keeps map operations', () => {
    expect(filterTrace(lines, { kinds: all, cpu: 0 })).toEqual([lines[2], lines[3], lines[4]]);
    expect(filterTrace(lines, { kinds: all, cpu: 4 })).toEqual([lines[1], lines[2]]);
  });

  it('keeps only the newest `limit` matches, oldest first', () => {
    const many = Array.from({ length: 2000 }, (_, i) => hit(i % 2 === 0 ? 'enqueue' : 'kthread', i % 8));
    const shown = filterTrace(many, { kinds: all, cpu: null });
    expect(shown).toHaveLength(500);
    expect(shown[499]).toBe(many[1999]);
    expect(shown[0]).toBe(many[1500]);
    const cpu2 = filterTrace(many, { kinds: all, cpu: 2 }, 10);
    expect(cpu2.map((l) => l.seq)).toEqual(
      many
        .filter((l) => l.kind === 'tracepoint' && l.event.cpu === 2)
        .slice(-10)
        .map((l) => l.seq),
    );
  });
});

describe('formatLine', () => {
  it('names the syscall of a map operation result', () => {
    expect(opLineText('update key 70: -E2BIG (key >= max_entries 8)')).toBe(
      'bpf(BPF_MAP_UPDATE_ELEM): update key 70: -E2BIG (key >= max_entries 8)',
    );
    expect(opLineText('get_next_key (none): 0 -> next 4 (first key)')).toMatch(/^bpf\(BPF_MAP_GET_NEXT_KEY\): /);
    expect(opLineText('delete key 4: 0 (ok)')).toMatch(/^bpf\(BPF_MAP_DELETE_ELEM\)/);
    expect(opLineText('lookup key 4: 0 = 192 (ok)')).toMatch(/^bpf\(BPF_MAP_LOOKUP_ELEM\)/);
    expect(opLineText('failslab: 0 (next 1 allocations fail)')).toBe('failslab: 0 (next 1 allocations fail)');
    expect(opLineText('create: -EBUSY (map_id 8 created, but ...)')).toMatch(/^bpf\(BPF_MAP_CREATE\): create: -EBUSY/);
    expect(opLineText("irq: 0 (RX queue 0's interrupt goes to CPU 2 from now)")).toMatch(/^write\(\/proc\/irq\/N\/smp_affinity\): irq: 0/);
    // The traffic generator is not a syscall of this machine.
    expect(opLineText('rate: 0 (offered load 2M pps from now)')).toBe('rate: 0 (offered load 2M pps from now)');
  });

  it('prints an op with its simulated time in the trace_pipe timestamp column', () => {
    const tp = formatLine(hit('enqueue', 3, 1_234_567), () => undefined);
    const o = formatLine(op('update key 70: -E2BIG (key >= max_entries 8)', 1_234_567), () => undefined);
    expect(o).toMatch(/user space +0\.001234: bpf\(BPF_MAP_UPDATE_ELEM\): update key 70/);
    expect(o.indexOf('0.001234')).toBe(tp.indexOf('0.001234'));
  });

  it('prints tracepoints as trace_pipe does, with the kthread comm and the kthread context flags ....', () => {
    const line: TraceLine = { kind: 'tracepoint', seq: 0, event: { ...ev('kthread', 4, 5000), pid: 77 } };
    expect(formatLine(line, (pid) => (pid === 77 ? 'cpumap/4/map:1' : undefined))).toMatch(
      /cpumap\/4\/map:1-77 +\[004\] \.\.\.\. .*xdp_cpumap_kthread: kthread cpu=4/,
    );
    // A comm is at most 15 characters (TASK_COMM_LEN 16).
    const long: TraceLine = { kind: 'tracepoint', seq: 0, event: { ...ev('kthread', 12, 5000), pid: 78, mapId: 345 } };
    expect(formatLine(long, () => undefined)).toMatch(/ cpumap\/12\/map:3-78 +\[012\] \.\.\.\. /);
  });
});
