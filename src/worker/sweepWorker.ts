/**
 * The sweep worker's entry (one of the page's pool, src/ui/sweep/sweepPool.ts): each message is a
 * point to run, each answer its report. No DOM, no frames: apart from the simulation worker.
 */
import { runSweepJob } from './sweepJob';
import type { SweepJob } from './sweepProtocol';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (event: MessageEvent<SweepJob>) => scope.postMessage(runSweepJob(event.data));
