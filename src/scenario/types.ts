/**
 * A scenario: everything the engine needs to run one simulation. Its text form is a URL query
 * string (see `parse.ts` / `serialize.ts`); the README documents every parameter.
 */
import type { KernelVersion } from './kernels';
export type { KernelVersion } from './kernels';

/** Simulated nanoseconds. */
export type Nanos = number;

/**
 * The four optimizations of the April 2019 series "Bulk optimization for XDP cpumap redirect",
 * in the order they were applied. v5.0 has none; v5.2 and every later version have all four.
 */
export const OPTIMIZATIONS = ['consume-batched', 'build-skb-around', 'alloc-bulk', 'prefetchw'] as const;
export type Optimization = (typeof OPTIMIZATIONS)[number];

/**
 * The kernel's preemption model, which decides what `cond_resched()` returns in the kthread's loop:
 * `full` is CONFIG_PREEMPT (the 2019 calibration kernel, `SMP PREEMPT`), where `_cond_resched()` is
 * an inline returning 0 because the task is preempted wherever it is; `none` is
 * CONFIG_PREEMPT_NONE, where `_cond_resched()` schedules and returns 1 when a reschedule is due.
 */
export const PREEMPT_MODELS = ['full', 'none'] as const;
export type PreemptModel = (typeof PREEMPT_MODELS)[number];

/**
 * How the XDP program is attached (xdp-bench's `-m`): `native` runs it in the driver on the
 * xdp_buff; `skb` is generic XDP, run by netif_receive_generic_xdp on an SKB the driver built.
 */
export const XDP_MODES = ['native', 'skb'] as const;
export type XdpMode = (typeof XDP_MODES)[number];

/** What an entry's own XDP program (5.9+, run in the kthread) returns. */
export const ENTRY_PROG_ACTIONS = ['pass', 'drop', 'redirect'] as const;
export type EntryProgAction = (typeof ENTRY_PROG_ACTIONS)[number];

/**
 * An entry's XDP program (`struct bpf_cpumap_val`'s bpf_prog, 5.9+): it returns `action` for
 * `fraction` of the frames (spread evenly) and XDP_PASS for the rest. `pass` has fraction 1.
 */
export interface EntryProg {
  action: EntryProgAction;
  fraction: number;
}

/** An initial cpumap entry: map key (= target CPU), ptr_ring size and, from 5.9, a program. */
export interface EntrySpec {
  cpu: number;
  qsize: number;
  prog?: EntryProg;
}

/** How frames arrive at the NIC. `bursty` sends `burst` frames back to back at line rate, then idles. */
export type Arrival = { kind: 'constant' } | { kind: 'poisson' } | { kind: 'bursty'; burst: number };

/** How the XDP program picks a cpumap key for each frame it redirects. */
export type ProgPolicy = { kind: 'rr' } | { kind: 'hash' } | { kind: 'cpu'; cpu: number };

/**
 * What the flows carry. `udp`: datagrams, which GRO cannot merge (no socket asks for UDP GRO).
 * `tcp`: TCP-like bulk transfers: each sender puts `run` in-order segments of one flow on the wire
 * back to back (a TSO burst), so GRO (6.15+ in the kthread) can merge consecutive segments of a
 * flow into one SKB.
 */
export type Traffic = { kind: 'udp' } | { kind: 'tcp'; run: number };

/** What netif_receive_skb_core does with the SKB on the remote CPU. */
export const STACK_VERDICTS = ['iptables-drop', 'udp-noport', 'deliver'] as const;
export type StackVerdict = (typeof STACK_VERDICTS)[number];

/** BPF_ANY, BPF_NOEXIST, BPF_EXIST. */
export const BPF_ANY = 0;
export const BPF_NOEXIST = 1;
export const BPF_EXIST = 2;

/**
 * One timed operation of the `ops` timeline: a map operation (the bpf() syscall from user space),
 * a fault injection, a change of the offered load, or an RX interrupt moved to another CPU.
 */
export type MapOpSpec =
  /** `prog` (5.9+): the new entry's program, as struct bpf_cpumap_val's bpf_prog.fd names it. */
  | { at: Nanos; op: 'update'; key: number; qsize: number; flags: number; prog?: EntryProg }
  | { at: Nanos; op: 'delete'; key: number }
  | { at: Nanos; op: 'lookup'; key: number }
  /** get_next_key; `key` null means "no key" (start of iteration). */
  | { at: Nanos; op: 'next'; key: number | null }
  /** Release the map: the XDP program is detached and cpu_map_free runs. */
  | { at: Nanos; op: 'free' }
  /**
   * BPF_MAP_CREATE of a new cpumap with `max` entries (null: the scenario's `max`), and the XDP
   * program attached again with it.
   */
  | { at: Nanos; op: 'create'; max: number | null }
  /** The traffic generator's offered load changes to `rate` frames per second over all RX queues. */
  | { at: Nanos; op: 'rate'; rate: number }
  /** RX queue `queue`'s interrupt is moved to `cpu` (a write to /proc/irq/N/smp_affinity). */
  | { at: Nanos; op: 'irq'; queue: number; cpu: number }
  /** Fault injection, as the kernel's failslab: the next `count` allocations fail. */
  | { at: Nanos; op: 'failslab'; count: number }
  /**
   * A SCHED_FIFO task (a stress tool's RT thread) busy on `cpu` for `ns`: CFS tasks there (cpumap
   * kthreads, ksoftirqd) wait; interrupts and their softirq still run.
   */
  | { at: Nanos; op: 'rt'; cpu: number; ns: Nanos };

export type MapOpKind = MapOpSpec['op'];

export interface Scenario {
  /** Which cpumap.c (`KERNEL_VERSIONS` in kernels.ts). */
  kernel: KernelVersion;
  /** Explicit optimization set; null means "what `kernel` has". */
  opt: Optimization[] | null;
  /** The kernel's preemption model (what cond_resched() returns, hence the kthread's sched). */
  preempt: PreemptModel;
  /** Possible CPUs (1 to 64). */
  cpus: number;
  /** The map's max_entries (may be invalid on purpose: create then fails with the kernel's errno). */
  max: number;
  /** CPU of each NIC RX queue, in queue order. */
  rx: number[];
  /** NIC RX descriptor ring size per queue. */
  ring: number;
  /** Initial entries, installed with BPF_ANY before traffic starts. */
  entries: EntrySpec[];
  /** Offered load in frames per second, over all RX queues. */
  rate: number;
  /** Frame size in bytes (Ethernet frame without FCS). */
  size: number;
  /** Link speed in Gbit/s (caps the rate at line rate). */
  link: number;
  /** Number of distinct flows (5-tuples); RSS spreads them over the RX queues. */
  flows: number;
  arrival: Arrival;
  /** What the flows carry: UDP datagrams or TCP-like runs of segments (what GRO can merge). */
  traffic: Traffic;
  prog: ProgPolicy;
  /** The XDP program's attach mode: native (driver) or skb (generic XDP). */
  mode: XdpMode;
  /** Fraction of frames the XDP program drops (XDP_DROP) instead of redirecting, 0 to 1. */
  drop: number;
  stack: StackVerdict;
  /** Seed of the random number generators. */
  seed: number;
  /** Whether the loader has CAP_SYS_ADMIN (false: map create fails with -EPERM). */
  cap: boolean;
  /** Timeline of map operations, sorted by time. */
  ops: MapOpSpec[];
}

/** A problem found while reading a scenario: names the parameter, the value, and what is allowed. */
export interface ScenarioProblem {
  param: string;
  value: string;
  message: string;
}
