import type { WorkerTools } from './tools';
/** What the SimController needs from its surroundings: the worker scope (main.ts), or a test. */
import type { CrashHow, FromWorker } from './protocol';

export interface WorkerHost {
  post(msg: FromWorker, transfer: Transferable[]): void;
  /** Wall clock in milliseconds. */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Test hooks: the ways a worker fails other than by throwing. */
  faults: WorkerFaults;
  /** The inspector and Step captions (tools.ts): at hand, or fetched on first use. */
  tools: WorkerTools | (() => Promise<WorkerTools>);
  /** Fetches the later kernels' code (lateKernel.ts), which a 6.15+ scenario needs; absent where it is loaded up front. */
  lateKernel?: () => Promise<unknown>;
}

export interface WorkerFaults {
  /** Lose the next `count` messages to the page (only those of type `kind`, when given). */
  dropOutgoing(count: number, kind?: FromWorker['type']): void;
  /** Stop the worker without an error, as self.close() or the browser killing it would. */
  close(): void;
  /** Never return (a bug looping forever): the page hears nothing more. */
  hang(): void;
  /** Stay busy for `ms` of wall time without returning to the event loop, as heavy work does. */
  busy(ms: number): void;
}

/** The 'crash' test hook's failures: close, hang, or an exception with `message`. */
export function crashWorker(faults: WorkerFaults, how: CrashHow, message = 'crash requested (test hook)'): void {
  if (how === 'close') faults.close();
  else if (how === 'hang') faults.hang();
  else throw new Error(message);
}
