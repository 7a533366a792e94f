/**
 * Shown when a run's worker stopped: the clock waits for both runs, so the pair stands still
 * until both are restarted (from time 0, or the link's start time).
 */
import { RUN_NAMES, type PairRunner } from './pairRunner';
import { usePair } from './usePair';

export function RunErrorNotice({ runner }: { runner: PairRunner }) {
  const errorA = usePair(runner, (s) => s.runs[0].error);
  const errorB = usePair(runner, (s) => s.runs[1].error);
  const failed = [errorA, errorB].flatMap((e, i) => (e === null ? [] : [`Run ${RUN_NAMES[i]}'s simulation stopped: ${e}`]));
  if (failed.length === 0) return null;
  return (
    <div className="error-notice" role="alert" aria-label="Simulation stopped">
      <p>{failed.join('. ')}. Both runs wait for each other, so the pair is stopped.</p>
      <button type="button" onClick={() => runner.restart()}>
        Restart both runs
      </button>
    </div>
  );
}
