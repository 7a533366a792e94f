/**
 * Holds the worker's messages while the later kernels' code (src/engine/kernel/lateKernel.ts) is
 * fetched: from a 'load' of a scenario that needs it (a 6.15+ kernel), every message waits, that
 * load first, so they are still handled in order. A scenario of an earlier kernel never waits.
 */
import { lateKernelLoaded } from '../engine/kernel/lateKernel';
import { switchesFor } from '../engine/switches';
import type { Scenario } from '../scenario/types';
import type { ToWorker } from './protocol';
import { scenarioOfLoad } from './scenarioOfLoad';

/** Whether building the engine for `scenario` needs the later kernels' code. */
export function needsLateKernel(scenario: Scenario): boolean {
  return switchesFor(scenario).kthreadGro;
}

export class KernelGate {
  private held: ToWorker[] | null = null;

  /**
   * @param fetch fetches the code (undefined: it is loaded up front, as in Node)
   * @param handle handles a message now
   * @param failed reports a failed fetch (the held messages are dropped with it)
   */
  constructor(
    private readonly fetch: (() => Promise<unknown>) | undefined,
    private readonly handle: (msg: ToWorker) => void,
    private readonly failed: (e: unknown) => void,
  ) {}

  receive(msg: ToWorker): void {
    if (this.held !== null) {
      this.held.push(msg);
      return;
    }
    if (msg.type === 'load' && this.fetch !== undefined && !lateKernelLoaded() && needsLateKernel(scenarioOfLoad(msg).scenario)) {
      this.held = [msg];
      this.fetch().then(
        () => this.release(),
        (e: unknown) => {
          this.held = null;
          this.failed(e);
        },
      );
      return;
    }
    this.handle(msg);
  }

  private release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const msg of held) this.receive(msg);
  }
}
