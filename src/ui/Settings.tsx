/**
 * View settings: light or dark theme, presentation mode (for projectors: large type, thick lines,
 * high contrast; kept in the link as `present=1`), calm motion
 * (follows the system's prefers-reduced-motion until the checkbox is used) and what the frames'
 * colours mean (their flow, or the CPU they are redirected to).
 */
import { useState } from 'react';
import { useUi, type ColorBy } from './store';
import { useLink } from './url/linkState';
import { openWelcome } from './orient/orientStore';

/** The "View" button in the page header and the settings it shows. */
export function Settings() {
  const [open, setOpen] = useState(false);
  return (
    <div className="settings-menu">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="view-settings"
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      >
        View
      </button>
      {open && <SettingsGroup />}
    </div>
  );
}

function SettingsGroup() {
  const theme = useUi((s) => s.theme);
  const present = useLink((s) => s.modes.present);
  const setModes = useLink((s) => s.setModes);
  const calm = useUi((s) => s.reducedMotion);
  const set = useUi((s) => s.set);
  const setCalmMotion = useUi((s) => s.setCalmMotion);
  const colorBy = useUi((s) => s.colorBy);
  return (
    <div className="settings" id="view-settings" role="group" aria-label="View settings">
      <button type="button" onClick={() => set({ theme: theme === 'light' ? 'dark' : 'light' })}>
        {theme === 'light' ? 'Dark theme' : 'Light theme'}
      </button>
      <button type="button" onClick={openWelcome}>
        Welcome tour
      </button>
      <label className="inline">
        <input type="checkbox" checked={present} onChange={(e) => setModes({ present: e.target.checked })} />
        Presentation mode
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
