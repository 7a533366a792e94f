/**
 * One statistics chart: per-CPU lines of a metric over simulated time. React owns the <svg> and
 * the legend; d3 draws axes and lines into the svg from an effect (scales, axes, line generator).
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { axisBottom, format, line, max, scaleLinear, schemeTableau10, select } from 'd3';
import { drawAxisTitles, drawYAxis, yFromZero, type ChartFrame } from '../../charts/chartFrame';
import { ChartSaveButtons } from '../../exports/ExportButtons';
import { timeUnit, type MetricInfo, type Point, type Series } from './series';
import { nearestIndex, pointTimes, readoutText } from './readout';

const W = 360;
const H = 170;
const M = { top: 8, right: 10, bottom: 34, left: 52 };
const FRAME: ChartFrame = { width: W, height: H, margin: M };

/** A CPU's colour, the same in every chart. */
export function cpuColor(cpu: number): string {
  return schemeTableau10[cpu % schemeTableau10.length];
}

/** Props: what to plot and over which simulated time span [t0, t1]. */
export interface ChartProps {
  info: MetricInfo;
  series: Series[];
  t0: number;
  t1: number;
}

/**
 * A small time-series chart with axes, units and a legend naming each CPU, and a readout: hover
 * it, or focus it and use the arrow keys, to read each CPU's value at an interval in text.
 */
export function Chart({ info, series, t0, t1 }: ChartProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const times = useMemo(() => pointTimes(series), [series]);
  // The interval read out, by its end time (kept while new samples arrive); null: none.
  const [at, setAt] = useState<number | null>(null);
  const readAt = at !== null && times.includes(at) ? at : null;

  const onPointer = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width === 0) return;
    const x = ((e.clientX - box.left) * W) / box.width;
    const t = t0 + ((x - M.left) / (W - M.left - M.right)) * (t1 - t0);
    const i = nearestIndex(times, t);
    setAt(i < 0 ? null : times[i]);
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    e.stopPropagation();
    if (times.length === 0) return;
    const i = readAt === null ? times.length : times.indexOf(readAt);
    setAt(times[Math.min(times.length - 1, Math.max(0, i + (e.key === 'ArrowLeft' ? -1 : 1)))]);
  };
  // Where the cursor line sits, as a share of the chart's width.
  const cursor = readAt === null || t1 <= t0 ? null : (M.left + ((readAt - t0) / (t1 - t0)) * (W - M.left - M.right)) / W;

  useEffect(() => {
    const svg = svgRef.current;
    if (svg === null) return;
    const root = select(svg);
    // Redrawn from scratch: a few hundred points, at most four times a second.
    root.selectAll('*').remove();

    const unit = timeUnit(Math.max(Math.abs(t1), 1));
    const x = scaleLinear()
      .domain([t0 / unit.ns, Math.max(t1, t0 + 1) / unit.ns])
      .range([M.left, W - M.right]);
    const y = yFromZero(FRAME, max(series, (s) => max(s.points, (p) => p.v)) ?? 0);

    root
      .append('g')
      .attr('transform', `translate(0,${H - M.bottom})`)
      .call(axisBottom(x).ticks(5).tickFormat(format('~g')));
    drawYAxis(root, FRAME, y, info.rate ? '~s' : '.1f', info.rate);
    drawAxisTitles(root, FRAME, `simulated time (${unit.name})`, info.unit);

    const path = line<Point>()
      .x((p) => x(p.t / unit.ns))
      .y((p) => y(p.v));
    root
      .append('g')
      .selectAll('path')
      .data(series)
      .join('path')
      .attr('fill', 'none')
      .attr('stroke-width', 1.5)
      .attr('stroke', (s) => cpuColor(s.cpu))
      .attr('d', (s) => path(s.points));
  }, [info, series, t0, t1]);

  return (
    <figure className="stats-chart">
      <figcaption>
        {info.title} <span className="stats-unit">({info.unit})</span>
      </figcaption>
      <div className="stats-plot">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          tabIndex={0}
          aria-label={`${info.title} in ${info.unit}, per CPU, over simulated time; arrow keys read out an interval`}
          onPointerMove={onPointer}
          onPointerLeave={() => setAt(null)}
          onFocus={() => setAt(times.at(-1) ?? null)}
          onBlur={() => setAt(null)}
          onKeyDown={onKey}
        />
        {cursor === null ? null : <span className="stats-cursor" style={{ left: `${cursor * 100}%` }} aria-hidden="true" />}
      </div>
      <output className="stats-readout" aria-label={`${info.title} readout`}>
        {readAt === null ? 'Hover the chart to read a value.' : readoutText(info, series, readAt)}
      </output>
      <ul className="stats-legend" aria-label={`${info.title} legend`}>
        {series.length === 0 ? <li>no CPU has traffic</li> : null}
        {series.map((s) => (
          <li key={s.cpu}>
            <span className="stats-swatch" style={{ background: cpuColor(s.cpu) }} aria-hidden="true" />
            CPU {s.cpu}
          </li>
        ))}
      </ul>
      <ChartSaveButtons svgRef={svgRef} name={`cpumap-${info.metric}`} title={info.title} />
    </figure>
  );
}
