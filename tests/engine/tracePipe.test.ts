/**
 * trace_pipe lines as the kernel prints them: the context flags of each tracepoint (the kthread is
 * not in softirq context) and task comms cut to TASK_COMM_LEN - 1 characters.
 */
import { describe, expect, it } from 'vitest';
import { formatTraceLine } from '../../src/engine/stats/tracePipe';
import { Kthread, TASK_COMM_LEN } from '../../src/engine/kernel/kthread';
import type { CpuMapEntry } from '../../src/engine/kernel/entry';
import { PID_IDLE, PID_KSOFTIRQD, type TraceEvent } from '../../src/engine/kernel/tracepoints';
import { engineOf, MS } from './helpers';

const hit = (kind: TraceEvent['kind'], patch: Partial<TraceEvent> = {}): TraceEvent => ({
  kind,
  at: 5_412_123_456_789,
  cpu: 4,
  pid: kind === 'kthread' ? 1234 : PID_IDLE,
  mapId: 7,
  processed: 8,
  drops: 0,
  extra: kind === 'kthread' ? 0 : 4,
  ...patch,
});

/** The flags column of a trace_pipe line ("TASK-PID [CPU] FLAGS TIME: ..."). */
const flagsOf = (line: string): string => /\[\d{3}\] (\S{4}) /.exec(line)?.[1] ?? '';

describe('trace_pipe context flags (tracing_generic_entry_update)', () => {
  it('xdp_cpumap_kthread prints ....: local_bh_disable adds SOFTIRQ_DISABLE_OFFSET, not the SOFTIRQ_OFFSET that prints s', () => {
    const line = formatTraceLine(hit('kthread'), (pid) => (pid === 1234 ? 'cpumap/4/map:7' : undefined));
    expect(line).toMatch(
      /^ +cpumap\/4\/map:7-1234 +\[004\] \.\.\.\. +5412\.123456: xdp_cpumap_kthread: kthread cpu=4 map_id=7 action=REDIRECT processed=8 drops=0 sched=0$/,
    );
  });

  it('xdp_cpumap_enqueue and xdp_redirect_map_err fire in the NAPI poll, serving NET_RX: ..s., on the idle task or in ksoftirqd', () => {
    expect(flagsOf(formatTraceLine(hit('enqueue')))).toBe('..s.');
    expect(flagsOf(formatTraceLine(hit('enqueue', { pid: PID_KSOFTIRQD })))).toBe('..s.');
    expect(flagsOf(formatTraceLine(hit('redirect_err')))).toBe('..s.');
  });

  it('in a run, every kthread line prints .... and every enqueue line ..s.', () => {
    const e = engineOf('rx=3&entries=4:128&rate=1M&prog=rr', { traceCapacity: 10_000 });
    e.runUntil(2 * MS);
    const comm = new Map(e.entries.map((x) => [x.kthread.pid, x.kthread.comm]));
    const events = e.world.traceRing!.read();
    expect(events.some((x) => x.kind === 'kthread')).toBe(true);
    expect(events.some((x) => x.kind === 'enqueue')).toBe(true);
    for (const ev of events) expect(flagsOf(formatTraceLine(ev, (pid) => comm.get(pid)))).toBe(ev.kind === 'kthread' ? '....' : '..s.');
  });
});

describe('TASK_COMM_LEN (16): a comm holds at most 15 characters', () => {
  it('the kthread named cpumap/12/map:345 has the comm cpumap/12/map:3', () => {
    const k = new Kthread({ cpu: 12, mapId: 345 } as CpuMapEntry, 2000, 0, 0);
    expect(TASK_COMM_LEN).toBe(16);
    expect(k.comm).toBe('cpumap/12/map:3');
    expect(new Kthread({ cpu: 4, mapId: 7 } as CpuMapEntry, 2001, 0, 0).comm).toBe('cpumap/4/map:7');
  });

  it('trace_pipe prints the cut comm, whether the caller knows the kthread by pid or not', () => {
    const ev = hit('kthread', { cpu: 12, mapId: 345, pid: 2000 });
    const known = formatTraceLine(ev, () => 'cpumap/12/map:345');
    const unknown = formatTraceLine(ev);
    for (const line of [known, unknown]) expect(line).toMatch(/^ +cpumap\/12\/map:3-2000 +\[012\] \.\.\.\. /);
  });
});
