/**
 * One entry in the Entry lifecycle panel: its state, refcount, kthread and ring in text, and the
 * table of its past transitions with simulated times.
 */
import type { EntrySnapshot } from '../../../engine/snapshot';
import { formatSimTime } from '../../format';
import { entryLabel, timelineCaption, waitingFor } from './words';

/** Props of {@link EntryCard}. */
export interface EntryCardProps {
  entry: EntrySnapshot;
  /** The state is a final one (allocFailed, freed, leaked). */
  final: boolean;
}

const cell = { padding: '0.1rem 0.6rem 0.1rem 0', textAlign: 'left' } as const;

/** The entry's facts and its transition timeline. */
export function EntryCard({ entry: e, final }: EntryCardProps) {
  const k = e.kthread;
  const kthread =
    k === null ? 'no kthread' : `${k.comm} (pid ${k.pid}) ${k.state}${k.running ? ', on CPU' : ''}${k.shouldStop ? ', should stop' : ''}`;
  return (
    <article aria-label={entryLabel(e)} style={{ borderTop: '1px solid var(--border)', paddingTop: '0.4rem', marginTop: '0.4rem' }}>
      <h3 style={{ fontSize: '0.95rem', margin: '0 0 0.25rem' }}>{entryLabel(e)}</h3>
      <p style={{ margin: '0 0 0.25rem' }}>
        state <strong>{e.state}</strong>
        {final ? ' (final)' : ''} · <strong>{e.noRefcount ? 'no refcount (6.6+)' : `refcnt ${e.refcnt}`}</strong> ·{' '}
        {e.inSlot ? 'in the map slot' : 'not in the map slot'} · qsize {e.qsize}
      </p>
      <p style={{ margin: '0 0 0.25rem', color: 'var(--muted)' }}>{waitingFor(e)}</p>
      <p style={{ margin: '0 0 0.4rem', fontFamily: 'var(--mono, monospace)', fontSize: '0.85rem' }}>
        {kthread}; ring {e.ring.count} / {e.ring.size}; bulk queues{' '}
        {e.bulkqFreed ? 'freed' : e.bulkq.length === 0 ? 'empty' : e.bulkq.map(([c, n]) => `CPU ${c}: ${n}`).join(', ')}
      </p>
      <table style={{ borderCollapse: 'collapse', fontSize: '0.85rem' }}>
        <caption style={{ textAlign: 'left', fontWeight: 600 }}>{timelineCaption(e)}</caption>
        <thead>
          <tr>
            <th scope="col" style={cell}>
              simulated time
            </th>
            <th scope="col" style={cell}>
              event
            </th>
            <th scope="col" style={cell}>
              from
            </th>
            <th scope="col" style={cell}>
              to
            </th>
          </tr>
        </thead>
        <tbody>
          {e.history.length === 0 ? (
            <tr>
              <td colSpan={4} style={cell}>
                no transitions yet ({e.state})
              </td>
            </tr>
          ) : (
            e.history.map((h, i) => (
              <tr key={`${i}:${h.event}`}>
                <td style={{ ...cell, fontFamily: 'var(--mono, monospace)' }}>{formatSimTime(h.atNs)}</td>
                <td style={cell}>{h.event}</td>
                <td style={cell}>{h.from}</td>
                <td style={cell}>{h.to}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </article>
  );
}
