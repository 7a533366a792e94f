/**
 * The worker's side of message numbering: every message to the page carries the next sequence
 * number, so the page notices one that went missing. The test hook that loses messages on
 * purpose lives here too, after the numbering, as a real loss would be.
 */
import type { FromWorker, WorkerMessage } from './protocol';

export class Outbox {
  private seq = 0;
  private dropCount = 0;
  private dropKind: FromWorker['type'] | null = null;

  constructor(private readonly send: (msg: WorkerMessage, transfer: Transferable[]) => void) {}

  post(msg: FromWorker, transfer: Transferable[]): void {
    const seq = this.seq++;
    if (this.dropCount > 0 && (this.dropKind === null || this.dropKind === msg.type)) {
      this.dropCount--;
      return;
    }
    this.send({ ...msg, seq }, transfer);
  }

  /** Loses the next `count` messages (of type `kind` only, when given). */
  dropNext(count: number, kind?: FromWorker['type']): void {
    this.dropCount = Math.max(0, Math.floor(count));
    this.dropKind = kind ?? null;
  }
}
