/** What the SimController needs from its surroundings: the worker scope (main.ts), or a test. */
import type { FromWorker } from './protocol';

export interface WorkerHost {
  post(msg: FromWorker, transfer: Transferable[]): void;
  /** Wall clock in milliseconds. */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}
