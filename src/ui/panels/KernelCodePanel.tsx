/**
 * The "Kernel code" panel: for the element selected in the topology, the project's own annotated
 * pseudocode of the kernel function it is in (src/ui/panels/code/pseudocode.ts), with the line
 * it is at highlighted, the loaded kernel version and what changed in it against the version
 * before, and the upstream link the worker gave.
 */
import { useUi } from '../store';
import { pseudocodeFor } from './code/pseudocode';
import { PseudocodeList } from './code/PseudocodeList';
import { lineInVersion } from './code/pseudocode';
import { VersionChanges } from './code/VersionChanges';

/** The Kernel code panel. */
export function KernelCodePanel() {
  const selected = useUi((s) => s.selected);
  const inspected = useUi((s) => s.inspection !== null);
  const code = useUi((s) => s.inspection?.code ?? null);
  const kernel = useUi((s) => s.topology?.kernel ?? '5.2');
  const pseudo = code === null ? undefined : pseudocodeFor(code.fn);
  // A moved line keeps its step id in each version: take the loaded version's.
  const stepLine = code?.step === undefined ? undefined : pseudo?.lines.find((l) => l.step === code.step && lineInVersion(l, kernel));
  return (
    <section aria-label="Kernel code" className="panel">
      <h2 style={{ fontSize: '1rem', margin: '0 0 0.5rem' }}>Kernel code</h2>
      <p style={{ margin: '0 0 0.5rem' }}>Kernel v{kernel} (kernel/bpf/cpumap.c)</p>
      <VersionChanges kernel={kernel} />
      {selected === null || code === null ? (
        <p>
          {selected === null
            ? 'Click a CPU, an RX queue, a bulk queue, an entry or a frame in the topology to see the kernel function it is in, as annotated pseudocode.'
            : !inspected
              ? 'Inspecting…'
              : 'The selected element is not in a kernel function right now (idle, or no longer in the machine).'}
        </p>
      ) : (
        <>
          <h3 style={{ fontSize: '0.95rem', margin: '0 0 0.25rem' }}>
            <code>{pseudo?.fn ?? code.fn}</code>
          </h3>
          {pseudo !== undefined && <p style={{ margin: '0 0 0.25rem' }}>{pseudo.summary}</p>}
          <p style={{ margin: '0 0 0.5rem' }}>
            <a href={code.link} target="_blank" rel="noreferrer">
              {code.fn} upstream (v{kernel})
            </a>
            {pseudo?.differs === true && ` · changed across versions: lines not in v${kernel} are dimmed, lines new in it marked`}
          </p>
          {stepLine !== undefined && <p style={{ margin: '0 0 0.5rem' }}>Now at: {stepLine.text.trim()}</p>}
          {pseudo === undefined ? (
            <p>No pseudocode for {code.fn} here: follow the upstream link.</p>
          ) : (
            <PseudocodeList pseudo={pseudo} kernel={kernel} step={code.step} />
          )}
          <p style={{ margin: '0.5rem 0 0', fontSize: '0.8rem', color: 'var(--muted)' }}>
            Pseudocode written for this project, not kernel source.
          </p>
        </>
      )}
    </section>
  );
}
