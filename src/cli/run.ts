/**
 * What `npm run sim` does, as a function: argv in, what it prints and its exit code out. main.ts
 * only hands it process.argv and writes what it prints to the process's streams; the golden corpus
 * (tests/golden) calls it in-process and records what it prints.
 */
// The later kernels' code (6.15+ GRO): the CLI builds engines for every version.
import '../engine/kernel/lateKernelInstall';
import { Engine, describeOp } from '../engine/engine';
import { redirectCpuStats } from '../engine/stats/redirectCpu';
import { remoteProgNames } from '../scenario/entryProg';
import { formatRedirectCpuTable } from '../engine/stats/format';
import { formatTraceLine } from '../engine/stats/tracePipe';
import { xdpBenchStats } from '../engine/stats/xdpBench';
import { formatXdpBench } from '../engine/stats/xdpBenchFormat';
import type { TraceCounters } from '../engine/kernel/tracepoints';
import { parseScenario } from '../scenario/parse';
import { measureReport } from './report';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args';

const TRACE_RING = 1 << 16;

/** Where the CLI's text goes, in the order it is printed (main.ts: the process's streams). */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Everything a run printed, and its exit code. */
export interface SimResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunHooks {
  /** Called with the run's engine once it is built (before it runs), e.g. to inspect it afterwards. */
  onEngine?(engine: Engine): void;
}

/** Stops the run with a message on stderr and an exit code. */
class Exit extends Error {
  constructor(
    readonly text: string,
    readonly code: number,
  ) {
    super(text);
  }
}

function fail(message: string, code = 2): never {
  throw new Exit(message.endsWith('\n') ? message : `${message}\n`, code);
}

/** --text and --format xdp-bench: one block per interval from the end of the warm-up. */
function runText(engine: Engine, o: CliOptions, out: CliOutput): void {
  const cpus = engine.scenario.cpus;
  // 5.9+: the tool adds its block for the program on the remote CPU when entries carry one.
  const remote = engine.world.switches.kthreadXdpStats ? remoteProgNames(engine.scenario) : '';
  const block =
    o.mode === 'xdp-bench'
      ? (prev: TraceCounters, cur: TraceCounters, ns: number) => formatXdpBench(xdpBenchStats(prev, cur, ns, cpus), o.extended)
      : (prev: TraceCounters, cur: TraceCounters, ns: number) =>
          formatRedirectCpuTable(redirectCpuStats(prev, cur, ns, cpus), 0, remote === '' ? undefined : remote) + '\n';
  engine.runUntil(o.warmupNs);
  let prev = engine.world.counters.clone();
  for (let t = o.warmupNs; t < o.durationNs;) {
    const next = Math.min(t + o.intervalNs, o.durationNs);
    engine.runUntil(next);
    const cur = engine.world.counters.clone();
    out.stdout(block(prev, cur, next - t));
    prev = cur;
    t = next;
  }
  const violations = engine.check();
  if (violations.length > 0) out.stderr(`invariant violations:\n${violations.join('\n')}\n`);
}

function runTrace(engine: Engine, o: CliOptions, out: CliOutput): void {
  const comm = new Map(engine.entries.map((e) => [e.kthread?.pid, e.kthread?.comm]));
  engine.runUntil(o.warmupNs);
  let seq = engine.world.traceRing?.written ?? 0;
  let printed = 0;
  const step = 10_000; // 10 us of simulated time between reads keeps the ring from wrapping
  for (let t = o.warmupNs; t < o.durationNs && printed < o.limit;) {
    t = Math.min(t + step, o.durationNs);
    engine.runUntil(t);
    const ring = engine.world.traceRing;
    if (ring === null) break;
    for (const e of engine.entries) if (e.kthread) comm.set(e.kthread.pid, e.kthread.comm);
    const events = ring.read(seq);
    seq = ring.written;
    for (const ev of events) {
      if (printed >= o.limit) break;
      out.stdout(formatTraceLine(ev, (pid) => comm.get(pid)) + '\n');
      printed++;
    }
  }
}

function runJson(engine: Engine, o: CliOptions, out: CliOutput): void {
  out.stdout(JSON.stringify(measureReport(engine, o.warmupNs, o.durationNs), null, 2) + '\n');
}

function run(argv: readonly string[], out: CliOutput, hooks: RunHooks): void {
  let options: CliOptions;
  try {
    options = parseCliArgs([...argv]);
  } catch (e) {
    if (e instanceof UsageError) fail(e.message ? `${e.message}\n\n${USAGE}` : USAGE, e.message ? 2 : 0);
    throw e;
  }
  const { scenario, problems } = parseScenario(options.query);
  if (problems.length > 0) {
    fail(`invalid scenario:\n${problems.map((p) => `  ${p.message}`).join('\n')}`);
  }
  // Only --json reports latency; --text, --trace and xdp-bench run without recording it.
  const engine = new Engine(scenario, { traceCapacity: options.mode === 'trace' ? TRACE_RING : 0, latency: options.mode === 'json' });
  hooks.onEngine?.(engine);
  if (engine.createResult.result !== '0') {
    fail(`BPF_MAP_CREATE failed: ${engine.createResult.result} (${engine.createResult.reason})`, 1);
  }
  for (const op of engine.ops) if (op.at === 0 && op.op !== 'create' && op.result !== '0') out.stderr(`${describeOp(op)}\n`);
  if (options.mode === 'json') runJson(engine, options, out);
  else if (options.mode === 'trace') runTrace(engine, options, out);
  else runText(engine, options, out);
  // Before 6.5: entries whose kthread was stopped before it ever ran (the JSON's `leaks`).
  for (const l of engine.world.leaks) {
    const frames = l.framesInRing === 1 ? '1 frame' : `${l.framesInRing} frames`;
    out.stderr(
      `leak: entry #${l.uid} for CPU ${l.cpu} (kthread_stop at ${(l.at / 1e6).toFixed(3)} ms before its kthread ran), with ${frames} in its ring\n`,
    );
  }
}

/**
 * The CLI on `argv` (without node and the script): writes what it prints to `out`, in order, and
 * returns the exit code (0; 1 when the map create fails; 2 for bad flags or an invalid scenario,
 * 0 for --help; 70 for an internal error).
 */
export function runCli(argv: readonly string[], out: CliOutput, hooks: RunHooks = {}): number {
  try {
    run(argv, out, hooks);
    return 0;
  } catch (e) {
    if (e instanceof Exit) {
      out.stderr(e.text);
      return e.code;
    }
    const message = `internal error: ${(e as Error).message}`;
    out.stderr(message.endsWith('\n') ? message : `${message}\n`);
    return 70;
  }
}

/** runCli with what it prints collected: a pure function of `argv`. */
export function runSim(argv: readonly string[], hooks: RunHooks = {}): SimResult {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = runCli(argv, { stdout: (text) => void stdout.push(text), stderr: (text) => void stderr.push(text) }, hooks);
  return { stdout: stdout.join(''), stderr: stderr.join(''), code };
}
