/**
 * Command-line flags of `npm run sim`. Every problem is a UsageError with a message that says
 * what was wrong and what is allowed; main.ts prints it without a stack trace.
 */
import { duration, oneOf, readCommandLine, simulatedWindow, UsageError } from './commandLine';

export { UsageError };

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

/** Parses argv (without node and the script). */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values, query } = readCommandLine(argv, {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    interval: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    text: { type: 'boolean' },
    trace: { type: 'boolean' },
    format: { type: 'string' },
    extended: { type: 'boolean', short: 'e' },
  });
  const flag = oneOf(values, ['json', 'text', 'trace'] as const);
  const format = values.format;
  if (format !== undefined && !FORMATS.includes(format as OutputMode)) {
    throw new UsageError(`--format: "${format}" is not a format: use one of ${FORMATS.join(', ')}`);
  }
  if (format !== undefined && flag !== undefined && flag !== format) {
    throw new UsageError(`--format ${format} and --${flag} ask for different outputs: give one of them`);
  }
  const mode = (format as OutputMode | undefined) ?? flag ?? 'text';
  const extended = values.extended === true;
  if (extended && mode !== 'xdp-bench') throw new UsageError(`--extended (-e) is for --format xdp-bench only`);
  const { durationNs, warmupNs } = simulatedWindow(values, { durationNs: 1e9, warmupNs: 0 });
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
  return { query, durationNs, warmupNs, intervalNs, mode, limit, extended };
}
