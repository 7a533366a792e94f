/** Shared helpers of the scenario parser's tests. */
import { expect } from 'vitest';
import { lineRatePps } from './defaults';
import { KERNEL_VERSIONS } from './kernels';
import { MAX_CPUS, MAX_ENTRIES, MAX_OP_TIME_NS, MAX_OPS, MAX_RX_QUEUES, parseScenario, U32_MAX, type ParseOptions } from './parse';
import { OPTIMIZATIONS, PREEMPT_MODELS, STACK_VERDICTS, type Scenario, type ScenarioProblem } from './types';

/** Parses a query that must have no problems. */
export function clean(query: string, options?: ParseOptions): Scenario {
  const { scenario, problems } = parseScenario(query, options);
  expect(problems).toEqual([]);
  return scenario;
}

/** Parses a query that must have exactly one problem, and returns both. */
export function oneProblem(query: string): { scenario: Scenario; problem: ScenarioProblem } {
  const { scenario, problems } = parseScenario(query);
  expect(problems, query).toHaveLength(1);
  return { scenario, problem: problems[0] };
}

/**
 * Checks that `query` is refused with one problem naming `param` and `value`, whose message reads
 * `param: "value" is not allowed: ...` and contains `allowed`. Returns the (fallback) scenario.
 */
export function refused(query: string, param: string, value: string, allowed: string | RegExp): Scenario {
  const { scenario, problem } = oneProblem(query);
  expect(problem.param).toBe(param);
  expect(problem.value).toBe(value);
  expect(problem.message.startsWith(`${param}: ${JSON.stringify(value)} is not allowed: `), problem.message).toBe(true);
  if (typeof allowed === 'string') expect(problem.message).toContain(allowed);
  else expect(problem.message).toMatch(allowed);
  return scenario;
}

/** Every field of `s` is within the range parseScenario promises. */
export function expectInRange(s: Scenario): void {
  const whole = (n: number, min: number, max: number): void => {
    expect(Number.isInteger(n) && n >= min && n <= max, `${n} in ${min}..${max}`).toBe(true);
  };
  expect(KERNEL_VERSIONS).toContain(s.kernel);
  if (s.opt !== null) {
    expect(new Set(s.opt).size).toBe(s.opt.length);
    for (const o of s.opt) expect(OPTIMIZATIONS).toContain(o);
  }
  expect(PREEMPT_MODELS).toContain(s.preempt);
  whole(s.cpus, 1, MAX_CPUS);
  whole(s.max, 0, U32_MAX);
  whole(s.rx.length, 1, MAX_RX_QUEUES);
  for (const cpu of s.rx) whole(cpu, 0, s.cpus - 1);
  whole(s.ring, 32, 8192);
  expect(s.entries.length).toBeLessThanOrEqual(MAX_ENTRIES);
  expect(new Set(s.entries.map((e) => e.cpu)).size).toBe(s.entries.length);
  for (const e of s.entries) {
    whole(e.cpu, 0, U32_MAX);
    whole(e.qsize, 0, U32_MAX);
  }
  whole(s.size, 64, 1518);
  expect(s.link >= 0.1 && s.link <= 400).toBe(true);
  expect(s.rate >= 0 && s.rate <= lineRatePps(s.link, s.size)).toBe(true);
  whole(s.flows, 1, 65_536);
  expect(['constant', 'poisson', 'bursty']).toContain(s.arrival.kind);
  if (s.arrival.kind === 'bursty') whole(s.arrival.burst, 2, 4096);
  expect(['rr', 'hash', 'cpu']).toContain(s.prog.kind);
  if (s.prog.kind === 'cpu') whole(s.prog.cpu, 0, U32_MAX);
  expect(s.drop >= 0 && s.drop <= 1).toBe(true);
  expect(STACK_VERDICTS).toContain(s.stack);
  whole(s.seed, 0, U32_MAX);
  expect(typeof s.cap).toBe('boolean');
  expect(s.ops.length).toBeLessThanOrEqual(MAX_OPS);
  s.ops.forEach((op, i) => {
    whole(op.at, 0, MAX_OP_TIME_NS);
    if (i > 0) expect(op.at).toBeGreaterThanOrEqual(s.ops[i - 1].at);
    if (op.op === 'update') [op.key, op.qsize, op.flags].forEach((n) => whole(n, 0, U32_MAX));
    if (op.op === 'delete' || op.op === 'lookup' || (op.op === 'next' && op.key !== null)) whole(op.key ?? 0, 0, U32_MAX);
    if (op.op === 'failslab') whole(op.count, 1, 1000);
    if (op.op === 'create' && op.max !== null) whole(op.max, 0, U32_MAX);
    if (op.op === 'rate') expect(op.rate >= 0 && op.rate <= lineRatePps(s.link, s.size)).toBe(true);
    if (op.op === 'irq') {
      whole(op.queue, 0, s.rx.length - 1);
      whole(op.cpu, 0, s.cpus - 1);
    }
  });
}
