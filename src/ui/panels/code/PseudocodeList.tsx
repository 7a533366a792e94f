/**
 * A function's pseudocode as an ordered list: the current step highlighted (aria-current),
 * lines of other kernel versions dimmed and marked "not in v5.x", the lines new in the loaded
 * version (against the modelled version before it) marked, version-only lines of the loaded
 * version tagged with their versions, and exact v5.0 line anchors when v5.0 is loaded.
 */
import { lineInVersion, type PseudoFunction, type PseudoLine, type PseudoVersion } from './pseudocode';
import { v50LineLink } from './pseudocode';
import { versionBefore, versionsLabel } from './versionChanges';

/** Props of {@link PseudocodeList}. */
export interface PseudocodeListProps {
  pseudo: PseudoFunction;
  kernel: PseudoVersion;
  step: string | undefined;
}

/** How a line stands in `kernel` against the version before: new, gone, or as before. */
function change(l: PseudoLine, kernel: PseudoVersion): 'new' | 'removed' | null {
  const prev = versionBefore(kernel);
  if (prev === null || l.only === undefined) return null;
  const now = lineInVersion(l, kernel);
  const then = lineInVersion(l, prev);
  return now && !then ? 'new' : !now && then ? 'removed' : null;
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
        const changed = change(l, kernel);
        return (
          <li
            key={i}
            aria-current={current ? 'step' : undefined}
            className={changed === 'new' ? 'code-line-new' : undefined}
            style={{
              whiteSpace: 'pre-wrap',
              opacity: other ? 0.55 : 1,
              background: current ? 'var(--accent)' : undefined,
              color: current ? 'var(--accent-fg)' : undefined,
              fontWeight: current ? 700 : undefined,
              borderLeft: changed === 'new' ? '3px solid var(--accent)' : undefined,
              paddingLeft: changed === 'new' ? '0.3rem' : undefined,
            }}
          >
            {current && <span>▶ </span>}
            {l.text}
            {other && (
              <em style={{ marginLeft: '0.5rem' }}>
                ({changed === 'removed' ? 'removed in' : 'not in'} v{kernel})
              </em>
            )}
            {changed === 'new' && <em style={{ marginLeft: '0.5rem' }}>(new in v{kernel})</em>}
            {!other && changed === null && l.only !== undefined && <em style={{ marginLeft: '0.5rem' }}>({versionsLabel(l.only)} only)</em>}
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
