/**
 * The Inspector, fetched after the first frame like the other panels: until something is selected
 * it only asks for a selection, which its placeholder says in the same words.
 */
import { deferred } from '../deferred';

export const Inspector = deferred(
  () => import('./Inspector').then((m) => m.Inspector),
  <section aria-label="Inspector" className="topology-inspector" aria-busy="true">
    <h2 style={{ fontSize: '1rem', margin: '0 0 0.5rem' }}>Inspector</h2>
    <p style={{ margin: 0 }}>
      Select a CPU, an RX queue, a bulk queue, an entry or a frame in the topology to see its state in kernel terms.
    </p>
  </section>,
);
