/**
 * "Compare": opens the side-by-side view on the run as it stands (its share link) against the
 * same scenario on the kernel version before it (v5.2 for v5.0). A normal navigation, so Back returns here.
 */
import { useUi } from '../store';
import { useLink } from '../url/linkState';
import { currentLinkQuery, writeLink } from '../url/useLinkSync';
import { compareModes, defaultDifference } from './compareLink';

export function CompareButton() {
  const kernel = useUi((s) => s.topology?.kernel ?? null);
  const open = () => {
    if (kernel === null) return;
    const ui = useUi.getState();
    const link = useLink.getState();
    // Nothing is selected side by side.
    const query = currentLinkQuery({ ...ui, selected: null }, { ...link, modes: compareModes(link.modes, defaultDifference(kernel)) });
    if (query === null) return;
    // The entry Back returns to is this run's own link.
    writeLink();
    location.assign(`${location.pathname}?${query}`);
  };
  return (
    <button
      type="button"
      disabled={kernel === null}
      onClick={open}
      title={kernel === null ? undefined : `This run against ${defaultDifference(kernel)}, side by side`}
    >
      Compare
    </button>
  );
}
