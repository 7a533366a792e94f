/**
 * The side-by-side page (a link with `compare`): run A is the link's scenario, run B the same
 * with `compare`'s parameters over it. Each runs in its own worker; one clock moves both, so
 * both are always at the same simulated time and their statistics cover the same intervals.
 */
import { useEffect, useState } from 'react';
import { Settings } from '../Settings';
import { useUi } from '../store';
import type { UiLike } from '../topology/painter';
import { useLink } from '../url/linkState';
import { readViewState } from '../url/viewState';
import { comparePair, type ComparePair } from './compareQuery';
import { CompareControls } from './CompareControls';
import { CompareNotice } from './CompareNotice';
import { CompareTable } from './CompareTable';
import { PairLinks } from './PairLinks';
import { PairRunner } from './pairRunner';
import { RunErrorNotice } from './RunErrorNotice';
import { RunPanel } from './RunPanel';
import { useCompareKeys } from './useCompareKeys';
import './compare.css';

/** The pair's speed unless the link says: 1 ms of simulated time a second, a table row a second. */
export const COMPARE_SPEED = 1e6;

interface Setup {
  pair: ComparePair;
  runner: PairRunner;
  paintUi: () => UiLike;
}

/** Reads the address once: the pair of scenarios and the view the link asks for. */
function setUp(compare: string): Setup {
  const query = location.search.replace(/^\?/, '');
  const { view } = readViewState(query);
  const pair = comparePair(query, compare);
  const runner = new PairRunner({
    queries: [pair.a, pair.b],
    speed: view.speed ?? COMPARE_SPEED,
    playing: !view.paused,
    startNs: view.t ?? 0,
  });
  // The canvases animate at the pair's speed; nothing is selected side by side.
  const paintUi = (): UiLike => ({ ...useUi.getState(), selected: null, speed: runner.store.getState().speed });
  return { pair, runner, paintUi };
}

export function ComparePage() {
  const compare = useLink((s) => s.modes.compare) ?? '';
  const linkProblems = useLink((s) => s.problems);
  const [{ pair, runner, paintUi }] = useState(() => setUp(compare));
  useEffect(() => {
    runner.start();
    return () => runner.stop();
  }, [runner]);
  useCompareKeys(runner);
  const problems = [...linkProblems, ...pair.problemsA, ...pair.problemsCompare];

  return (
    <div className="app compare-page">
      <header className="app-header">
        <h1>
          cpumap-scope <span className="subtitle">two runs side by side</span>
        </h1>
        <PairLinks runner={runner} pair={pair} />
        <Settings />
      </header>
      <CompareNotice problems={problems} />
      <RunErrorNotice runner={runner} />
      <CompareControls runner={runner} />
      <main className="compare-runs">
        <RunPanel runner={runner} index={0} pair={pair} paintUi={paintUi} />
        <RunPanel runner={runner} index={1} pair={pair} paintUi={paintUi} />
      </main>
      <CompareTable runner={runner} pair={pair} />
    </div>
  );
}
