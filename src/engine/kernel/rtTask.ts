/**
 * A SCHED_FIFO task busy on one CPU for a while (the `rt` op: a stress tool's RT thread, as in the
 * report that led to the 6.5 fix "bpf, cpumap: Make sure kthread is running before map update
 * returns"). The RT class runs before CFS, so the CPU's cpumap kthreads and ksoftirqd wait until
 * it ends; interrupts still come, and the softirq they raise still runs (cpu.ts).
 * https://elixir.bootlin.com/linux/v6.6/C/ident/pick_next_task
 */
import type { World } from '../world';
import type { OpOutcome } from './cpumap';

/** The RT task runs on `cpu` from now for `ns`. */
export function runRtTask(w: World, cpu: number, ns: number): OpOutcome {
  const c = w.cpus[cpu];
  c.rtUntil = Math.max(c.rtUntil, w.now + ns);
  w.kick(cpu, w.now);
  return { result: '0', reason: `RT task on CPU ${cpu}` };
}
