/**
 * Shown when the simulation worker died. Restarted automatically: a polite status saying why and
 * from when, until dismissed. Dying again and again: an alert with a restart by hand; the rest of
 * the page stays as it was (the last picture of the machine remains on screen). The reason is
 * rendered as text, never as markup (it may come from the worker).
 */
import { useUi } from './store';
import { noticeText } from './supervision/workerNotice';

/** The worker notice (renders nothing while the worker is healthy). */
export function ErrorNotice() {
  const notice = useUi((s) => s.workerNotice);
  const restart = useUi((s) => s.restartWorker);
  const dismiss = () => useUi.setState({ workerNotice: null });
  if (notice === null) return null;
  if (notice.kind === 'restarted') {
    return (
      <div className="error-notice restart-notice" role="status" aria-label="Simulation restarted">
        <p>{noticeText(notice)}</p>
        <button type="button" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    );
  }
  return (
    <div className="error-notice" role="alert" aria-label="Simulation stopped">
      <p>{noticeText(notice)}</p>
      <button type="button" className="primary" onClick={restart}>
        Restart simulation
      </button>
    </div>
  );
}
