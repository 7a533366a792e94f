/**
 * Shown when the simulation worker died: what happened, and a restart that keeps the scenario.
 * The rest of the page stays as it was (the last picture of the machine remains on screen).
 */
import { useUi } from './store';

/** The worker-death notice (renders nothing while the worker is healthy). */
export function ErrorNotice() {
  const error = useUi((s) => s.workerError);
  const restart = useUi((s) => s.restartWorker);
  if (error === null) return null;
  return (
    <div className="error-notice" role="alert">
      <p>
        <strong>The simulation stopped.</strong> Its worker failed: {error}. The picture below is the last one it sent; your scenario and
        settings are kept.
      </p>
      <button type="button" className="primary" onClick={restart}>
        Restart simulation
      </button>
    </div>
  );
}
