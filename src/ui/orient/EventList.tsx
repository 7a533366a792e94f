/**
 * The "Events" region, in the manner of a packet tracer's simulation mode: the latest NAPI polls,
 * bulk flushes, kthread wake-ups and iterations, RCU grace periods and map operations, each with
 * its simulated time; clicking one inspects the queue, entry or CPU concerned. Filterable by
 * kind. The worker records while the list is on screen or the run is paused (stepping costs
 * nothing, and the list then shows the steps when scrolled to), and the list re-renders a few
 * times a second at most.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EngineEvent } from '../../engine/eventLog';
import { frameBus } from '../frameBus';
import { formatSimTime } from '../format';
import { useThrottledVersion } from '../panels/stats/throttle';
import { useOnScreen } from '../panels/useOnScreen';
import { useUi } from '../store';
import type { InspectTarget } from '../../worker/protocol';
import { eventFeed, lineAt, MAX_EVENTS_SHOWN, type EventLine } from './eventFeed';
import { useOrient } from './orientStore';

type Kind = EventLine['kind'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'poll', label: 'NAPI polls' },
  { kind: 'flush', label: 'Bulk flushes' },
  { kind: 'wake', label: 'Wake-ups' },
  { kind: 'kthread', label: 'kthread batches' },
  { kind: 'rcu', label: 'RCU grace periods' },
  { kind: 'op', label: 'Map operations' },
];

/** The kthread's name for entry `uid`, from the latest snapshot. */
function kthreadName(uid: number, cpu: number): string {
  return frameBus.snapshot?.entries.find((e) => e.uid === uid)?.kthread?.comm ?? `the cpumap kthread on CPU ${cpu}`;
}

function frames(n: number): string {
  return `${n} frame${n === 1 ? '' : 's'}`;
}

/** What an engine event says, in kernel terms. */
function describe(e: EngineEvent): string {
  switch (e.kind) {
    case 'poll':
      return `NAPI poll on CPU ${e.cpu} took ${frames(e.b)} from rxq ${e.a}`;
    case 'flush':
      return `bq_flush_to_queue: CPU ${e.cpu} flushed ${frames(e.b)} into CPU ${e.a}'s ptr_ring${e.c > 0 ? `; ${e.c} refused (ring full)` : ''}`;
    case 'wake':
      return `wake_up_process: ${kthreadName(e.uid, e.cpu)} woken${e.a >= 0 ? ` by CPU ${e.a}` : ''}`;
    case 'kthread':
      return `${kthreadName(e.uid, e.cpu)} consumed ${frames(e.a)}: ${e.a} SKB${e.a === 1 ? '' : 's'} to the stack${e.b > 0 ? `, ${e.b} NET_RX_DROP` : ''}, sched ${e.c}`;
    case 'rcu':
      return `RCU grace period #${e.a} ended`;
  }
}

/** What clicking an event inspects (null: nothing to inspect). */
function targetOf(line: EventLine): InspectTarget | null {
  if (line.kind === 'op') {
    if (line.key === null) return null;
    const e = frameBus.snapshot?.entries.find((x) => x.cpu === line.key && x.inSlot);
    if (e !== undefined) return { kind: 'entry', uid: e.uid };
    const cpus = frameBus.topology?.cpus ?? 0;
    return line.key < cpus ? { kind: 'cpu', cpu: line.key } : null;
  }
  const e = line.event;
  switch (e.kind) {
    case 'poll':
      return { kind: 'nic', queue: e.a };
    case 'flush':
    case 'wake':
    case 'kthread':
      return { kind: 'entry', uid: e.uid };
    case 'rcu':
      return null;
  }
}

export function EventList() {
  const ref = useRef<HTMLElement>(null);
  const onScreen = useOnScreen(ref);
  const send = useUi((s) => s.send);
  const version = useThrottledVersion(eventFeed, 250, onScreen);
  // A CPU runs ahead of the clock within its own step: an event shows once the clock reaches it.
  const clock = useThrottledVersion(frameBus, 250, onScreen);
  const [kinds, setKinds] = useState<ReadonlySet<Kind>>(() => new Set(KINDS.map((k) => k.kind)));
  const following = useOrient((s) => s.following);

  // The worker records events while the list can be seen, and while paused (steps are cheap).
  const running = useUi((s) => s.running);
  useEffect(() => {
    send({ type: 'events', on: onScreen || !running });
  }, [send, onScreen, running]);

  const shown = useMemo(
    () =>
      version >= 0 && clock >= 0
        ? eventFeed.lines.filter((l) => kinds.has(l.kind) && lineAt(l) <= frameBus.simNs).slice(-MAX_EVENTS_SHOWN)
        : [],
    [version, clock, kinds],
  );
  const toggle = (kind: Kind, on: boolean) => {
    const next = new Set(kinds);
    if (on) next.add(kind);
    else next.delete(kind);
    setKinds(next);
  };

  return (
    <section ref={ref} aria-label="Events" className="event-list">
      <div className="event-list-head">
        <h2>Events</h2>
        <button type="button" aria-pressed={following} onClick={() => useOrient.setState({ following: !following })}>
          Follow a frame
        </button>
      </div>
      {following ? <p className="event-note">Click a frame (a dot) in the topology to follow its journey.</p> : null}
      <fieldset className="event-filters">
        <legend>Show</legend>
        {KINDS.map((k) => (
          <label key={k.kind} className="inline">
            <input type="checkbox" checked={kinds.has(k.kind)} onChange={(e) => toggle(k.kind, e.target.checked)} />
            {k.label}
          </label>
        ))}
      </fieldset>
      {shown.length === 0 ? (
        <p className="event-note">No events yet: play or step the run.</p>
      ) : (
        <ol className="event-lines" aria-label="Latest events">
          {[...shown].reverse().map((line) => {
            const text = line.kind === 'op' ? line.text : describe(line.event);
            const target = targetOf(line);
            const time = <span className="event-time">{formatSimTime(lineAt(line))}</span>;
            return (
              <li key={line.seq} data-kind={line.kind}>
                {target === null ? (
                  <span className="event-text">
                    {time} {text}
                  </span>
                ) : (
                  <button type="button" onClick={() => useUi.getState().select(target)}>
                    {time} {text}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
