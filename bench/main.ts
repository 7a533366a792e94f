/**
 * `npm run bench`: engine speed (against the floor, and as the machine scales) and memory, the
 * calibration table, time travel, and a sweep in the CLI. Prints figures and ratios;
 * it asserts nothing (tests check behaviour, the bench measures).
 */
import { groupThousands } from '../src/engine/stats/format';
import { CALIBRATION, CALIBRATION_SETUP, COVER_LETTER_STEPS, LINE_RATE, LOW_RATE, PUBLISHED_RUNS } from './scenarios';
import { MAX_CPUS } from '../src/engine/kernel/limits';
import { timeTravel } from './timeTravel';
import { engineFor } from './measureEngine';
import { floorRatio } from './floorRatio';
import { scaleTable } from './scale';
import { isMainThread } from 'node:worker_threads';
import { sweepBench } from './sweep';
import { parseBench } from './parse';
import { servePoints } from '../src/cli/sweep/pointRunner';

const gc = (globalThis as { gc?: () => void }).gc;

function heapMiB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** One simulated second at line rate: wall seconds, frames offered and violations. */
function lineRateSecond(latency: boolean): { wallS: number; frames: number; violations: number } {
  const engine = engineFor(LINE_RATE, { latency });
  engine.runUntil(100e6); // warm-up: JIT and steady state
  const offered0 = engine.world.acct.offered;
  const t0 = performance.now();
  engine.runUntil(100e6 + 1e9);
  const wallS = (performance.now() - t0) / 1000;
  return { wallS, frames: engine.world.acct.offered - offered0, violations: engine.check().length };
}

function throughput(): void {
  console.log('Line rate: 4 RX queues -> 4 remote CPUs, 14.88 Mpps of 64-byte frames, kernel 5.2, iptables-drop');
  // The page, --json and sweeps record latency; --text and --trace do not.
  for (const latency of [true, false]) {
    const { wallS, frames, violations } = lineRateSecond(latency);
    console.log(latency ? '  latency recorded (the page, sim --json, sweeps):' : '  latency not recorded (sim --text, --trace):');
    console.log(`    simulated 1 s in ${wallS.toFixed(2)} s of wall time`);
    console.log(`    real-time factor:            ${(1 / wallS).toFixed(3)}  (goal >= 3.0; 1.5 at least)`);
    console.log(`    packets simulated per wall s: ${groupThousands(frames / wallS)}`);
    console.log(`    violations: ${violations}`);
  }
}

function memory(): void {
  const engine = engineFor(LINE_RATE);
  engine.runUntil(1e9);
  const at1 = heapMiB();
  const t0 = performance.now();
  engine.runUntil(10e9);
  const wallS = (performance.now() - t0) / 1000;
  const at10 = heapMiB();
  console.log('Memory, same scenario' + (gc ? '' : ' (run with --expose-gc for exact figures)'));
  console.log(`  heap after  1 simulated s: ${at1.toFixed(1)} MiB`);
  console.log(`  heap after 10 simulated s: ${at10.toFixed(1)} MiB  (ratio ${(at10 / at1).toFixed(3)}, goal <= 1.100)`);
  console.log(`  (9 simulated s took ${wallS.toFixed(1)} s; frames in the pool at the end: ${engine.world.pool.live})`);
}

/** 60 simulated seconds at line rate: the heap must not grow (frames are ids, logs are bounded). */
function soak(): void {
  const engine = engineFor(LINE_RATE);
  engine.runUntil(1e9);
  const start = heapMiB();
  const t0 = performance.now();
  const samples: string[] = [];
  for (let s = 10; s <= 60; s += 10) {
    engine.runUntil(s * 1e9);
    samples.push(`${s} s: ${heapMiB().toFixed(1)} MiB`);
  }
  const end = heapMiB();
  const wallS = (performance.now() - t0) / 1000;
  console.log('Soak: 60 simulated seconds at line rate (the line-rate scenario)' + (gc ? '' : ' (run with --expose-gc for exact figures)'));
  console.log(`  heap after 1 simulated s: ${start.toFixed(1)} MiB; then ${samples.join(', ')}`);
  console.log(
    `  growth ${(((end - start) / start) * 100).toFixed(1)}% (goal < 10%), ${wallS.toFixed(0)} s of wall time, violations: ${engine.check().length}`,
  );
  console.log(
    `  frames offered ${groupThousands(engine.world.acct.offered)}, in the pool at the end ${engine.world.pool.live}, log lines ${engine.world.log.length}`,
  );
}

function kthreadPps(query: string): number {
  const engine = engineFor(query);
  engine.runUntil(100e6);
  const before = engine.world.counters.kthProcessed[4];
  engine.runUntil(600e6);
  return (engine.world.counters.kthProcessed[4] - before) * 2;
}

function calibration(): void {
  console.log("Calibration: FACTS.md's setup (1 RX CPU -> CPU 4, qsize 128, 14.7 Mpps), kthread pps");
  console.log(
    `  ${'step'.padEnd(22)} ${'iptables model'.padStart(14)} ${'published'.padStart(11)} ${'ratio'.padStart(6)}   ${'UdpNoPorts model'.padStart(16)} ${'published'.padStart(11)}`,
  );
  for (const s of COVER_LETTER_STEPS) {
    const ipt = kthreadPps(`${CALIBRATION}&opt=${s.opt}&stack=iptables-drop`);
    const udp = kthreadPps(`${CALIBRATION}&opt=${s.opt}&stack=udp-noport`);
    const pub = s.udp === null ? '(withheld)' : groupThousands(s.udp);
    console.log(
      `  ${s.label.padEnd(22)} ${groupThousands(ipt).padStart(14)} ${groupThousands(s.iptables).padStart(11)} ${(ipt / s.iptables).toFixed(3).padStart(6)}   ${groupThousands(udp).padStart(16)} ${pub.padStart(11)}` +
        (s.udp === null ? '' : ` ratio ${(udp / s.udp).toFixed(3)}`),
    );
  }
}

/** xdp_redirect_cpu's rows for CPU 3 -> 4 over 100..600 ms of simulated time. */
function redirectCpuRows(query: string) {
  const engine = engineFor(`${query}&${CALIBRATION_SETUP}`);
  engine.runUntil(100e6);
  const c0 = engine.world.counters.clone();
  engine.runUntil(600e6);
  const c = engine.world.counters;
  const i = 3 * MAX_CPUS + 4;
  const enq = c.enqProcessed[i] - c0.enqProcessed[i];
  // 500 ms measured: twice the difference is per second.
  return {
    rx: (c.rxProcessed[3] - c0.rxProcessed[3]) * 2,
    drop: (c.enqDrops[i] - c0.enqDrops[i]) * 2,
    kthread: (c.kthProcessed[4] - c0.kthProcessed[4]) * 2,
    kthreadDrop: (c.kthDrops[4] - c0.kthDrops[4]) * 2,
    sched: (c.kthSched[4] - c0.kthSched[4]) * 2,
    bulk: enq / (c.enqEvents[i] - c0.enqEvents[i]),
  };
}

function publishedRuns(): void {
  console.log('Calibration: the published xdp_redirect_cpu runs (FACTS.md, 40G link), model / published');
  console.log(
    `  ${'run'.padEnd(24)} ${'XDP-RX'.padStart(22)} ${'enqueue drop-pps'.padStart(22)} ${'kthread pps'.padStart(20)}  bulk-avg  kthread drop-pps`,
  );
  const pair = (m: number, p: number) => `${groupThousands(m)} ${(m / p).toFixed(3)}`;
  for (const run of PUBLISHED_RUNS) {
    const r = redirectCpuRows(run.query);
    console.log(
      `  ${run.name.padEnd(24)} ${pair(r.rx, run.rx).padStart(22)} ${pair(r.drop, run.drop).padStart(22)} ${pair(r.kthread, run.kthread).padStart(20)}  ${r.bulk.toFixed(2).padStart(8)}  ${groupThousands(r.kthreadDrop).padStart(16)}`,
    );
  }
  const low = redirectCpuRows(LOW_RATE);
  console.log(
    `  low rate, 25,476 pps: bulk-average ${low.bulk.toFixed(2)} (published 1.00), sched per frame ${(low.sched / low.kthread).toFixed(2)} (1.00)`,
  );
}

// The sweep section runs points on worker threads started from this same bundle: off the main
// thread it only serves points.
if (isMainThread) {
  const only = process.argv[2];
  if (!only || only === 'throughput') throughput();
  if (!only || only === 'floor') floorRatio();
  if (!only || only === 'scale') scaleTable();
  if (!only || only === 'calibration') {
    calibration();
    publishedRuns();
  }
  if (!only || only === 'memory') memory();
  if (!only || only === 'timetravel') timeTravel();
  if (!only || only === 'soak') soak();
  if (!only || only === 'parse') parseBench();
  if (!only || only === 'sweep') await sweepBench(new URL(import.meta.url));
} else {
  servePoints();
}
