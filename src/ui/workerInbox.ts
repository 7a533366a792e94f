/**
 * The page's intake of one worker's messages: notices lost ones (GapWatch) and asks for a state
 * report, takes resync reports whole, hands probe reports to whoever asked, counts loads, and
 * routes the rest (workerRoute). No Worker and no DOM here, so it runs under test against a real
 * SimController.
 */
import { applyState, route } from './workerRoute';
import { GapWatch } from './supervision/gapWatch';
import type { LoadCounter } from './supervision/loadCounter';
import type { StateMessage, WorkerMessage } from '../worker/protocol';

/** What the supervision has seen (for tests and the browser bench). */
export interface SupervisionStats {
  /** Frame messages received, since the page opened. */
  frames: number;
  /** Messages lost, resyncs asked for, workers restarted (automatically or by hand). */
  lost: number;
  resyncs: number;
  restarts: number;
}

export const supervisionStats: SupervisionStats = { frames: 0, lost: 0, resyncs: 0, restarts: 0 };

export interface InboxActions {
  /** Ask the worker for a state report (purpose 'resync'). */
  askForState(): void;
  /** The worker reported its own failure. */
  failed(message: string): void;
}

export class WorkerInbox {
  private readonly gaps = new GapWatch();
  private probes: ((msg: StateMessage) => void)[] = [];
  private lostBefore = 0;

  constructor(
    private readonly loads: LoadCounter,
    private readonly actions: InboxActions,
    private readonly clock: () => number,
  ) {}

  /** Resolves with the next probe report (the caller sends the request). */
  nextProbe(): Promise<StateMessage> {
    return new Promise((resolve) => this.probes.push(resolve));
  }

  receive(msg: WorkerMessage): void {
    const now = this.clock();
    if (this.gaps.arrived(msg.seq, now)) this.ask();
    supervisionStats.lost += this.gaps.lost - this.lostBefore;
    this.lostBefore = this.gaps.lost;
    switch (msg.type) {
      case 'error':
        this.actions.failed(msg.message);
        return;
      case 'state':
        if (msg.purpose === 'probe') {
          const waiting = this.probes;
          this.probes = [];
          for (const fn of waiting) fn(msg);
          return;
        }
        applyState(msg, msg.loads > this.loads.answered);
        this.loads.doneUpTo(msg.loads);
        if (this.gaps.reported(msg.seq, now)) this.ask();
        return;
      case 'frame':
        supervisionStats.frames++;
        route(msg);
        this.loads.frame();
        return;
      case 'loaded':
        route(msg);
        this.loads.doneOne();
        return;
      default:
        route(msg);
    }
  }

  private ask(): void {
    supervisionStats.resyncs++;
    this.actions.askForState();
  }
}
