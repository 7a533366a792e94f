/**
 * State changes between two snapshots, in words, for the live text summary that stands in for
 * the animation in reduced-motion mode ("kthread on CPU 4 went to sleep", "entry cpu 4 is now
 * detached"). Pure; the component decides how often to say them.
 */
import type { EngineSnapshot, EntrySnapshot } from '../../engine/snapshot';
import { kthreadLook } from './drawEntry';

const STATE_PHRASE: Record<string, string> = {
  allocating: 'being allocated',
  allocFailed: 'not created: allocation failed',
  live: 'live',
  detached: 'detached (waiting for an RCU grace period)',
  bulkqFlushed: 'flushed: its bulk queues are freed',
  kthreadStopping: 'stopping its kthread',
  freed: 'freed',
  leaked: 'leaked (its kthread never ran)',
};

const KTHREAD_PHRASE: Record<string, string> = {
  sleeping: 'went to sleep',
  runnable: 'was woken (runnable)',
  running: 'is running',
  created: 'was created',
  exited: 'exited',
  'no kthread': 'has no kthread',
};

function entryName(e: EntrySnapshot, all: readonly EntrySnapshot[]): string {
  const twin = all.some((o) => o !== e && o.cpu === e.cpu);
  return twin ? `entry cpu ${e.cpu} (${e.inSlot ? 'new' : 'old'}, uid ${e.uid})` : `entry cpu ${e.cpu}`;
}

function kthreadWord(e: EntrySnapshot): string {
  const w = kthreadLook(e).word;
  return w.startsWith('stopping') ? 'stopping' : w;
}

/** The changes from `prev` to `next`, one sentence each, in a stable order. */
export function describeChanges(prev: EngineSnapshot | null, next: EngineSnapshot): string[] {
  const out: string[] = [];
  if (prev === null || next.simNs < prev.simNs) return out;
  const before = new Map(prev.entries.map((e) => [e.uid, e]));
  const now = new Set(next.entries.map((e) => e.uid));
  for (const e of next.entries) {
    const name = entryName(e, next.entries);
    const p = before.get(e.uid);
    if (p === undefined) {
      out.push(`${name} was created with qsize ${e.qsize}${e.state === 'live' ? '' : `, now ${STATE_PHRASE[e.state] ?? e.state}`}`);
      continue;
    }
    if (p.state !== e.state) out.push(`${name} is now ${STATE_PHRASE[e.state] ?? e.state}`);
    const wasK = kthreadWord(p);
    const isK = kthreadWord(e);
    if (wasK !== isK) {
      const where = `on CPU ${e.cpu}`;
      out.push(isK === 'stopping' ? `kthread ${where} was told to stop` : `kthread ${where} ${KTHREAD_PHRASE[isK] ?? isK}`);
    }
    const full = (x: EntrySnapshot) => x.ring.size > 0 && x.ring.count + (x.ring.consumerHead - x.ring.consumerTail) >= x.ring.size;
    if (!full(p) && full(e)) out.push(`ring of ${name} is full`);
    else if (full(p) && !full(e)) out.push(`ring of ${name} has room again`);
  }
  for (const e of prev.entries) if (!now.has(e.uid)) out.push(`${entryName(e, prev.entries)} is gone from view`);
  for (const c of next.cpus) {
    const p = prev.cpus[c.id];
    if (p === undefined) continue;
    if (!p.ksoftirqd && c.ksoftirqd) out.push(`CPU ${c.id} handed NET_RX to ksoftirqd`);
    if (p.ksoftirqd && !c.ksoftirqd) out.push(`CPU ${c.id} runs NET_RX in softirq again`);
  }
  for (const q of next.nicQueues) {
    const p = prev.nicQueues[q.index];
    if (p !== undefined && p.cpu !== q.cpu) out.push(`RX queue ${q.index} is now polled on CPU ${q.cpu} (its interrupt moved)`);
    const d = p === undefined ? 0 : q.nicDrops - p.nicDrops;
    if (d > 0) out.push(`RX queue ${q.index} on CPU ${q.cpu} dropped ${d} ${d === 1 ? 'frame' : 'frames'} (descriptor ring full)`);
  }
  if (!prev.rcu.inProgress && next.rcu.inProgress) out.push('an RCU grace period started');
  if (next.rcu.completed > prev.rcu.completed)
    out.push(
      next.rcu.completed - prev.rcu.completed > 1
        ? `${next.rcu.completed - prev.rcu.completed} RCU grace periods completed`
        : 'an RCU grace period completed',
    );
  if (prev.progAttached && !next.progAttached) out.push('the XDP program was detached');
  if (prev.map !== null && next.map === null) out.push('the map was freed');
  if (next.map !== null && next.map.id !== prev.map?.id) out.push(`map ${next.map.id} was created`);
  if (!prev.progAttached && next.progAttached) out.push('the XDP program was attached');
  const f = (k: 'xdpDropped' | 'redirectErr' | 'ringFull', what: string) => {
    const d = next.frames[k] - prev.frames[k];
    if (d > 0) out.push(`${d} ${d === 1 ? 'frame' : 'frames'} ${what}`);
  };
  f('redirectErr', 'failed to redirect (empty slot)');
  f('ringFull', 'refused by a full ring');
  f('xdpDropped', 'dropped by the XDP program');
  if (next.violations.length > prev.violations.length) out.push(`invariant violation: ${next.violations[next.violations.length - 1]}`);
  return out;
}

const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** At most `max` sentences joined, with a count of the rest. */
export function joinChanges(lines: readonly string[], max = 6): string {
  if (lines.length === 0) return '';
  const shown = lines.slice(0, max).map(sentence).join('. ');
  const rest = lines.length - max;
  return rest > 0 ? `${shown}. And ${rest} more ${rest === 1 ? 'change' : 'changes'}.` : `${shown}.`;
}
