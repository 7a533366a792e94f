/**
 * The kernel's preemption model as the kthread's `sched` sees it (scenario `preempt`).
 *
 * The model's CFS (cpu.ts) switches a kthread away only between loop iterations or in its sleep
 * path: its batch runs under local_bh_disable, which also disables preemption, so under either
 * model those are the points where it can lose the CPU. What differs is what the loop reports.
 * `Kthread.preempted` stands for the reschedule CFS made due (TIF_NEED_RESCHED): it is consumed by
 * the next cond_resched() or schedule(), whichever the loop reaches first, so it is never reported
 * by a later iteration.
 */
import type { World } from '../world';
import type { Kthread } from './kthread';

/**
 * `sched = cond_resched()` at the top of an iteration that found frames in the ring.
 * CONFIG_PREEMPT (`preempt=full`, the calibration kernel): `_cond_resched()` is an inline that
 * returns 0, because the task was preempted where the reschedule became due: 0 always.
 * CONFIG_PREEMPT_NONE (`preempt=none`): `_cond_resched()` does the due reschedule and returns 1.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/_cond_resched
 */
export function condResched(w: World, k: Kthread): number {
  const due = k.preempted;
  k.preempted = false;
  return due && w.scenario.preempt === 'none' ? 1 : 0;
}

/**
 * schedule() in the loop's sleep path: __schedule() clears the pending reschedule whatever the
 * model (the iteration reports sched=1 for the schedule() itself).
 * https://elixir.bootlin.com/linux/v5.2/C/ident/__schedule
 */
export function scheduleClearsResched(k: Kthread): void {
  k.preempted = false;
}
