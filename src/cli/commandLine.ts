/**
 * What `npm run sim` and `npm run sweep` read the same way: the flags (node:util parseArgs, strict),
 * one scenario query, one output flag of a set, and the simulated window (--duration, --warmup).
 * Every problem is a UsageError whose message names the flag and the value.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { formatDuration, parseDuration } from '../scenario/units';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The flags' values and the one scenario query; `--help` is a UsageError with an empty message. */
export function readCommandLine<O extends Options>(argv: readonly string[], options: O) {
  type Config = { args: string[]; allowPositionals: true; strict: true; options: O };
  // --help is every command's: added here, read through a cast since O does not name it.
  const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as unknown as O;
  let parsed;
  try {
    parsed = parseArgs<Config>({ args: [...argv], allowPositionals: true, strict: true, options: withHelp });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if ((values as { help?: boolean }).help === true) throw new UsageError('');
  if (positionals.length > 1) throw new UsageError(`expected one scenario query, got ${positionals.length} arguments (quote the query)`);
  return { values, query: positionals[0] ?? '' };
}

/** Which of the boolean flags `modes` is given: at most one, or undefined. */
export function oneOf<M extends string>(values: Record<string, unknown>, modes: readonly M[]): M | undefined {
  const given = modes.filter((m) => values[m] === true);
  if (given.length > 1) {
    throw new UsageError(`choose one of ${modes.map((m) => `--${m}`).join(', ')} (got ${given.map((m) => `--${m}`).join(' ')})`);
  }
  return given[0];
}

export function duration(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ns = parseDuration(text);
  if (ns === null) throw new UsageError(`--${flag}: "${text}" is not a duration: use a number with ns, us, ms or s (e.g. 100ms)`);
  return ns;
}

/** --duration and --warmup, with their defaults: the run ends at durationNs, measured after warmupNs. */
export function simulatedWindow(
  values: { duration?: string; warmup?: string },
  defaults: { durationNs: number; warmupNs: number },
): { durationNs: number; warmupNs: number } {
  const durationNs = duration('duration', values.duration, defaults.durationNs);
  if (durationNs <= 0 || durationNs > 3600e9) throw new UsageError('--duration: must be more than 0 and at most 3600s');
  const warmupNs = duration('warmup', values.warmup, defaults.warmupNs);
  if (warmupNs >= durationNs) {
    throw new UsageError(
      values.warmup === undefined
        ? `--warmup: the default ${formatDuration(defaults.warmupNs)} is not shorter than --duration ${values.duration}: give a shorter --warmup`
        : '--warmup: must be shorter than --duration',
    );
  }
  return { durationNs, warmupNs };
}
