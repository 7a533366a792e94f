/**
 * A min-heap of agents keyed by their next wake-up time, with decrease/increase-key.
 *
 * Agents are small integers (one per simulated CPU, plus the control plane). Ties are broken by
 * agent id so the order of events is a pure function of the scenario: determinism does not depend
 * on insertion order.
 */
export class AgentHeap {
  private readonly time: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private size = 0;
  /** Bumped by every change of a schedule: a cached horizon is valid while it stays the same. */
  changes = 0;

  constructor(agentCount: number) {
    this.time = new Float64Array(agentCount).fill(Infinity);
    this.heap = new Int32Array(agentCount);
    this.pos = new Int32Array(agentCount).fill(-1);
  }

  /** The agent due first, or -1 when none is scheduled. */
  top(): number {
    return this.size > 0 ? this.heap[0] : -1;
  }

  /** Wake-up time of the agent due first (Infinity when none). */
  topTime(): number {
    return this.size > 0 ? this.time[this.heap[0]] : Infinity;
  }

  /**
   * The earliest wake-up time among agents other than `agent` (which runs now and may still sit
   * at the top with its old time): lets a running agent see its horizon without leaving the heap.
   */
  topTimeExcluding(agent: number): number {
    const n = this.size;
    if (n === 0) return Infinity;
    const heap = this.heap;
    if (heap[0] !== agent) return this.time[heap[0]];
    const a = n > 1 ? this.time[heap[1]] : Infinity;
    const b = n > 2 ? this.time[heap[2]] : Infinity;
    return a < b ? a : b;
  }

  /** Wake-up time of `agent` (Infinity when not scheduled). */
  timeOf(agent: number): number {
    return this.pos[agent] >= 0 ? this.time[agent] : Infinity;
  }

  /** Schedules `agent` at `t`, replacing any earlier schedule of the same agent. */
  schedule(agent: number, t: number): void {
    this.changes++;
    const p = this.pos[agent];
    this.time[agent] = t;
    if (p < 0) {
      this.heap[this.size] = agent;
      this.pos[agent] = this.size;
      this.size++;
      this.up(this.size - 1);
    } else {
      this.up(p);
      this.down(this.pos[agent]);
    }
  }

  /** Schedules `agent` at `t` only if that is earlier than its current schedule. */
  scheduleNoLater(agent: number, t: number): void {
    if (t < this.timeOf(agent)) this.schedule(agent, t);
  }

  /** Removes `agent` from the heap if present. */
  cancel(agent: number): void {
    const p = this.pos[agent];
    if (p < 0) return;
    this.changes++;
    this.size--;
    const last = this.heap[this.size];
    this.pos[agent] = -1;
    this.time[agent] = Infinity;
    if (p < this.size) {
      this.heap[p] = last;
      this.pos[last] = p;
      this.up(p);
      this.down(this.pos[last]);
    }
  }

  private less(x: number, y: number): boolean {
    const tx = this.time[x];
    const ty = this.time[y];
    return tx < ty || (tx === ty && x < y);
  }

  private up(i: number): void {
    const heap = this.heap;
    const item = heap[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const other = heap[parent];
      if (!this.less(item, other)) break;
      heap[i] = other;
      this.pos[other] = i;
      i = parent;
    }
    heap[i] = item;
    this.pos[item] = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const item = heap[i];
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && this.less(heap[r], heap[l]) ? r : l;
      const other = heap[child];
      if (!this.less(other, item)) break;
      heap[i] = other;
      this.pos[other] = i;
      i = child;
    }
    heap[i] = item;
    this.pos[item] = i;
  }
}
