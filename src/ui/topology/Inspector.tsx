/**
 * The "Inspector" region: what the worker says about the selected element (title, kernel-terms
 * fields, the kernel function it is in with its upstream link), and a Close button.
 */
import { useUi } from '../store';

/** Clears the selection here and in the worker. */
export function closeInspector(): void {
  const s = useUi.getState();
  s.set({ selected: null, inspection: null });
  s.send({ type: 'inspect', target: null });
}

export function Inspector() {
  const selected = useUi((s) => s.selected);
  const inspection = useUi((s) => s.inspection);
  return (
    <section aria-label="Inspector" className="topology-inspector" style={{ flex: '0 1 20rem', minWidth: '16rem' }}>
      <h2 style={{ fontSize: '1rem', margin: '0 0 0.5rem' }}>{selected === null ? 'Inspector' : (inspection?.title ?? 'Inspecting…')}</h2>
      {selected === null ? (
        <p style={{ margin: 0 }}>Select a CPU, an RX queue, a bulk queue or an entry in the topology to see its state in kernel terms.</p>
      ) : (
        <>
          {inspection !== null && inspection.fields.length > 0 && (
            <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '0.2rem 0.75rem', margin: '0 0 0.75rem' }}>
              {inspection.fields.map(([k, v], i) => (
                <div key={`${i}:${k}`} style={{ display: 'contents' }}>
                  <dt style={{ fontWeight: 600 }}>{k}</dt>
                  <dd style={{ margin: 0, fontFamily: 'ui-monospace, monospace', overflowWrap: 'anywhere' }}>{v}</dd>
                </div>
              ))}
            </dl>
          )}
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
