/**
 * The worker's tools (tools.ts) at hand, or fetched on first use. While they are fetched, every
 * message waits, the one that needs them first, so messages are still handled in order.
 */
import type { ToWorker } from './protocol';
import type { WorkerTools } from './tools';

export class ToolGate {
  /** The tools, once at hand. */
  tools: WorkerTools | null;
  /** Messages waiting while the tools are fetched, or null. */
  private held: ToWorker[] | null = null;

  /**
   * @param source the tools, or how to fetch them
   * @param handle handles a message now
   * @param failed reports a failed fetch (the held messages are dropped with it)
   */
  constructor(
    private readonly source: WorkerTools | (() => Promise<WorkerTools>),
    private readonly handle: (msg: ToWorker) => void,
    private readonly failed: (e: unknown) => void,
  ) {
    this.tools = typeof source === 'function' ? null : source;
  }

  /** Handles `msg` now, or holds it until the tools have arrived. */
  receive(msg: ToWorker): void {
    if (this.held !== null) {
      this.held.push(msg);
      return;
    }
    if (this.tools === null && (msg.type === 'step' || msg.type === 'inspect')) {
      this.held = [msg];
      void (this.source as () => Promise<WorkerTools>)().then(
        (tools) => this.release(tools),
        (e: unknown) => {
          this.held = null;
          this.failed(e);
        },
      );
      return;
    }
    this.handle(msg);
  }

  /** The tools have arrived: handles the messages that waited for them, in order. */
  private release(tools: WorkerTools): void {
    this.tools = tools;
    const held = this.held ?? [];
    this.held = null;
    for (const msg of held) this.receive(msg);
  }
}
