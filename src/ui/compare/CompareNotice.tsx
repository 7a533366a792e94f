/**
 * The one notice for a side-by-side link with problems: the link's view parameters', run A's
 * scenario's (those parameters take their defaults) and `compare`'s (each ignored, so run B keeps
 * run A's value there). Text only, as on the single view: nothing from the address is HTML.
 */
import { useState } from 'react';
import { grouped } from '../../scenario/check';
import type { ScenarioProblem } from '../../scenario/types';
import { ProblemList } from '../url/ProblemList';

export function CompareNotice({ problems }: { problems: readonly ScenarioProblem[] }) {
  const [dismissed, setDismissed] = useState(false);
  if (problems.length === 0 || dismissed) return null;
  return (
    <div className="error-notice link-notice" role="alert" aria-label="Problems in the link">
      <p>
        <strong>This link has {problems.length === 1 ? 'a problem' : `${grouped(problems.length)} problems`}.</strong> Each says what is
        used instead; the rest of the link is used as given.
      </p>
      <ProblemList problems={problems} />
      <button type="button" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
