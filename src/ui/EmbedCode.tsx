/**
 * "Embed": writes the iframe code for the current scenario or lesson step (the page's own link
 * with `embed=1`, paused at the current time), sized as the reader asks, and copies it.
 */
import { useState } from 'react';
import { currentLinkQuery } from './url/useLinkSync';
import { useUi } from './store';

const MIN = 320;
const MAX = 3840;

/** The iframe code for `query` at `width` x `height`. */
export function iframeCode(origin: string, path: string, query: string, width: number, height: number): string {
  // The page around the iframe decides the look: presentation mode's large type is left out.
  const kept = query
    .split('&')
    .filter((p) => p !== 'present=1' && p !== 'embed=1')
    .join('&');
  const src = `${origin}${path}?${kept}&embed=1`;
  const escaped = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<iframe src="${escaped}" width="${width}" height="${height}" title="cpumap-scope: the BPF cpumap, frame by frame" loading="lazy" style="border:0"></iframe>`;
}

function clampSize(text: string, fallback: number): number {
  const n = Math.round(Number(text));
  return Number.isFinite(n) ? Math.min(MAX, Math.max(MIN, n)) : fallback;
}

export function EmbedCode() {
  const [open, setOpen] = useState(false);
  const [width, setWidth] = useState('960');
  const [height, setHeight] = useState('600');
  const [copied, setCopied] = useState('');
  // Follows the page while open (the time, the scenario); null until a scenario has loaded.
  const query = useUi(() => (open ? currentLinkQuery() : null));
  const code = query === null ? '' : iframeCode(location.origin, location.pathname, query, clampSize(width, 960), clampSize(height, 600));
  const copy = () => {
    navigator.clipboard.writeText(code).then(
      () => setCopied('Copied.'),
      () => setCopied('Could not copy: select the code and copy it.'),
    );
  };
  return (
    <div className="embed-code">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Embed
      </button>
      {open && (
        <div className="embed-dialog" role="dialog" aria-label="Embed this scenario">
          <p>
            Paste this into a course page: the current scenario with only the topology and the controls; a lesson step also with its text,
            its question and Previous/Next step (800 × 500 or larger suits it).
          </p>
          <div className="embed-size">
            <label>
              Width <input type="number" min={MIN} max={MAX} value={width} onChange={(e) => setWidth(e.target.value)} />
            </label>
            <label>
              Height <input type="number" min={MIN} max={MAX} value={height} onChange={(e) => setHeight(e.target.value)} />
            </label>
          </div>
          <textarea
            readOnly
            aria-label="Iframe code"
            value={query === null ? 'Loading the scenario…' : code}
            rows={4}
            onFocus={(e) => e.target.select()}
          />
          <div className="embed-actions">
            <button type="button" className="primary" onClick={copy}>
              Copy code
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Close
            </button>
            <span role="status">{copied}</span>
          </div>
        </div>
      )}
    </div>
  );
}
