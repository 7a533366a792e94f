/**
 * Records a golden case: the CLI's --json and --trace runs (what they print and their exit codes),
 * and a digest of the engine's state at the end of the --json run. Shared by the recorder
 * (scripts/recordGolden.ts) and the tests, so that both write exactly the same text.
 *
 * A case's file is plain text: a header naming the case and its query, then one section per kind
 * of output, each opened by a line `===== KIND: ... =====`.
 */
import { join } from 'node:path';
import { runSim, type SimResult } from '../../src/cli/run';
import type { Engine } from '../../src/engine/engine';
import { takeSnapshot } from '../../src/engine/snapshot';
import { jsonArgv, traceArgv, type GoldenCase } from './corpus';

/** The recorded files, one per case: `<name>.txt` (paths are from the repository's root). */
export const CASES_DIR = join(process.cwd(), 'tests', 'golden', 'cases');
export const EXT = '.txt';

export const KINDS = ['json', 'trace', 'state'] as const;
export type Kind = (typeof KINDS)[number];

export type GoldenRecord = Record<Kind, string>;

export const RECORD_COMMAND = 'npm run golden:record';

/** A section's opening line: `===== json: sim '<query>' --duration ... =====`. */
const SECTION = /^===== (json|trace|state)(?:: .*)? =====\n/gm;

/** A name a case's file may have. */
export const CASE_NAME = /^[a-z0-9][a-z0-9.-]*$/;

/** What a CLI run printed, as one text. */
function cliText(r: SimResult): string {
  return `exit ${r.code}\n--- stderr\n${r.stderr}--- stdout\n${r.stdout}`;
}

/** The argv as a shell would need it typed (single-quoted where needed). */
function shellLine(argv: readonly string[]): string {
  return ['sim', ...argv].map((a) => (/^[A-Za-z0-9_./:=,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** One line per item for arrays of objects, JSON otherwise: a digest that diffs line by line. */
function lines(prefix: string, value: unknown, out: string[]): void {
  if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
    out.push(`${prefix}: (${value.length})`);
    for (const v of value) out.push(`  ${JSON.stringify(v)}`);
  } else {
    out.push(`${prefix}: ${JSON.stringify(value)}`);
  }
}

/**
 * The engine's state at the end of a run: frame totals, the tracepoint counters per CPU (and per
 * CPU pair for the enqueue), each CPU's busy time, polls, kthread iterations, every map
 * operation's record, the violations, the log, and the explorer's snapshot of the machine.
 */
export function stateDigest(e: Engine): string {
  const w = e.world;
  const n = e.scenario.cpus;
  const c = w.counters;
  const stride = Math.round(Math.sqrt(c.enqProcessed.length));
  const perCpu = (a: Float64Array): number[] => Array.from(a.subarray(0, n));
  const enqueue: { from: number; to: number; processed: number; drops: number; events: number }[] = [];
  for (let from = 0; from < n; from++) {
    for (let to = 0; to < n; to++) {
      const i = from * stride + to;
      if (c.enqProcessed[i] !== 0 || c.enqDrops[i] !== 0 || c.enqEvents[i] !== 0) {
        enqueue.push({ from, to, processed: c.enqProcessed[i], drops: c.enqDrops[i], events: c.enqEvents[i] });
      }
    }
  }
  const out: string[] = [];
  lines('now', w.now, out);
  lines('frames', e.frameTotals(), out);
  lines('polls', w.polls, out);
  lines('kthreadIterations', e.kthreadIterations(), out);
  lines('counters.rxProcessed', perCpu(c.rxProcessed), out);
  lines('counters.rxDropped', perCpu(c.rxDropped), out);
  lines('counters.redirectErr', perCpu(c.redirectErr), out);
  lines('counters.exception', perCpu(c.exception), out);
  lines('counters.kthProcessed', perCpu(c.kthProcessed), out);
  lines('counters.kthDrops', perCpu(c.kthDrops), out);
  lines('counters.kthSched', perCpu(c.kthSched), out);
  lines('counters.kthEvents', perCpu(c.kthEvents), out);
  lines('counters.enqueue', enqueue, out);
  lines(
    'busyNs [softirq, ksoftirqd, kthread, switch]',
    w.cpus.map((cpu) => [cpu.id, ...cpu.busyNs]),
    out,
  );
  lines('ops', e.ops, out);
  lines('violations', [...e.violations], out);
  lines('log', w.log, out);
  const snapshot = takeSnapshot(e);
  for (const [key, value] of Object.entries(snapshot)) lines(`snapshot.${key}`, value, out);
  return out.join('\n') + '\n';
}

/** Runs a case: both CLI runs, and the state at the end of the --json one. */
export function recordCase(c: GoldenCase): GoldenRecord {
  let engine: Engine | null = null;
  const json = runSim(jsonArgv(c), { onEngine: (e) => (engine = e) });
  const trace = runSim(traceArgv(c));
  return {
    json: cliText(json),
    trace: cliText(trace),
    state: engine === null ? 'no engine: the CLI refused the flags or the scenario\n' : stateDigest(engine),
  };
}

/** The file's text for a case's record. */
export function renderFile(c: GoldenCase, r: GoldenRecord): string {
  const heads: Record<Kind, string> = { json: shellLine(jsonArgv(c)), trace: shellLine(traceArgv(c)), state: 'at the end of the json run' };
  let text = `golden case ${c.name}\nquery: ${c.query}\n`;
  for (const kind of KINDS) {
    const body = r[kind];
    for (const line of body.split('\n')) {
      if (new RegExp(SECTION.source).test(`${line}\n`))
        throw new Error(`${c.name}: a line of its ${kind} output looks like a section line: ${line}`);
    }
    if (!body.endsWith('\n')) throw new Error(`${c.name}: its ${kind} output does not end with a newline`);
    text += `===== ${kind}: ${heads[kind]} =====\n${body}`;
  }
  return text;
}

/** A recorded file's sections (what renderFile wrote for each kind), or the problem with it. */
export function parseFile(text: string): { sections: Partial<GoldenRecord> } {
  const sections: Partial<GoldenRecord> = {};
  const marks = [...text.matchAll(SECTION)];
  marks.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1].index : text.length;
    sections[m[1] as Kind] = text.slice(start, end);
  });
  return { sections };
}

/** Where two texts first differ, as a message: the line number and both lines. */
export function firstDifference(recorded: string, now: string): string {
  const a = recorded.split('\n');
  const b = now.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      const show = (s: string | undefined): string => (s === undefined ? '(no such line)' : JSON.stringify(s));
      return `first difference at line ${i + 1} (${a.length} lines recorded, ${b.length} now):\n  recorded: ${show(a[i])}\n  now:      ${show(b[i])}`;
    }
  }
  return 'the texts are equal';
}
