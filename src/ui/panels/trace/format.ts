/**
 * Trace log lines as text: tracepoint hits exactly as trace_pipe prints them; map operation
 * results as the bpf() syscall that made them, with their simulated time in the same column.
 */
import { formatTraceLine, traceTimestamp } from '../../../engine/stats/tracePipe';
import type { TraceLine } from '../../feeds';

/** The bpf() command behind each operation word the worker's result text starts with. */
const SYSCALLS: Record<string, string> = {
  update: 'bpf(BPF_MAP_UPDATE_ELEM)',
  delete: 'bpf(BPF_MAP_DELETE_ELEM)',
  lookup: 'bpf(BPF_MAP_LOOKUP_ELEM)',
  get_next_key: 'bpf(BPF_MAP_GET_NEXT_KEY)',
  // The map is released when its last fd closes (the program detached first).
  free: 'close(map_fd)',
  // A new map, then its program attached (netlink IFLA_XDP), as the loader does.
  create: 'bpf(BPF_MAP_CREATE)',
  irq: 'write(/proc/irq/N/smp_affinity)',
};

/** "bpf(BPF_MAP_UPDATE_ELEM): update key 70: -E2BIG (...)" from the worker's result text. */
export function opLineText(text: string): string {
  const word = /^[a-z_]+/.exec(text)?.[0] ?? '';
  const call = SYSCALLS[word];
  return call === undefined ? text : `${call}: ${text}`;
}

/** Width of trace_pipe's "TASK-PID [CPU] FLAGS " head, so op timestamps line up with hits. */
const HEAD_WIDTH = 34;

/** One line of the log. `kthreadComm` names kthreads by pid (from the latest snapshot). */
export function formatLine(line: TraceLine, kthreadComm: (pid: number) => string | undefined): string {
  if (line.kind === 'tracepoint') return formatTraceLine(line.event, kthreadComm);
  return `${'user space'.padStart(HEAD_WIDTH - 1)} ${traceTimestamp(line.at)}: ${opLineText(line.text)}`;
}
