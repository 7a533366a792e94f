/** The worker's state report: everything the page mirrors, taken at one moment. */
import { describeOp, type Engine } from '../engine/engine';
import type { WorkerTools } from './tools';
import { MAX_OP_LOG, type InspectTarget, type LoadedMessage, type StateMessage, type StatePurpose } from './protocol';
import type { StatsHistory } from './statsHistory';
import type { Timeline } from './timeline';
import { STATS_HISTORY } from './settings';

export interface ReportedParts {
  loads: number;
  loaded: LoadedMessage | null;
  engine: Engine | null;
  /** Records in engine.ops made by building the engine (not reported to the page as results). */
  opsAtLoad: number;
  timeline: Timeline;
  history: StatsHistory;
  running: boolean;
  target: InspectTarget | null;
  /**
   * The inspector (a worker tool, fetched on first use so the first frame does not wait for it):
   * at hand whenever `target` is set, since only an 'inspect' message sets it and that waits for the tools.
   */
  inspect: WorkerTools['inspect'] | null;
}

export function stateReport(purpose: StatePurpose, p: ReportedParts): StateMessage {
  const engine = p.engine;
  const ops = engine === null ? [] : engine.ops.slice(Math.max(p.opsAtLoad, engine.ops.length - MAX_OP_LOG));
  const last = ops[ops.length - 1];
  const now = engine?.now ?? 0;
  return {
    type: 'state',
    purpose,
    loads: p.loads,
    loaded: p.loaded,
    handOps: p.timeline.handMade(),
    ops,
    lastOpText: last === undefined ? null : describeOp(last),
    stats: p.history.upTo(now, STATS_HISTORY),
    simNs: now,
    furthestNs: p.timeline.furthest,
    running: p.running,
    target: p.target,
    inspection: engine === null || p.target === null || p.inspect === null ? null : p.inspect(engine, p.target),
  };
}
