/**
 * One run of the pair: a heading naming its scenario (kernel, and what differs from run A), its
 * map create result and simulated time, and its topology (drawn from the run's own frame bus,
 * without element buttons: selecting is the single view's business).
 */
import { formatSimTime } from '../format';
import { Topology } from '../topology/Topology';
import type { UiLike } from '../topology/painter';
import type { ComparePair } from './compareQuery';
import { RUN_NAMES, type PairRunner } from './pairRunner';
import { usePair } from './usePair';

export interface RunPanelProps {
  runner: PairRunner;
  index: 0 | 1;
  pair: ComparePair;
  /** What the run's canvas reads of the view (stable). */
  paintUi: () => UiLike;
}

/** What the run is, in words: A is the link's scenario, B what it changes. */
function scenarioWords(index: 0 | 1, pair: ComparePair): string {
  if (index === 0) return "the link's scenario";
  return pair.differences.length === 0 ? 'the same scenario as run A' : `run A with ${pair.differences.join(', ')}`;
}

export function RunPanel({ runner, index, pair, paintUi }: RunPanelProps) {
  const name = RUN_NAMES[index];
  const create = usePair(runner, (s) => s.runs[index].create);
  const simNs = usePair(runner, (s) => s.runs[index].simNs);
  const headingId = `run-${name}-heading`;
  return (
    <section className="compare-run" aria-labelledby={headingId}>
      <header className="compare-run-header">
        <h2 id={headingId}>
          Run {name}: Linux v{pair.kernels[index]}
        </h2>
        <p className="compare-run-what">{scenarioWords(index, pair)}</p>
        <p className="compare-run-facts">
          <span>BPF_MAP_CREATE: {create ?? '…'}</span>
          <span>
            t ={' '}
            <span role="timer" aria-label={`Time of run ${name}`} className="clock-value">
              {formatSimTime(simNs)}
            </span>
          </span>
        </p>
      </header>
      <Topology bus={runner.runs[index].bus} ui={paintUi} compact label={`Topology of run ${name}`} />
    </section>
  );
}
