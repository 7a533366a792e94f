/**
 * What every chart of the page draws the same way with d3: a y scale from zero, the y axis
 * (whole units never ticked in fractions), and the two axis titles. The statistics charts and the
 * sweep charts each add their own x axis and marks.
 */
import { axisLeft, format, scaleLinear, type ScaleLinear, type Selection } from 'd3';

/** A chart's viewBox size and margins, in svg units. */
export interface ChartFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

/** y from 0 to `top` (1 when nothing is above 0), rounded outwards. */
export function yFromZero(f: ChartFrame, top: number): ScaleLinear<number, number> {
  return scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .nice()
    .range([f.height - f.margin.bottom, f.margin.top]);
}

/**
 * The y axis with about four ticks in d3 format `tickFormat`. For whole units (events per second,
 * nanoseconds) no more ticks than units, so a flat line at 0 or 1 is not ticked "200m".
 */
export function drawYAxis(root: Svg, f: ChartFrame, y: ScaleLinear<number, number>, tickFormat: string, whole: boolean): void {
  const ticks = whole ? Math.max(1, Math.min(4, Math.ceil(y.domain()[1]))) : 4;
  root
    .append('g')
    .attr('transform', `translate(${f.margin.left},0)`)
    .call(axisLeft(y).ticks(ticks).tickFormat(format(tickFormat)));
}

/** The x axis's title under it and the y axis's title along it. */
export function drawAxisTitles(root: Svg, f: ChartFrame, xTitle: string, yTitle: string): void {
  const { width: w, height: h, margin: m } = f;
  root
    .append('text')
    .attr('class', 'axis-label')
    .attr('x', (m.left + w - m.right) / 2)
    .attr('y', h - 4)
    .attr('text-anchor', 'middle')
    .text(xTitle);
  root
    .append('text')
    .attr('class', 'axis-label')
    .attr('transform', `translate(12,${(m.top + h - m.bottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(yTitle);
}
