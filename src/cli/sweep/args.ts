/**
 * Command-line flags of `npm run sweep`. Every problem is a UsageError (as `npm run sim`'s) whose
 * message names the flag and the value; the axes themselves are read by the sweep core.
 */
import { formatDuration } from '../../scenario/units';
import { SWEEP_PARAMS } from '../../sweep/sweepParams';
import { CLI_SWEEP_WINDOW } from '../../sweep/sweepDefaults';
import { oneOf, readCommandLine, simulatedWindow, UsageError } from '../commandLine';

export type SweepOutputMode = 'text' | 'json' | 'csv';

export interface SweepCliOptions {
  query: string;
  /** The `--vary` flags as written, `PARAM=LIST`, in order. */
  vary: string[];
  durationNs: number;
  warmupNs: number;
  mode: SweepOutputMode;
  /** Worker threads to run points on; null: as many as the machine has cores. */
  jobs: number | null;
}

/** Most worker threads one sweep starts. */
export const MAX_JOBS = 64;

const PARAM_LINES = SWEEP_PARAMS.map((p) => `    ${p.name.padEnd(8)} ${p.means}`).join('\n');

export const SWEEP_USAGE = `usage: npm run sweep -- '<scenario query>' --vary PARAM=LIST [--vary PARAM2=LIST] [--duration 1s] [--warmup 100ms] [--json | --csv | --text] [--jobs N]

  <scenario query>  the base scenario as a URL query string (README: "Scenario parameters"); each
                    point puts its values over it
  --vary PARAM=LIST a parameter and its values; give it twice for a grid (the first PARAM slowest)
  --duration T      simulated time each point runs (default ${formatDuration(CLI_SWEEP_WINDOW.durationNs)}; at most 3600s)
  --warmup T        rates are measured after this much simulated time (default ${formatDuration(CLI_SWEEP_WINDOW.warmupNs)})
  --text            one row per point and the answer line (default)
  --json            one JSON object per point and line: vary, then the keys of \`npm run sim --json\`
  --csv             one row per point, every metric
  --jobs N          worker threads (default: the machine's cores, at most the number of points)

  PARAM:
${PARAM_LINES}

  LIST: a comma list (32,64,128), or for numbers a range with a step (1M..14.88M+1M) or a factor
  (32..4096x2); a range ends with its end value.`;

function jobs(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (!/^[0-9]{1,3}$/.test(text) || Number(text) < 1 || Number(text) > MAX_JOBS) {
    throw new UsageError(`--jobs: "${text}" is not allowed: a whole number from 1 to ${MAX_JOBS}`);
  }
  return Number(text);
}

/** Parses argv (without node and the script); `--help` is a UsageError with an empty message. */
export function parseSweepArgs(argv: readonly string[]): SweepCliOptions {
  const { values, query } = readCommandLine(argv, {
    vary: { type: 'string', multiple: true },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    jobs: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    text: { type: 'boolean' },
  });
  const mode = oneOf(values, ['json', 'csv', 'text'] as const) ?? 'text';
  const vary = values.vary ?? [];
  if (vary.length === 0) throw new UsageError('--vary: nothing to vary: give a parameter and its values, e.g. --vary qsize=32..4096x2');
  const { durationNs, warmupNs } = simulatedWindow(values, CLI_SWEEP_WINDOW);
  return { query, vary, durationNs, warmupNs, mode, jobs: jobs(values.jobs) };
}
