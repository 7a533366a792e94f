/**
 * View settings: light or dark theme, projector mode (large type, thick lines), calm motion
 * (follows the system's prefers-reduced-motion until the checkbox is used) and what the frames'
 * colours mean (their flow, or the CPU they are redirected to).
 */
import { useUi, type ColorBy } from './store';

/** The settings in the page header. */
export function Settings() {
  const theme = useUi((s) => s.theme);
  const projector = useUi((s) => s.projector);
  const calm = useUi((s) => s.reducedMotion);
  const set = useUi((s) => s.set);
  const setCalmMotion = useUi((s) => s.setCalmMotion);
  const colorBy = useUi((s) => s.colorBy);
  return (
    <div className="settings" role="group" aria-label="View settings">
      <button type="button" onClick={() => set({ theme: theme === 'light' ? 'dark' : 'light' })}>
        {theme === 'light' ? 'Dark theme' : 'Light theme'}
      </button>
      <label className="inline">
        <input type="checkbox" checked={projector} onChange={(e) => set({ projector: e.target.checked })} />
        Projector mode
      </label>
      <label className="inline">
        <input type="checkbox" checked={calm} onChange={(e) => setCalmMotion(e.target.checked)} />
        Calm motion
      </label>
      <label className="inline">
        Colour frames by{' '}
        <select value={colorBy} onChange={(e) => set({ colorBy: e.target.value as ColorBy })}>
          <option value="flow">flow</option>
          <option value="target">target CPU</option>
        </select>
      </label>
    </div>
  );
}
