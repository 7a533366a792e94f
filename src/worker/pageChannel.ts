/**
 * The controller's line to the page: posts its messages, and during long synchronous work (a
 * link's start time, a long replay) says now and then that it is alive, since the page's
 * heartbeat takes a silent worker for a dead one.
 */
import type { WorkerHost } from './host';
import type { FromWorker } from './protocol';
import { ALIVE_EVERY_MS } from './settings';

export class PageChannel {
  private lastSent = -Infinity;

  constructor(private readonly host: WorkerHost) {}

  post(msg: FromWorker, transfer: Transferable[] = []): void {
    this.lastSent = this.host.now();
    this.host.post(msg, transfer);
  }

  /** A 'pong' unasked, if nothing has been posted for ALIVE_EVERY_MS. Cheap enough to call per event. */
  signOfLife(): void {
    if (this.host.now() - this.lastSent >= ALIVE_EVERY_MS) this.post({ type: 'pong' });
  }
}
