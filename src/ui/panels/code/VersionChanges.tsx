/** The Kernel code panel's "what changed against the version before" list for the loaded kernel. */
import type { KernelVersion } from '../../../scenario/kernels';
import { cpumapLineLink } from '../../../engine/kernel/cpumapLines';
import { changesIn, versionBefore } from './versionChanges';

/** What changed from the modelled version before `kernel` to `kernel`, each item linking to its function's line on elixir (or its identifier page). */
export function VersionChanges({ kernel }: { kernel: KernelVersion }) {
  const prev = versionBefore(kernel);
  if (prev === null) {
    return <p style={{ margin: '0 0 0.5rem' }}>v5.0 is the first version modelled (the 2019 reference).</p>;
  }
  const title = `What changed from v${prev} to v${kernel}`;
  return (
    <section aria-label={title} style={{ margin: '0 0 0.5rem' }}>
      <h3 style={{ fontSize: '0.9rem', margin: '0 0 0.25rem' }}>{title}</h3>
      <ul style={{ margin: 0, paddingLeft: '1.2rem', fontSize: '0.85rem' }}>
        {changesIn(kernel).map((c) => (
          <li key={c.text}>
            {c.release}: {c.text}{' '}
            <a href={cpumapLineLink(kernel, c.fn)} target="_blank" rel="noreferrer">
              {c.fn} (v{kernel})
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
