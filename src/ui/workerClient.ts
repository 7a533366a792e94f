/**
 * The page's side of the simulation worker: starts it, installs `send` and `restartWorker` in the
 * store, routes its messages (workerRoute), and looks after it:
 *
 * - a worker that throws, sends a message that cannot be read, or falls silent (closed, killed,
 *   stuck in a loop: see Heartbeat) is replaced by a new one started from the run's link (the
 *   scenario with the map operations done by hand, speed, play state and simulated time), with a
 *   notice; dying again and again (RestartPolicy), it is left for the reader to restart;
 * - a lost message (a gap in the numbers: GapWatch) makes the page ask for a state report and
 *   take it whole;
 * - while the page is hidden the worker is told so, and holds a playing run.
 */
import { useUi } from './store';
import { useLink } from './url/linkState';
import { supervisionStats, WorkerInbox } from './workerInbox';
import { bootFromLink, restartLinkQuery, type BootOptions } from './supervision/boot';
import { CHECK_EVERY_MS, Heartbeat } from './supervision/heartbeat';
import { LoadCounter } from './supervision/loadCounter';
import { QUICK_DEATH_MS, RestartPolicy } from './supervision/restartPolicy';
import { MAX_START_NS } from '../worker/settings';
import type { StateMessage, ToWorker, WorkerMessage } from '../worker/protocol';
import { withParsedLoad } from './parsedLoad';

export type { BootOptions };

let worker: Worker | null = null;
/** Messages received from workers since the page loaded (the soak bench reports the rate). */
export const workerTraffic = { messages: 0 };
const loads = new LoadCounter();
let inbox: WorkerInbox | null = null;
let heartbeat: Heartbeat | null = null;
/** Wall time the current worker was started. */
let startedAt = 0;
const policy = new RestartPolicy();
/** The last 'load' sent: what a restart asks for again when it had not loaded yet. */
let requested: { query: string; startNs?: number } = { query: '' };
/** Removes the heartbeat timer and the visibility listener. */
let unsupervise: (() => void) | null = null;

/** Calls `fn` once the scenario last sent to the worker has loaded (its 'loaded' has arrived). */
export function afterLastLoad(fn: () => void): void {
  loads.afterLast(fn);
}

/** The scenario last sent to the worker has not drawn its first frame yet. */
export function loadPending(): boolean {
  return loads.starting;
}

/**
 * Starts the simulation worker (replacing any previous one) and loads `options.query`.
 * Returns a function that stops it (for an effect's cleanup).
 */
export function startWorker(options: BootOptions): () => void {
  useUi.setState({ speed: options.speed, running: options.playing, restartWorker, send });
  unsupervise?.();
  unsupervise = supervise();
  spawn(options, false);
  return stopWorker;
}

/** Replaces the worker with a new one started from the run's link (the notice's Restart button). */
export function restartWorker(): void {
  useUi.setState({ workerNotice: null });
  relaunch();
}

/** Terminates the worker and its supervision; messages sent afterwards are dropped. */
export function stopWorker(): void {
  unsupervise?.();
  unsupervise = null;
  worker?.terminate();
  worker = null;
}

/** The worker's whole state, without the page taking it (tests compare the page with it). */
export function probeWorker(): Promise<StateMessage> {
  if (inbox === null) return Promise.reject(new Error('no simulation worker'));
  const report = inbox.nextProbe();
  send({ type: 'getState', purpose: 'probe' });
  return report;
}

function send(msg: ToWorker): void {
  if (msg.type === 'load') {
    requested = msg.startNs === undefined ? { query: msg.query } : { query: msg.query, startNs: msg.startNs };
    if (worker !== null) loads.sentOne();
  }
  worker?.postMessage(withParsedLoad(msg));
}

/** Starts a new worker; `carry`: callbacks waiting for a load wait for the new worker's first one. */
function spawn(options: BootOptions, carry: boolean): void {
  worker?.terminate();
  loads.reset(carry);
  startedAt = performance.now();
  heartbeat = new Heartbeat(startedAt, document.visibilityState !== 'hidden');
  const w = new Worker(new URL('../worker/main.ts', import.meta.url), { type: 'module', name: 'cpumap-sim' });
  worker = w;
  const own = new WorkerInbox(
    loads,
    { askForState: () => send({ type: 'getState', purpose: 'resync' }), failed: (message) => died(w, message) },
    () => performance.now(),
  );
  inbox = own;
  // Handlers check they still belong to the current worker: a replaced one may still deliver.
  w.onmessage = (event: MessageEvent<WorkerMessage>) => {
    workerTraffic.messages++;
    if (worker !== w) return;
    heartbeat?.heard(performance.now());
    own.receive(event.data);
  };
  w.onerror = (event: ErrorEvent) => {
    // Handled here: the notice says what happened, and the page must not treat it as its own error.
    event.preventDefault();
    died(w, event.message ? event.message : 'it could not start or stopped unexpectedly');
  };
  w.onmessageerror = () => died(w, 'a message from it could not be read');
  useUi.setState({ behind: false });
  if (document.visibilityState === 'hidden') send({ type: 'hidden', hidden: true });
  send({ type: 'speed', nsPerSecond: options.speed });
  // Play before the load (a load keeps the play state): its first frame then says "playing", so
  // the Play/Pause button does not flip to Play and back while the page boots.
  if (options.playing) send({ type: 'play' });
  send(
    options.startNs === undefined
      ? { type: 'load', query: options.query }
      : { type: 'load', query: options.query, startNs: options.startNs },
  );
}

/**
 * Worker `w` failed (a replaced worker's late news is ignored). It is terminated and, unless it
 * keeps dying, replaced at once.
 */
function died(w: Worker, reason: string): void {
  if (worker !== w) return;
  w.terminate();
  worker = null;
  const { auto, inARow } = policy.died(performance.now(), startedAt);
  if (!auto) {
    useUi.setState({ workerNotice: { kind: 'stopped', reason, inARow, quickMs: QUICK_DEATH_MS } });
    return;
  }
  const atNs = relaunch();
  useUi.setState({ workerNotice: { kind: 'restarted', reason, atNs } });
}

/**
 * Starts a new worker from the run's link (with its time even while playing, and its selection);
 * if the scenario last asked for had not started yet (not loaded, or its start time not reached),
 * from that request instead: the page's state does not describe that run yet. Returns the
 * simulated time it starts at.
 */
function relaunch(): number {
  supervisionStats.restarts++;
  const ui = useUi.getState();
  const link = loads.starting ? null : restartLinkQuery(ui, useLink.getState());
  let boot: BootOptions;
  if (link !== null) {
    const from = bootFromLink(link);
    boot = from.boot;
    useLink.setState({ pendingSel: from.sel });
  } else {
    boot = { ...requested, speed: ui.speed, playing: ui.running };
  }
  spawn(boot, link === null);
  return Math.min(boot.startNs ?? 0, MAX_START_NS);
}

/** The heartbeat's timer and the page's visibility; returns the function that removes them. */
function supervise(): () => void {
  const timer = setInterval(() => {
    if (worker === null || heartbeat === null) return;
    const now = performance.now();
    const verdict = heartbeat.check(now);
    if (verdict === 'ping') send({ type: 'ping' });
    else if (verdict === 'dead') died(worker, `it did not answer for ${(heartbeat.silentFor(now) / 1000).toFixed(1)} s`);
  }, CHECK_EVERY_MS);
  const onVisibility = () => {
    const hidden = document.visibilityState === 'hidden';
    heartbeat?.setVisible(!hidden, performance.now());
    send({ type: 'hidden', hidden });
  };
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
