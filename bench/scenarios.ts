/** The scenarios the bench measures, as scenario queries (the same strings the CLI takes). */
import { lineRatePps } from '../src/scenario/defaults';

/** 10G line rate: 4 RX queues on CPUs 0-3, flow hash to 4 entries on CPUs 4-7, qsize 2048. */
export const LINE_RATE =
  'kernel=5.2&cpus=8&rx=0,1,2,3&entries=4:2048,5:2048,6:2048,7:2048&rate=14.88M&size=64&flows=1024&prog=hash&stack=iptables-drop&arrival=constant';

/** FACTS.md's calibration setup: one RX queue on CPU 3, everything to CPU 4, qsize 128. */
export const CALIBRATION = 'rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant';

/** The same setup without a rate: the published runs each add their own rate and link. */
export const CALIBRATION_SETUP = 'rx=3&entries=4:128&prog=rr&arrival=constant';

/**
 * The three runs whose verbatim xdp_redirect_cpu output FACTS.md quotes, on the 40G i40e they ran
 * on: v5.0 and v5.2 with an iptables raw DROP at 19.4 Mpps, and v5.0 with UdpNoPorts at 14.7 Mpps.
 * Every row printed bulk-average 8.00 and kthread drop-pps 0.
 */
export const PUBLISHED_RUNS = [
  {
    name: 'v5.0, iptables-raw drop',
    query: 'kernel=5.0&stack=iptables-drop&rate=19.4M&link=40',
    rx: 19_397_368,
    drop: 13_203_837,
    kthread: 6_193_534,
  },
  {
    name: 'v5.2, iptables-raw drop',
    query: 'kernel=5.2&stack=iptables-drop&rate=19.4M&link=40',
    rx: 19_399_374,
    drop: 11_749_769,
    kthread: 7_649_604,
  },
  {
    name: 'v5.0, UdpNoPorts',
    query: 'kernel=5.0&stack=udp-noport&rate=14.7M&link=40',
    rx: 14_732_711,
    drop: 11_552_609,
    kthread: 3_180_074,
  },
] as const;

/** The XDP paper's low-rate point: one frame per poll, bulk-average 1.00, one sched per frame. */
export const LOW_RATE = 'kernel=5.2&stack=udp-noport&rate=25476&link=40';

/** The cover letter's steps, with the published kthread pps (iptables-raw; UdpNoPorts baseline). */
export const COVER_LETTER_STEPS = [
  { label: 'v5.0 baseline', opt: 'none', iptables: 6_193_534, udp: 3_180_074 },
  { label: '+ consume-batched', opt: 'consume-batched', iptables: 6_321_540, udp: null },
  { label: '+ build-skb-around', opt: 'consume-batched,build-skb-around', iptables: 6_320_066, udp: null },
  { label: '+ alloc-bulk', opt: 'consume-batched,build-skb-around,alloc-bulk', iptables: 6_650_112, udp: null },
  { label: '+ prefetchw (v5.2)', opt: 'all', iptables: 7_649_604, udp: null },
] as const;

/** The line rate the scale rows offer: `lineRatePps` rounded down to a whole pps (parse refuses more). */
function lineRateQueryValue(linkGbit: number): number {
  return Math.floor(lineRatePps(linkGbit, 64));
}

/** Flows per cpumap entry in the scale rows: LINE_RATE's 1024 flows over 4 entries. */
const FLOWS_PER_TARGET = 256;

/**
 * One scale row: `rxQueues` RX queues on CPUs 0.. hashing 64-byte frames at line rate over
 * `targets` entries (qsize 2048) on the CPUs that follow, on a `cpus`-CPU machine.
 */
function scaleQuery(cpus: number, rxQueues: number, targets: number, linkGbit: number): string {
  const rx = Array.from({ length: rxQueues }, (_, i) => i).join(',');
  const entries = Array.from({ length: targets }, (_, i) => `${rxQueues + i}:2048`).join(',');
  return (
    `kernel=5.2&cpus=${cpus}&rx=${rx}&entries=${entries}&rate=${lineRateQueryValue(linkGbit)}&size=64` +
    `&flows=${FLOWS_PER_TARGET * targets}&prog=hash&stack=iptables-drop&arrival=constant&link=${linkGbit}`
  );
}

/** The scale table's rows: the same per-queue load on bigger links and machines, and the 10G setup on a mostly idle 64-CPU machine. */
export const SCALE_ROWS = [
  { label: '10G / 8 CPUs', query: scaleQuery(8, 4, 4, 10) },
  { label: '25G / 16 CPUs', query: scaleQuery(16, 8, 8, 25) },
  { label: '40G / 32 CPUs', query: scaleQuery(32, 16, 16, 40) },
  { label: '100G / 64 CPUs', query: scaleQuery(64, 32, 32, 100) },
  { label: '10G / 64 CPUs, 56 idle', query: scaleQuery(64, 4, 4, 10) },
] as const;
