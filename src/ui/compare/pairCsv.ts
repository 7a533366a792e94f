/**
 * Both runs' statistics in one CSV: the single view's CSV (statsCsv.ts) of each run, every record
 * prefixed with a `run` column ("A" or "B"), under one header. Whatever columns the single view's
 * CSV has, this has too.
 */
import { csvField, statsCsv } from '../exports/statsCsv';
import type { StatsSample } from '../../worker/statsSampler';

export const PAIR_CSV_FILE = 'cpumap-stats-pair.csv';

const CRLF = '\r\n';

/** The CSV of `runs`, in the order given. */
export function pairStatsCsv(runs: readonly { name: string; samples: readonly StatsSample[] }[]): string {
  const [header] = statsCsv([]).split(CRLF);
  const lines = [`run,${header}`];
  for (const run of runs) {
    const [, ...records] = statsCsv(run.samples).split(CRLF);
    // The text ends with a line end: the last piece is empty.
    for (const record of records) if (record !== '') lines.push(`${csvField(run.name)},${record}`);
  }
  return lines.map((l) => l + CRLF).join('');
}
