/**
 * The 'load' messages sent to the current worker, the loads it has answered ('loaded'), and the
 * loads whose first frame has come (the start time reached): work can wait for the scenario last
 * sent (a lesson step selects an element of its own scenario), and a restart knows whether the
 * page's own state describes the run yet.
 */
export class LoadCounter {
  private sent = 0;
  private done = 0;
  private framed = 0;
  private waiting: { load: number; fn: () => void }[] = [];

  /** A 'load' went to the worker. */
  sentOne(): void {
    this.sent++;
  }

  /** The worker has answered `n` loads ('loaded', or a state report's count): due callbacks run. */
  doneUpTo(n: number): void {
    this.done = Math.max(this.done, n);
    const due = this.waiting.filter((w) => w.load <= this.done);
    this.waiting = this.waiting.filter((w) => w.load > this.done);
    for (const w of due) w.fn();
  }

  /** One more 'loaded' arrived. */
  doneOne(): void {
    this.doneUpTo(this.done + 1);
  }

  /** Loads the worker has answered. */
  get answered(): number {
    return this.done;
  }

  /** A frame arrived: the loads answered so far have started (reached their start time). */
  frame(): void {
    this.framed = this.done;
  }

  /** The last load sent has not shown its first frame yet (not answered, or its start time not reached). */
  get starting(): boolean {
    return this.framed < this.sent;
  }

  /** Calls `fn` once the last load sent has been answered (at once if it has). */
  afterLast(fn: () => void): void {
    if (this.done >= this.sent) fn();
    else this.waiting.push({ load: this.sent, fn });
  }

  /**
   * A new worker: counting starts again. With `carry`, callbacks still waiting wait for its
   * first load instead (it loads the scenario they were waiting for); otherwise they are dropped.
   */
  reset(carry: boolean): void {
    this.waiting = carry ? this.waiting.map((w) => ({ load: 1, fn: w.fn })) : [];
    this.sent = 0;
    this.done = 0;
    this.framed = 0;
  }
}
