/**
 * The one notice for a link with problems: every invalid or unknown parameter of the address the
 * page was opened with, each as the parser words it (the value and what is allowed). Those
 * parameters take their defaults; the rest of the link is used. Text only: nothing from the
 * address is ever rendered as HTML.
 */
import { grouped } from '../scenario/check';
import { useLink } from './url/linkState';
import { ProblemList } from './url/ProblemList';

/** The link notice (renders nothing for a clean link, or once dismissed). */
export function LinkNotice() {
  const problems = useLink((s) => s.problems);
  const dismiss = useLink((s) => s.dismiss);
  if (problems.length === 0) return null;
  return (
    <div className="error-notice link-notice" role="alert" aria-label="Problems in the link">
      <p>
        <strong>This link has {problems.length === 1 ? 'a problem' : `${grouped(problems.length)} problems`}.</strong> The parameters below
        use their defaults; the rest of the link is used.
      </p>
      <ProblemList problems={problems} />
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
