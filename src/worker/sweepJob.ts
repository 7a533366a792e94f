/**
 * A sweep worker's one job: run a point headless (runPoint, as `npm run sim --json` does) and say
 * what came of it. Never throws: an engine that stops is the point's error, not the worker's end.
 */
import { parseScenario } from '../scenario/parse';
import { runPoint } from '../sweep/runPoint';
import type { SweepJob, SweepReply } from './sweepProtocol';

export function runSweepJob(job: SweepJob): SweepReply {
  const { scenario, problems } = parseScenario(job.query);
  if (problems.length > 0) return { index: job.index, ok: false, message: problems.map((p) => p.message).join('; ') };
  try {
    const point = runPoint(scenario, job.window);
    return point.ok ? { index: job.index, ok: true, report: point.report } : { index: job.index, ok: false, message: point.message };
  } catch (error) {
    return { index: job.index, ok: false, message: `the simulation stopped: ${error instanceof Error ? error.message : String(error)}` };
  }
}
