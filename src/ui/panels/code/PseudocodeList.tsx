/**
 * A function's pseudocode as an ordered list: the current step highlighted (aria-current),
 * lines of other kernel versions dimmed and marked "not in v5.x", version-only lines of the
 * loaded version tagged, and exact v5.0 line anchors when v5.0 is loaded.
 */
import { lineInVersion, type PseudoFunction, type PseudoVersion } from './pseudocode';
import { v50LineLink } from './pseudocode';

/** Props of {@link PseudocodeList}. */
export interface PseudocodeListProps {
  pseudo: PseudoFunction;
  kernel: PseudoVersion;
  step: string | undefined;
}

/** The pseudocode lines of one function. */
export function PseudocodeList({ pseudo, kernel, step }: PseudocodeListProps) {
  return (
    <ol
      aria-label={`Pseudocode of ${pseudo.fn}`}
      style={{ margin: 0, paddingLeft: '2.2rem', fontFamily: 'var(--mono, monospace)', fontSize: '0.85rem' }}
    >
      {pseudo.lines.map((l, i) => {
        const other = !lineInVersion(l, kernel);
        const current = step !== undefined && l.step === step && !other;
        return (
          <li
            key={i}
            aria-current={current ? 'step' : undefined}
            style={{
              whiteSpace: 'pre-wrap',
              opacity: other ? 0.55 : 1,
              background: current ? 'var(--accent)' : undefined,
              color: current ? 'var(--accent-fg)' : undefined,
              fontWeight: current ? 700 : undefined,
            }}
          >
            {current && <span>▶ </span>}
            {l.text}
            {other && <em style={{ marginLeft: '0.5rem' }}>(not in v{kernel})</em>}
            {!other && l.only !== undefined && <em style={{ marginLeft: '0.5rem' }}>({l.only.map((v) => `v${v}`).join(', ')} only)</em>}
            {kernel === '5.0' && l.line50 !== undefined && (
              <a
                href={v50LineLink(l.line50)}
                target="_blank"
                rel="noreferrer"
                style={{ marginLeft: '0.5rem', color: current ? 'inherit' : undefined }}
                aria-label={`line ${l.line50} of v5.0 cpumap.c`}
              >
                L{l.line50}
              </a>
            )}
          </li>
        );
      })}
    </ol>
  );
}
