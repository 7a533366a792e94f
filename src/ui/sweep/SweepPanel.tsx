/**
 * The Sweep panel: the form, the progress of the points on the worker pool (with Cancel), the
 * answer to the question ("smallest qsize with no ring-full drops: 256"), charts of the chosen
 * metrics against the parameter, the table of points, and the CSV. A link's sweep runs as soon
 * as the panel is up; the base scenario is always the page's current one.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useUi } from '../store';
import { useLink } from '../url/linkState';
import { VIEW_PARAMS } from '../scenarioQuery';
import { parseScenario } from '../../scenario/parse';
import { serializeScenario } from '../../scenario/serialize';
import { PAGE_SWEEP_WINDOW } from '../../sweep/sweepDefaults';
import { defaultAnswerMetric, sweepAnswers } from '../../sweep/sweepAnswer';
import { metricValues, sweepMetric, SWEEP_METRICS } from '../../sweep/sweepMetrics';
import { sweepCsv, type SweepRow } from '../../sweep/sweepTable';
import type { SweepAxis } from '../../sweep/sweepSpec';
import type { PointWindow } from '../../sweep/runPoint';
import { downloadText } from '../exports/download';
import { useSweepOpen } from './SweepEntry';
import { SweepForm } from './SweepForm';
import { SweepChart } from './SweepChart';
import { SweepTable } from './SweepTable';
import { sweepChartData } from './chartData';
import { cancelSweep, doneCount, startSweep, useSweepRun } from './sweepRun';
import './sweep.css';

const DEFAULT_CHARTS = ['kthreadPps', 'ringFullPps'];

/** The page's scenario as a query, view parameters left out. */
function baseQuery(query: string): string {
  return serializeScenario(parseScenario(query, { extraParams: VIEW_PARAMS }).scenario);
}

/** Each point's window: `measuredNs` after the page's warm-up. */
function measuredWindow(measuredNs: number): PointWindow {
  return { warmupNs: PAGE_SWEEP_WINDOW.warmupNs, durationNs: PAGE_SWEEP_WINDOW.warmupNs + measuredNs };
}

/** Starts a sweep over the page's current scenario. */
function start(axes: SweepAxis[], window: PointWindow): void {
  startSweep(axes, baseQuery(useUi.getState().query), window);
}

export function SweepPanel() {
  const ref = useRef<HTMLElement>(null);
  const ready = useUi((s) => s.topology !== null);
  const fromLink = useSweepOpen((s) => s.fromLink);
  const run = useSweepRun();
  const [charts, setCharts] = useState<string[]>(DEFAULT_CHARTS);

  useEffect(() => ref.current?.scrollIntoView({ block: 'start' }), []);
  // A link's sweep runs once the page's scenario has loaded.
  useEffect(() => {
    if (fromLink === null || !ready) return;
    useSweepOpen.setState({ fromLink: null });
    start(fromLink.axes, measuredWindow(fromLink.measuredNs));
  }, [fromLink, ready]);

  const onRun = (axes: SweepAxis[], window: PointWindow, link: string) => {
    start(axes, window);
    useLink.getState().setModes({ sweep: link });
  };

  const total = run.points.length;
  const done = doneCount(run.results);
  const answers = useMemo(() => {
    if (run.status !== 'done') return [];
    const points = run.points.map((vary, i) => {
      const r = run.results[i];
      return { vary, values: r?.ok ? metricValues(r.report) : null };
    });
    return sweepAnswers(run.axes, points, sweepMetric(defaultAnswerMetric(run.axes))!);
  }, [run]);
  const chartData = useMemo(
    () =>
      run.axes.length === 0
        ? []
        : SWEEP_METRICS.filter((m) => charts.includes(m.id)).map((m) => ({
            m,
            data: sweepChartData(run.axes, run.points, run.results, m),
          })),
    [run.axes, run.points, run.results, charts],
  );
  const answering = new Set(answers.flatMap((a) => (a.point === null ? [] : [a.point])));

  const downloadCsv = () => {
    const rows: SweepRow[] = run.points.flatMap((vary, i) => {
      const result = run.results[i];
      return result === null ? [] : [{ vary, result }];
    });
    downloadText('cpumap-sweep.csv', sweepCsv(run.axes, rows), 'text/csv;charset=utf-8');
  };

  return (
    <section ref={ref} id="sweep-panel" className="panel sweep-panel" aria-labelledby="sweep-heading">
      <h2 id="sweep-heading">Sweep</h2>
      <p className="hint">
        Runs the page&apos;s scenario once per value, each point headless as <code>npm run sim --json</code> runs it, on a pool of workers
        (the machine&apos;s cores less one).
      </p>
      <SweepForm
        initial={fromLink ?? (run.axes.length > 0 ? { axes: run.axes, measuredNs: run.window.durationNs - run.window.warmupNs } : null)}
        ready={ready}
        onRun={onRun}
      />
      {run.status === 'idle' ? null : (
        <>
          <div className="sweep-progress">
            <div
              role="progressbar"
              aria-label="Sweep progress"
              aria-valuemin={0}
              aria-valuemax={total}
              aria-valuenow={done}
              aria-valuetext={`${done} of ${total} points`}
              className="sweep-bar"
            >
              <span style={{ width: `${total === 0 ? 0 : (done / total) * 100}%` }} />
            </div>
            <span>
              {done} of {total} points
              {run.status === 'running' ? ` · ${run.workers} ${run.workers === 1 ? 'worker' : 'workers'}` : ''}
              {run.status === 'cancelled' ? ' · cancelled' : ''}
            </span>
            {run.status === 'running' ? (
              <button type="button" onClick={cancelSweep}>
                Cancel
              </button>
            ) : null}
          </div>
          <p className="sweep-base">
            Over <code>{run.base === '' ? 'the default scenario' : run.base}</code>, each point measured for{' '}
            {(run.window.durationNs - run.window.warmupNs) / 1e6} ms after a {run.window.warmupNs / 1e6} ms warm-up.
          </p>
          <fieldset className="sweep-metrics">
            <legend>Charts</legend>
            {SWEEP_METRICS.map((m) => (
              <label key={m.id}>
                <input
                  type="checkbox"
                  checked={charts.includes(m.id)}
                  onChange={(e) => setCharts(e.target.checked ? [...charts, m.id] : charts.filter((c) => c !== m.id))}
                />{' '}
                {m.label}
              </label>
            ))}
          </fieldset>
          <div className="stats-charts sweep-charts">
            {chartData.map(({ m, data }) => (
              <SweepChart key={m.id} metric={m} data={data} worstTarget={run.axes.length > 1 && m.perCpu !== undefined} />
            ))}
          </div>
          {answers.map((a, i) => (
            <p key={i} className="sweep-answer" role="status">
              {a.text}
            </p>
          ))}
          <SweepTable
            axes={run.axes}
            points={run.points}
            queries={run.queries}
            results={run.results}
            answers={answering}
            pending={run.status === 'cancelled' ? 'cancelled' : 'running…'}
          />
          <div className="export-buttons">
            <button type="button" onClick={downloadCsv} disabled={done === 0}>
              Download CSV
            </button>
          </div>
        </>
      )}
    </section>
  );
}
