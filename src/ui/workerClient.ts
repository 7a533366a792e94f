/**
 * The page's side of the simulation worker: starts it, installs `send` and `restartWorker` in the
 * store, and routes its messages: low-frequency state to the store, snapshots and journeys to the
 * frame bus. A worker that dies leaves the page as it was, with a notice and a restart.
 */
import { frameBus } from './frameBus';
import { formatSimTime } from './format';
import { feeds } from './feeds';
import { useUi } from './store';
import { useLink } from './url/linkState';
import type { FromWorker, ToWorker } from '../worker/protocol';

/** Most map operation results kept for the log. */
const MAX_OP_LOG = 200;

/** How the first worker starts. */
export interface BootOptions {
  /** Scenario query (view parameters in it are ignored by the worker). */
  query: string;
  /** Simulated ns per wall second. */
  speed: number;
  playing: boolean;
  /** Simulated time (whole ns) to run to before the first frame (a shared link's `t`). */
  startNs?: number;
}

let worker: Worker | null = null;
/** Messages received from workers since the page loaded (the soak bench reports the rate). */
export const workerTraffic = { messages: 0 };
/** 'load' messages sent to the current worker, and 'loaded' answers received from it. */
let loadsSent = 0;
let loadsDone = 0;
/** Callbacks waiting for the answer to a given load (by its number). */
let afterLoads: { load: number; fn: () => void }[] = [];

/** Calls `fn` once the scenario last sent to the worker has loaded (its 'loaded' has arrived). */
export function afterLastLoad(fn: () => void): void {
  if (loadsDone >= loadsSent) fn();
  else afterLoads.push({ load: loadsSent, fn });
}
/** The query last sent in a 'load': what a restart reloads if nothing has loaded yet. */
let requestedQuery = '';

/**
 * Starts the simulation worker (replacing any previous one) and loads `options.query`.
 * Returns a function that stops it (for an effect's cleanup).
 */
export function startWorker(options: BootOptions): () => void {
  useUi.setState({ speed: options.speed, running: options.playing, restartWorker, send });
  spawn(options);
  return stopWorker;
}

/**
 * Replaces the worker with a new one on the same scenario and speed, playing if the page was
 * playing: the recovery after a crash.
 */
export function restartWorker(): void {
  const s = useUi.getState();
  useUi.setState({ workerError: null, behind: false });
  spawn({ query: s.query !== '' ? s.query : requestedQuery, speed: s.speed, playing: s.running });
}

/** Terminates the worker; messages sent afterwards are dropped. */
export function stopWorker(): void {
  worker?.terminate();
  worker = null;
}

function send(msg: ToWorker): void {
  if (msg.type === 'load') {
    requestedQuery = msg.query;
    if (worker !== null) loadsSent++;
  }
  worker?.postMessage(msg);
}

function spawn(options: BootOptions): void {
  stopWorker();
  loadsSent = 0;
  loadsDone = 0;
  afterLoads = [];
  const w = new Worker(new URL('../worker/main.ts', import.meta.url), { type: 'module', name: 'cpumap-sim' });
  worker = w;
  // Handlers check they still belong to the current worker: a replaced one may still deliver.
  w.onmessage = (event: MessageEvent<FromWorker>) => {
    workerTraffic.messages++;
    if (worker === w) route(event.data);
  };
  w.onerror = (event: ErrorEvent) => {
    // Handled here: the notice says what happened, and the page must not treat it as its own error.
    event.preventDefault();
    if (worker === w) died(event.message ? event.message : 'the simulation worker could not start or stopped unexpectedly');
  };
  w.onmessageerror = () => {
    if (worker === w) died('a message from the simulation worker could not be read');
  };
  send({ type: 'speed', nsPerSecond: options.speed });
  send(
    options.startNs === undefined
      ? { type: 'load', query: options.query }
      : { type: 'load', query: options.query, startNs: options.startNs },
  );
  if (options.playing) send({ type: 'play' });
}

/** Keeps the first, most specific reason (the worker's own 'error' message comes before onerror). */
function died(message: string): void {
  if (useUi.getState().workerError === null) useUi.setState({ workerError: message });
}

function route(msg: FromWorker): void {
  switch (msg.type) {
    case 'loaded': {
      loadsDone++;
      frameBus.setTopology(msg.topology);
      feeds.clear();
      // The link notice names the address's problems (one notice, not one per panel).
      useLink.getState().loaded(msg.problems);
      useUi.setState({
        query: msg.query,
        problems: [],
        create: msg.create,
        topology: msg.topology,
        selected: null,
        inspection: null,
        opLog: [],
        forkNote: '',
        opStatus: `BPF_MAP_CREATE: ${msg.create}`,
      });
      const due = afterLoads.filter((a) => a.load <= loadsDone);
      afterLoads = afterLoads.filter((a) => a.load > loadsDone);
      for (const a of due) a.fn();
      break;
    }
    case 'frame':
      frameBus.update(msg.snapshot, msg.running, msg.moves);
      feeds.addFrame(msg.stats, msg.trace, msg.traceSkipped, msg.statsInterval);
      // The requested speed is the page's own (store.speed): an echo could undo a newer request.
      useUi.setState({
        simNs: msg.snapshot.simNs,
        furthestNs: msg.furthestNs,
        running: msg.running,
        actualSpeed: msg.actualSpeed,
        behind: msg.behind,
        // A frame posted before a deselection must not bring the inspector back.
        inspection: useUi.getState().selected === null ? null : msg.inspection,
      });
      break;
    case 'opResult':
      if (msg.scheduled !== true) useLink.getState().addManual(msg.record);
      feeds.addOp(msg.record.at, msg.text);
      useUi.setState((s) => ({ opStatus: msg.text, opLog: [...s.opLog, msg.record].slice(-MAX_OP_LOG) }));
      break;
    case 'error':
      died(msg.message);
      break;
    case 'rewound':
      frameBus.rewind();
      feeds.rewind(msg.t, msg.stats);
      useUi.setState((s) => ({ lastSeekMs: msg.ms ?? s.lastSeekMs, seeks: s.seeks + 1, opLog: s.opLog.filter((r) => r.at <= msg.t) }));
      break;
    case 'forked': {
      useLink.getState().forked(msg.at);
      const dropped =
        msg.discardedOps === 0 ? '' : `; ${msg.discardedOps} later hand-made operation${msg.discardedOps === 1 ? '' : 's'} discarded`;
      useUi.setState({ forkNote: `Forked at ${formatSimTime(msg.at)}: the run's later future is discarded${dropped}.` });
      break;
    }
  }
}
