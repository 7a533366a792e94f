/**
 * A small read-mostly handle on the page for end-to-end tests and the browser bench:
 * `window.__cpumapScope`. It exposes state the page already shows; it changes nothing but the
 * speed, which a person can set with the slider too, and `send`, which tests use to make the
 * worker fail on purpose or run slowly (the test hooks of protocol.ts: only scripts reach them,
 * no link or control does). `probe` asks the worker for its whole state without the page taking
 * it, so tests can compare what the page shows with the engine.
 */
import { feeds } from './feeds';
import { frameBus } from './frameBus';
import { loadPending, probeWorker, workerTraffic } from './workerClient';
import { useUi } from './store';
import { pagePainter } from './orient/followFrame';
import { supervisionStats, type SupervisionStats } from './workerInbox';
import type { StateMessage, ToWorker } from '../worker/protocol';

export interface PageHooks {
  /** performance.now() when the first frames were drawn moving (ms after navigation). */
  firstFrameAt?: number;
  state: () => {
    simNs: number;
    running: boolean;
    /** A scenario sent to the worker (a lesson step, Reset) has not drawn its first frame yet. */
    loading: boolean;
    actualSpeed: number;
    speed: number;
    journeys: number;
    inFlight: number;
    /** Messages received from the worker since the page loaded. */
    messages: number;
    /** Trace log lines and statistics samples the page holds (both bounded). */
    traceLines: number;
    statsSamples: number;
    /** Nodes in the document (a leak of elements shows here). */
    domNodes: number;
  };
  setSpeed: (nsPerSecond: number) => void;
  /**
   * Talks to the worker directly, e.g. send({ type: 'crash' }) to test the recovery, or
   * send({ type: 'stretchRuns', minSliceMs }) to make a run at once last long whatever the machine.
   */
  send: (msg: ToWorker) => void;
  /** Frames received, messages lost, resyncs and restarts so far. */
  supervision: () => SupervisionStats;
  /** The worker's whole state, as it is now. */
  probe: () => Promise<StateMessage>;
  /** The frames the topology draws as dots now, at their positions in the page (tests click them). */
  frameDots: () => { frame: number; x: number; y: number }[];
  /** The Sweep panel's last sweep (set by its code once it runs one): performance.now() at its start and end, its pool. */
  sweep?: { points: number; workers: number; startedAt: number; endedAt: number | null };
}

declare global {
  interface Window {
    __cpumapScope?: PageHooks;
  }
}

export function installPageHooks(): void {
  const hooks: PageHooks = {
    state: () => {
      const s = useUi.getState();
      return {
        simNs: frameBus.simNs,
        running: s.running,
        loading: loadPending(),
        actualSpeed: s.actualSpeed,
        speed: s.speed,
        journeys: frameBus.journeys.size,
        inFlight: frameBus.snapshot?.frames.inFlight ?? 0,
        messages: workerTraffic.messages,
        traceLines: feeds.trace.length,
        statsSamples: feeds.stats.length,
        domNodes: document.getElementsByTagName('*').length,
      };
    },
    send: (msg) => useUi.getState().send(msg),
    supervision: () => ({ ...supervisionStats }),
    probe: probeWorker,
    frameDots: () => {
      const canvas = document.querySelector<HTMLCanvasElement>('section[aria-label="Topology"] canvas');
      const r = canvas?.getBoundingClientRect();
      if (r === undefined) return [];
      return (pagePainter.current?.dots() ?? []).map((d) => ({ frame: d.frame, x: r.left + d.x, y: r.top + d.y }));
    },
    setSpeed: (nsPerSecond) => {
      useUi.getState().set({ speed: nsPerSecond });
      useUi.getState().send({ type: 'speed', nsPerSecond });
    },
  };
  window.__cpumapScope = hooks;
  const off = frameBus.subscribe(() => {
    if (frameBus.journeys.size === 0) return;
    off();
    // The canvas draws on the next animation frame; count from navigation start to then.
    requestAnimationFrame(() => requestAnimationFrame(() => (hooks.firstFrameAt = performance.now())));
  });
}
