/**
 * The "Inspector" region: what the worker says about the selected element (title, kernel-terms
 * fields, the kernel function it is in with its upstream link), and a Close button.
 */
import { useUi } from '../store';
import { FrameJourney } from '../orient/deferredOrient';

/** Clears the selection here and in the worker. */
export function closeInspector(): void {
  useUi.getState().select(null);
}

/** The Inspector region for the store's selection and inspection. */
export function Inspector() {
  const selected = useUi((s) => s.selected);
  const inspection = useUi((s) => s.inspection);
  return (
    <section aria-label="Inspector" className="topology-inspector">
      <h2 style={{ fontSize: '1rem', margin: '0 0 0.5rem' }}>{selected === null ? 'Inspector' : (inspection?.title ?? 'Inspecting…')}</h2>
      {selected === null ? (
        <p style={{ margin: 0 }}>
          Select a CPU, an RX queue, a bulk queue, an entry or a frame in the topology to see its state in kernel terms.
        </p>
      ) : (
        <>
          {inspection !== null && inspection.fields.length > 0 && (
            <dl
              style={{
                display: 'grid',
                gridTemplateColumns: 'minmax(0, 1.1fr) minmax(0, 1fr)',
                gap: '0.2rem 0.75rem',
                margin: '0 0 0.75rem',
              }}
            >
              {inspection.fields.map(([k, v], i) => (
                <div key={`${i}:${k}`} style={{ display: 'contents' }}>
                  <dt style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{k}</dt>
                  <dd style={{ margin: 0, fontFamily: 'var(--mono, monospace)', overflowWrap: 'break-word' }}>{v}</dd>
                </div>
              ))}
            </dl>
          )}
          {selected.kind === 'frame' && <FrameJourney key={selected.frame} frame={selected.frame} bornAt={selected.bornAt} />}
          {inspection?.code && (
            <p style={{ margin: '0 0 0.75rem' }}>
              In{' '}
              <a href={inspection.code.link} target="_blank" rel="noreferrer">
                <code>{inspection.code.fn}</code>
              </a>
            </p>
          )}
          <button type="button" onClick={closeInspector}>
            Close
          </button>
        </>
      )}
    </section>
  );
}
