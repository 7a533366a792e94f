/**
 * The simulation worker's entry: wires a SimController to the worker scope. Zero-delay ticks go
 * through a MessageChannel, since nested setTimeout(0) is clamped to 4 ms. Messages to the page
 * are numbered by the Outbox.
 */
import { SimController } from './simWorker';
import { Outbox } from './outbox';
import type { ToWorker } from './protocol';

const scope = globalThis as unknown as DedicatedWorkerGlobalScope;
const channel = new MessageChannel();
let immediate: (() => void) | null = null;
channel.port1.onmessage = () => {
  const fn = immediate;
  immediate = null;
  fn?.();
};
const IMMEDIATE = 'immediate';
const outbox = new Outbox((msg, transfer) => scope.postMessage(msg, transfer));
const controller = new SimController({
  post: (msg, transfer) => outbox.post(msg, transfer),
  now: () => performance.now(),
  setTimer: (fn, ms) => {
    if (ms > 0) return setTimeout(fn, ms);
    immediate = fn;
    channel.port2.postMessage(null);
    return IMMEDIATE;
  },
  clearTimer: (handle) => {
    if (handle === IMMEDIATE) immediate = null;
    else clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
  // Fetched on the first inspection or Step, not before the first frame.
  tools: () => import('./tools').then((m) => m.WORKER_TOOLS),
  // Fetched before building a 6.15+ scenario's engine, not before the first frame.
  lateKernel: () => import('../engine/kernel/lateKernelInstall'),
  faults: {
    dropOutgoing: (count, kind) => outbox.dropNext(count, kind),
    close: () => scope.close(),
    hang: () => {
      for (;;) {
        // Busy forever, as a runaway loop would be: only terminate() ends this.
      }
    },
    busy: (ms) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        // Busy, as the engine's own work is: messages to the worker wait meanwhile.
      }
    },
  },
});
scope.onmessage = (event: MessageEvent<ToWorker>) => controller.receive(event.data);
