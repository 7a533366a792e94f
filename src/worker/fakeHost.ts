/** A WorkerHost for tests: a fake clock, timers that run only when the test says so, posts kept. */
import type { WorkerHost } from './host';
import type { FrameMessage, FromWorker } from './protocol';
import { WORKER_TOOLS } from './tools';

export function fakeHost() {
  const posted: { msg: FromWorker; transfer: Transferable[]; wall: number }[] = [];
  const timers = new Map<number, { fn: () => void; at: number }>();
  let nextId = 1;
  const clock = { wall: 0, perRead: 0 };
  const faults: string[] = [];
  const host: WorkerHost = {
    post: (msg, transfer) => posted.push({ msg, transfer, wall: clock.wall }),
    // Each reading may move the clock on (perRead ms), as real work takes time.
    now: () => (clock.wall += clock.perRead),
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { fn, at: clock.wall + ms });
      return id;
    },
    clearTimer: (id) => timers.delete(id as number),
    tools: WORKER_TOOLS,
    faults: {
      dropOutgoing: (count, kind) => faults.push(`drop ${count} ${kind ?? 'any'}`),
      close: () => faults.push('close'),
      hang: () => faults.push('hang'),
      // Busy: the fake clock moves on (not listed in `faults`: a stretched run calls it per slice).
      busy: (ms) => {
        clock.wall += ms;
      },
    },
  };
  /** Advances the clock by `ms`, running due timers in order. */
  const advance = (ms: number) => {
    const end = clock.wall + ms;
    for (;;) {
      let due: [number, { fn: () => void; at: number }] | null = null;
      for (const t of timers) if (t[1].at <= end && (due === null || t[1].at < due[1].at)) due = t;
      if (due === null) break;
      timers.delete(due[0]);
      clock.wall = Math.max(clock.wall, due[1].at);
      due[1].fn();
    }
    clock.wall = end;
  };
  const frames = () => posted.map((p) => p.msg).filter((m): m is FrameMessage => m.type === 'frame');
  const last = () => posted[posted.length - 1].msg;
  return { host, posted, timers, advance, frames, last, clock, faults };
}
