/**
 * One run of a side-by-side pair: its own simulation worker, its own frame bus (for its topology
 * canvas) and statistics feed (for its statistics panel), and what the page shows of it. Unlike the single view's worker client it writes
 * nothing into the page's stores: the pair's controller hears about it through `RunEvents`.
 */
import { Feeds } from '../feeds';
import { FrameBus } from '../frameBus';
import type { OpRecord } from '../../engine/engine';
import type { FrameMessage, FromWorker, ToWorker, Topology } from '../../worker/protocol';
import { withParsedLoad } from '../parsedLoad';

export interface RunEvents {
  loaded(msg: { create: string; topology: Topology }): void;
  frame(msg: FrameMessage): void;
  /** The worker failed (its own 'error' message, or it could not start or was lost). */
  failed(message: string): void;
}

export class RunWorker {
  readonly bus = new FrameBus();
  /** Its statistics samples (the trace log is the single view's business: not kept). */
  readonly feeds = new Feeds();
  /** The scenario's timed map operations done so far (for the statistics' JSON export). */
  opLog: OpRecord[] = [];
  private worker: Worker | null = null;
  /** After a reset, frames still queued from before it are dropped until 'loaded'. */
  private awaitingLoad = false;

  constructor(
    /** Run A or B: the worker's name in the browser's tools. */
    private readonly name: string,
    /** The run's scenario query. */
    readonly query: string,
    private readonly events: RunEvents,
  ) {}

  /** Starts the worker (paused) on the run's scenario. */
  start(speed: number): void {
    this.stop();
    const w = new Worker(new URL('../../worker/main.ts', import.meta.url), { type: 'module', name: `cpumap-sim-${this.name}` });
    this.worker = w;
    // A replaced worker may still deliver: handlers check they belong to the current one.
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      if (this.worker === w) this.route(event.data);
    };
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      if (this.worker === w) this.events.failed(event.message || 'the simulation worker could not start or stopped unexpectedly');
    };
    w.onmessageerror = () => {
      if (this.worker === w) this.events.failed('a message from the simulation worker could not be read');
    };
    this.awaitingLoad = true;
    this.send({ type: 'speed', nsPerSecond: speed });
    this.send({ type: 'load', query: this.query });
  }

  /** Rebuilds the scenario at time 0. */
  reset(): void {
    this.awaitingLoad = true;
    this.send({ type: 'reset' });
  }

  send(msg: ToWorker): void {
    this.worker?.postMessage(withParsedLoad(msg));
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private route(msg: FromWorker): void {
    switch (msg.type) {
      case 'loaded':
        this.awaitingLoad = false;
        this.bus.setTopology(msg.topology);
        this.feeds.clear();
        this.opLog = [];
        this.events.loaded(msg);
        break;
      case 'frame':
        if (this.awaitingLoad) return;
        this.bus.update(msg.snapshot, msg.running, msg.moves);
        this.feeds.addFrame(msg.stats, [], 0, msg.statsInterval);
        this.feeds.setProgress(msg.statsProgress);
        this.events.frame(msg);
        break;
      case 'error':
        this.events.failed(msg.message);
        break;
      case 'opResult':
        if (!this.awaitingLoad) this.opLog = [...this.opLog, msg.record];
        break;
      // Goings-back are the single view's business.
      case 'rewound':
      case 'forked':
        break;
    }
  }
}
