/**
 * "Share link": copies the address (always a link to the current run) to the clipboard and says
 * so; where the clipboard is unavailable, shows the link selected in a read-only text box.
 */
import { useEffect, useRef, useState } from 'react';
import { writeLink } from './url/useLinkSync';

/**
 * The header's share button, its status and its fallback text box. `write` puts the link in the
 * address bar; until `ready` (the run has loaded) there is no link to the run yet, only the
 * query it was opened with, so the button waits.
 */
export function ShareButton({ write = writeLink, ready = true }: { write?: () => void; ready?: boolean }) {
  const [status, setStatus] = useState('');
  const [fallback, setFallback] = useState<string | null>(null);
  const box = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (fallback !== null) box.current?.select();
  }, [fallback]);

  const share = async () => {
    write();
    const url = location.href;
    try {
      if (typeof navigator.clipboard?.writeText !== 'function') throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setFallback(null);
      setStatus('Link copied');
    } catch {
      setFallback(url);
      setStatus('Copy the link below');
    }
  };

  return (
    <div className="share">
      <button type="button" disabled={!ready} onClick={() => void share()}>
        Share link
      </button>
      <span role="status" aria-label="Share link status" className="share-status">
        {status}
      </span>
      {fallback !== null && (
        <label className="share-fallback">
          Link to this run <input ref={box} type="text" readOnly value={fallback} onFocus={(e) => e.currentTarget.select()} size={40} />
        </label>
      )}
    </div>
  );
}
