/**
 * Tracepoint hits rendered as /sys/kernel/debug/tracing/trace_pipe lines:
 * `TASK-PID [CPU] FLAGS SECONDS.MICROS: EVENT: FIELDS`, with the xdp events' 2019 formats (and
 * 5.9's xdp_cpumap_kthread, which adds the entry program's verdicts).
 */
import { PID_KSOFTIRQD, type TraceEvent } from '../kernel/tracepoints';
import { ERRNO } from '../kernel/errno';
import { cpumapKthreadName, taskComm } from '../kernel/kthread';

/** Who a tracepoint hit ran in: the kthread, or softirq on the idle task / ksoftirqd. */
function task(ev: TraceEvent, kthreadComm: (pid: number) => string | undefined): { comm: string; pid: number } {
  if (ev.pid === PID_KSOFTIRQD) return { comm: `ksoftirqd/${ev.cpu}`, pid: 10 + 6 * ev.cpu };
  if (ev.pid > 0) return { comm: taskComm(kthreadComm(ev.pid) ?? cpumapKthreadName(ev.cpu, ev.mapId)), pid: ev.pid };
  return { comm: '<idle>', pid: 0 };
}

/**
 * The latency-format context flags (irqs-off, need-resched, hardirq/softirq, preempt-depth).
 * xdp_cpumap_enqueue and xdp_redirect_map_err fire in the NAPI poll, serving NET_RX: `..s.`.
 * xdp_cpumap_kthread fires in the kthread under local_bh_disable, which adds
 * SOFTIRQ_DISABLE_OFFSET to the preempt count, not the SOFTIRQ_OFFSET that prints `s`: `....`.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/tracing_generic_entry_update
 */
function contextFlags(ev: TraceEvent): string {
  return ev.kind === 'kthread' ? '....' : '..s.';
}

/** Seconds and microseconds, as ftrace prints its timestamps ("%5lu.%06lu"). */
export function traceTimestamp(ns: number): string {
  const us = Math.floor(ns / 1000);
  return `${String(Math.floor(us / 1e6)).padStart(5)}.${String(us % 1e6).padStart(6, '0')}`;
}

/** One trace_pipe line for a tracepoint hit. */
export function formatTraceLine(ev: TraceEvent, kthreadComm: (pid: number) => string | undefined = () => undefined): string {
  const t = task(ev, kthreadComm);
  const head = `${t.comm.padStart(16)}-${String(t.pid).padEnd(5)} [${String(ev.cpu).padStart(3, '0')}] ${contextFlags(ev)} ${traceTimestamp(ev.at)}:`;
  switch (ev.kind) {
    case 'enqueue':
      return `${head} xdp_cpumap_enqueue: enqueue cpu=${ev.cpu} map_id=${ev.mapId} action=REDIRECT processed=${ev.processed} drops=${ev.drops} to_cpu=${ev.extra}`;
    case 'kthread': {
      const line = `${head} xdp_cpumap_kthread: kthread cpu=${ev.cpu} map_id=${ev.mapId} action=REDIRECT processed=${ev.processed} drops=${ev.drops} sched=${ev.extra}`;
      // 5.9+ (include/trace/events/xdp.h): the entry program's verdicts follow sched.
      // https://elixir.bootlin.com/linux/v5.10/C/ident/trace_xdp_cpumap_kthread
      const x = ev.xdpStats;
      return x === undefined ? line : `${line} xdp_pass=${x.pass} xdp_drop=${x.drop} xdp_redirect=${x.redirect}`;
    }
    case 'redirect_err':
      return `${head} xdp_redirect_map_err: prog_id=1 action=REDIRECT ifindex=2 to_ifindex=0 err=-${ev.drops === 0 ? ERRNO.EINVAL : ev.drops} map_id=${ev.mapId} map_index=${ev.extra}`;
  }
}
