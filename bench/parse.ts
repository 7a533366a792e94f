/** The scenario parser on the largest queries it accepts: each must parse in linear time. */
import { parseScenario } from '../src/scenario/parse';
import { worstCaseQueries } from '../src/scenario/worstQueries';

export function parseBench(): void {
  const queries = worstCaseQueries();
  let slowest = 0;
  let slowestQuery = '';
  const t0 = performance.now();
  for (const query of queries) {
    const started = performance.now();
    parseScenario(query, { extraParams: ['speed'] });
    const ms = performance.now() - started;
    if (ms > slowest) [slowest, slowestQuery] = [ms, query];
  }
  const total = performance.now() - t0;
  console.log(`Parser: the ${queries.length} largest accepted queries (64 KiB of one repeated piece each)`);
  console.log(
    `  all in ${total.toFixed(1)} ms; slowest ${slowest.toFixed(1)} ms (${slowestQuery.slice(0, 24)}...)  (goal: well under 1 s each)`,
  );
}
