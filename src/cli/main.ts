/**
 * `npm run sim`: the engine headless. Runs a scenario for a simulated duration and prints
 * xdp_redirect_cpu-style tables (--text), trace_pipe lines (--trace) or one JSON object (--json).
 */
import { Engine, describeOp } from '../engine/engine';
import { redirectCpuStats } from '../engine/stats/redirectCpu';
import { formatRedirectCpuTable } from '../engine/stats/format';
import { formatTraceLine } from '../engine/stats/tracePipe';
import { parseScenario } from '../scenario/parse';
import { buildReport, nicDropsByCpu } from './report';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './args';

const TRACE_RING = 1 << 16;

function fail(message: string, code = 2): never {
  process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
  process.exit(code);
}

function runText(engine: Engine, o: CliOptions): void {
  engine.runUntil(o.warmupNs);
  let prev = engine.world.counters.clone();
  for (let t = o.warmupNs; t < o.durationNs;) {
    const next = Math.min(t + o.intervalNs, o.durationNs);
    engine.runUntil(next);
    const cur = engine.world.counters.clone();
    process.stdout.write(formatRedirectCpuTable(redirectCpuStats(prev, cur, next - t, engine.scenario.cpus)) + '\n');
    prev = cur;
    t = next;
  }
  const violations = engine.check();
  if (violations.length > 0) process.stderr.write(`invariant violations:\n${violations.join('\n')}\n`);
}

function runTrace(engine: Engine, o: CliOptions): void {
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
      process.stdout.write(formatTraceLine(ev, (pid) => comm.get(pid)) + '\n');
      printed++;
    }
  }
}

function runJson(engine: Engine, o: CliOptions): void {
  engine.runUntil(o.warmupNs);
  const counters = engine.world.counters.clone();
  const nic = nicDropsByCpu(engine);
  engine.runUntil(o.durationNs);
  process.stdout.write(JSON.stringify(buildReport(engine, counters, nic, o.durationNs - o.warmupNs), null, 2) + '\n');
}

function main(): void {
  let options: CliOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) fail(e.message ? `${e.message}\n\n${USAGE}` : USAGE, e.message ? 2 : 0);
    throw e;
  }
  const { scenario, problems } = parseScenario(options.query);
  if (problems.length > 0) {
    fail(`invalid scenario:\n${problems.map((p) => `  ${p.message}`).join('\n')}`);
  }
  const engine = new Engine(scenario, { traceCapacity: options.mode === 'trace' ? TRACE_RING : 0 });
  if (engine.createResult.result !== '0') {
    fail(`BPF_MAP_CREATE failed: ${engine.createResult.result} (${engine.createResult.reason})`, 1);
  }
  for (const op of engine.ops) if (op.at === 0 && op.op !== 'create' && op.result !== '0') process.stderr.write(`${describeOp(op)}\n`);
  if (options.mode === 'json') runJson(engine, options);
  else if (options.mode === 'trace') runTrace(engine, options);
  else runText(engine, options);
}

try {
  main();
} catch (e) {
  fail(`internal error: ${(e as Error).message}`, 70);
}
