/**
 * Command-line flags of `npm run sim`. Every problem is a UsageError with a message that says
 * what was wrong and what is allowed; main.ts prints it without a stack trace.
 */
import { parseArgs } from 'node:util';
import { parseDuration } from '../scenario/units';

export type OutputMode = 'text' | 'json' | 'trace' | 'xdp-bench';

/** The values of --format: one per output mode (--text, --json, --trace are its short forms). */
export const FORMATS: readonly OutputMode[] = ['text', 'json', 'trace', 'xdp-bench'];

export interface CliOptions {
  query: string;
  durationNs: number;
  warmupNs: number;
  intervalNs: number;
  mode: OutputMode;
  limit: number;
  /** --extended / -e: xdp-bench's per-CPU lines (its own -e). */
  extended: boolean;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run sim -- '<scenario query>' --duration 1s [--warmup 100ms] [--interval 1s] [--json | --text | --trace [--limit 100] | --format xdp-bench [-e]]

  <scenario query>  the scenario as a URL query string, e.g. 'kernel=5.0&rx=3&entries=4:128&rate=14.7M'
                    (README: "Scenario parameters"); '' runs the default scenario
  --duration T      simulated time to run (default 1s; at most 3600s)
  --warmup T        rates are measured after this much simulated time (default 0)
  --interval T      --text and xdp-bench print one block per interval (default: the measured time, at most 1s)
  --text            xdp_redirect_cpu-style tables (default)
  --json            one JSON object with the run's figures
  --trace           trace_pipe lines of the tracepoints, at most --limit of them (default 100)
  --format F        the output as one flag: text, json, trace (the three above) or xdp-bench:
                    xdp-bench redirect-cpu's lines, one block per --interval, for interface eth0
  --extended, -e    with --format xdp-bench: also its per-CPU lines (xdp-bench's own -e)`;

function duration(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ns = parseDuration(text);
  if (ns === null) throw new UsageError(`--${flag}: "${text}" is not a duration: use a number with ns, us, ms or s (e.g. 100ms)`);
  return ns;
}

/** Parses argv (without node and the script). */
export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        duration: { type: 'string' },
        warmup: { type: 'string' },
        interval: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        text: { type: 'boolean' },
        trace: { type: 'boolean' },
        format: { type: 'string' },
        extended: { type: 'boolean', short: 'e' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) throw new UsageError('');
  if (positionals.length > 1) throw new UsageError(`expected one scenario query, got ${positionals.length} arguments (quote the query)`);
  const flags = (['json', 'text', 'trace'] as const).filter((m) => values[m]);
  if (flags.length > 1) throw new UsageError(`choose one of --json, --text, --trace (got ${flags.map((m) => `--${m}`).join(' ')})`);
  const format = values.format;
  if (format !== undefined && !FORMATS.includes(format as OutputMode)) {
    throw new UsageError(`--format: "${format}" is not a format: use one of ${FORMATS.join(', ')}`);
  }
  if (format !== undefined && flags.length > 0 && flags[0] !== format) {
    throw new UsageError(`--format ${format} and --${flags[0]} ask for different outputs: give one of them`);
  }
  const mode = (format as OutputMode | undefined) ?? flags[0] ?? 'text';
  const extended = values.extended === true;
  if (extended && mode !== 'xdp-bench') throw new UsageError(`--extended (-e) is for --format xdp-bench only`);
  const durationNs = duration('duration', values.duration, 1e9);
  if (durationNs <= 0 || durationNs > 3600e9) throw new UsageError(`--duration: must be more than 0 and at most 3600s`);
  const warmupNs = duration('warmup', values.warmup, 0);
  if (warmupNs >= durationNs) throw new UsageError(`--warmup: must be shorter than --duration`);
  const measured = durationNs - warmupNs;
  const intervalNs = duration('interval', values.interval, Math.min(measured, 1e9));
  if (intervalNs <= 0) throw new UsageError(`--interval: must be more than 0`);
  let limit = 100;
  if (values.limit !== undefined) {
    if (!/^[0-9]{1,7}$/.test(values.limit) || Number(values.limit) === 0) {
      throw new UsageError(`--limit: "${values.limit}" is not allowed: a whole number from 1 to 9999999`);
    }
    limit = Number(values.limit);
  }
  return { query: positionals[0] ?? '', durationNs, warmupNs, intervalNs, mode, limit, extended };
}
