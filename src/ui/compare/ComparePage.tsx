/**
 * The side-by-side page (a link with `compare`): run A is the link's scenario, run B the same
 * with `compare`'s parameters over it. Each runs in its own worker; one clock moves both, so
 * both are always at the same simulated time and their statistics cover the same intervals.
 * The "Run B" form changes run B: both runs start again from 0 and the address follows.
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
import { pairLinkQuery } from './pairLinks';
import { PairRunner, type PairOptions } from './pairRunner';
import { RunBForm } from './RunBForm';
import { RunErrorNotice } from './RunErrorNotice';
import { RunPanel } from './RunPanel';
import { RunStats } from './RunStats';
import { useCompareKeys } from './useCompareKeys';
import './compare.css';

/** The pair's speed unless the link says: 1 ms of simulated time a second, a table row a second. */
export const COMPARE_SPEED = 1e6;

interface Setup {
  pair: ComparePair;
  runner: PairRunner;
  paintUi: () => UiLike;
}

/** The pair for `compare` over the link's scenario, and its runner (not started). */
function setUp(linkQuery: string, compare: string, options: Omit<PairOptions, 'queries'>): Setup {
  const pair = comparePair(linkQuery, compare);
  const runner = new PairRunner({ ...options, queries: [pair.a, pair.b] });
  // The canvases animate at the pair's speed; nothing is selected side by side.
  const paintUi = (): UiLike => ({ ...useUi.getState(), selected: null, speed: runner.store.getState().speed });
  return { pair, runner, paintUi };
}

/** The pair as the address asks for it (read once). */
function fromAddress(compare: string): Setup & { linkQuery: string } {
  const linkQuery = location.search.replace(/^\?/, '');
  const { view } = readViewState(linkQuery);
  const setup = setUp(linkQuery, compare, { speed: view.speed ?? COMPARE_SPEED, playing: !view.paused, startNs: view.t ?? 0 });
  return { ...setup, linkQuery };
}

export function ComparePage() {
  const compare = useLink((s) => s.modes.compare) ?? '';
  const linkProblems = useLink((s) => s.problems);
  const theme = useLink((s) => s.theme);
  const [{ linkQuery, pair, runner, paintUi }, setSetup] = useState(() => fromAddress(compare));
  useEffect(() => {
    runner.start();
    return () => runner.stop();
  }, [runner]);
  useCompareKeys(runner);
  const problems = [...linkProblems, ...pair.problemsA, ...pair.problemsCompare];

  /** A new run B: both runs from 0, at the pair's speed, play state and interval; the link follows. */
  const applyRunB = (newCompare: string) => {
    const { speed, playing } = runner.store.getState();
    const next = setUp(linkQuery, newCompare, { speed, playing, startNs: 0, statsInterval: runner.chosenStatsInterval });
    history.replaceState(
      history.state,
      '',
      `${location.pathname}?${pairLinkQuery(next.pair.a, next.pair.applied, { speed, playing, sharedNs: 0, theme })}`,
    );
    setSetup({ ...next, linkQuery });
  };

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
      <RunBForm key={pair.applied} pair={pair} onApply={applyRunB} />
      <main className="compare-runs">
        <RunPanel runner={runner} index={0} pair={pair} paintUi={paintUi} />
        <RunPanel runner={runner} index={1} pair={pair} paintUi={paintUi} />
      </main>
      <CompareTable runner={runner} pair={pair} />
      <RunStats runner={runner} />
    </div>
  );
}
