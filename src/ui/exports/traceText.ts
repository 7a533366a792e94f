/**
 * The trace log as a text file: every line the log keeps (unfiltered, whatever the panel's
 * filters show), tracepoint hits exactly as trace_pipe prints them and map operation results
 * as the log writes them, one per line.
 */
import type { TraceLine } from '../feeds';
import { formatLine } from '../panels/trace/format';

export const TRACE_FILE = 'cpumap-trace.txt';

/** The text of `lines`, each ended by a newline (empty when there are none). */
export function traceText(lines: readonly TraceLine[], kthreadComm: (pid: number) => string | undefined = () => undefined): string {
  return lines.map((l) => formatLine(l, kthreadComm) + '\n').join('');
}
