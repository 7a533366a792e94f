/**
 * One sweep chart: a metric against the first parameter (log x when its values grow by a
 * factor), a line per CPU or per value of the second parameter, a dot per point. React owns the
 * <svg>, the legend and the readout; d3 draws scales, axes, lines and dots into it, as the
 * statistics charts do. Hover it, or focus it and use the arrow keys, to read a point's values.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { axisBottom, line, scaleLinear, scaleLog, scalePoint, schemeTableau10, select } from 'd3';
import { drawAxisTitles, drawYAxis, yFromZero, type ChartFrame } from '../charts/chartFrame';
import { ChartSaveButtons } from '../exports/ExportButtons';
import { cpuColor } from '../panels/stats/Chart';
import type { SweepMetric } from '../../sweep/sweepMetrics';
import { hasValues, topValue, type ChartLine, type SweepChartData } from './chartData';
import { formatMetric } from './formatMetric';

const W = 420;
const H = 200;
const M = { top: 10, right: 14, bottom: 36, left: 56 };
const FRAME: ChartFrame = { width: W, height: H, margin: M };

const Y_FORMAT: Record<SweepMetric['unit'], string> = { pps: '~s', number: '.1f', share: '.0%', ns: '~s' };

/** A line's colour: its CPU's, as in the statistics charts, else by its place. */
function lineColor(l: ChartLine, i: number): string {
  return l.cpu !== null ? cpuColor(l.cpu) : schemeTableau10[i % schemeTableau10.length];
}

/** x in the svg of each of the first parameter's values. */
function xPositions(data: SweepChartData): number[] {
  const range: [number, number] = [M.left, W - M.right];
  if (data.scale === 'point') {
    const x = scalePoint<number>()
      .domain(data.xs.map((_, i) => i))
      .range(range)
      .padding(0.3);
    return data.xs.map((_, i) => x(i) ?? M.left);
  }
  const values = data.xs.map((p) => p.x);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const domain: [number, number] = lo === hi ? [lo * 0.5 || -1, hi * 1.5 || 1] : [lo, hi];
  const x = data.scale === 'log' ? scaleLog().domain(domain).range(range) : scaleLinear().domain(domain).range(range);
  return values.map((v) => x(v));
}

/** "qsize=256: CPU 4 1,234,567, CPU 5 1,200,000". */
function readoutText(data: SweepChartData, metric: SweepMetric, i: number): string {
  const values = data.lines.map((l) => `${data.lines.length > 1 ? `${l.label} ` : ''}${formatMetric(metric, l.at[i]?.value ?? null)}`);
  return `${data.param}=${data.xs[i].label}: ${values.length === 0 ? 'no value' : values.join(', ')}`;
}

export interface SweepChartProps {
  metric: SweepMetric;
  data: SweepChartData;
  /** With a second parameter, per-CPU metrics show the worst target. */
  worstTarget: boolean;
}

export function SweepChart({ metric, data, worstTarget }: SweepChartProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [at, setAt] = useState<number | null>(null);
  const xs = useMemo(() => xPositions(data), [data]);
  const readAt = at !== null && at < data.xs.length ? at : null;
  const title = `${metric.label}${worstTarget ? ' (worst target)' : ''}`;

  const onPointer = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    if (box.width === 0 || xs.length === 0) return;
    const x = ((e.clientX - box.left) * W) / box.width;
    let best = 0;
    for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
    setAt(best);
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    e.stopPropagation();
    const i = readAt ?? (e.key === 'ArrowLeft' ? xs.length : -1);
    setAt(Math.min(xs.length - 1, Math.max(0, i + (e.key === 'ArrowLeft' ? -1 : 1))));
  };

  useEffect(() => {
    const svg = svgRef.current;
    if (svg === null) return;
    const root = select(svg);
    root.selectAll('*').remove();
    const y = yFromZero(FRAME, topValue(data));
    // The swept values are the ticks (a few dozen at most); thinned when they would crowd.
    const every = Math.ceil(data.xs.length / 8);
    const ticks = xs.filter((_, i) => i % every === 0 || i === xs.length - 1);
    const labelAt = new Map(xs.map((x, i) => [x, data.xs[i].label]));
    root
      .append('g')
      .attr('transform', `translate(0,${H - M.bottom})`)
      .call(
        axisBottom(scaleLinear().domain([0, W]).range([0, W]))
          .tickValues(ticks)
          .tickFormat((x) => labelAt.get(Number(x)) ?? ''),
      )
      .call((g) => g.select('.domain').attr('d', `M${M.left},0H${W - M.right}`));
    drawYAxis(root, FRAME, y, Y_FORMAT[metric.unit], metric.unit === 'pps' || metric.unit === 'ns');
    drawAxisTitles(root, FRAME, `${data.param}${data.scale === 'log' ? ' (log scale)' : ''}`, metric.label);
    const path = line<{ i: number; value: number | null }>()
      .defined((p) => p.value !== null)
      .x((p) => xs[p.i])
      .y((p) => y(p.value ?? 0));
    data.lines.forEach((l, li) => {
      const color = lineColor(l, li);
      const pts = l.at.map((a, i) => ({ i, value: a.value }));
      root.append('path').attr('fill', 'none').attr('stroke-width', 1.5).attr('stroke', color).attr('d', path(pts));
      root
        .append('g')
        .selectAll('circle')
        .data(pts.filter((p) => p.value !== null))
        .join('circle')
        .attr('r', 2.5)
        .attr('fill', color)
        .attr('cx', (p) => xs[p.i])
        .attr('cy', (p) => y(p.value ?? 0));
    });
  }, [data, metric, xs]);

  const cursor = readAt === null ? null : xs[readAt] / W;
  return (
    <figure className="stats-chart sweep-chart">
      <figcaption>{title}</figcaption>
      <div className="stats-plot">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          tabIndex={0}
          aria-label={`${title} against ${data.param}; arrow keys read out a point`}
          onPointerMove={onPointer}
          onPointerLeave={() => setAt(null)}
          onFocus={() => setAt(0)}
          onBlur={() => setAt(null)}
          onKeyDown={onKey}
        />
        {cursor === null ? null : <span className="stats-cursor" style={{ left: `${cursor * 100}%` }} aria-hidden="true" />}
      </div>
      <output className="stats-readout" aria-label={`${metric.label} readout`}>
        {!hasValues(data)
          ? 'No point has this figure.'
          : readAt === null
            ? 'Hover the chart to read a point.'
            : readoutText(data, metric, readAt)}
      </output>
      <ul className="stats-legend" aria-label={`${title} legend`}>
        {data.lines.map((l, i) => (
          <li key={l.label}>
            <span className="stats-swatch" style={{ background: lineColor(l, i) }} aria-hidden="true" />
            {l.label}
          </li>
        ))}
      </ul>
      <ChartSaveButtons svgRef={svgRef} name={`cpumap-sweep-${metric.id}`} title={title} />
    </figure>
  );
}
