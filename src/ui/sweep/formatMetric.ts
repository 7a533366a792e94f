/**
 * A sweep metric's value in words, as the statistics panel writes its figures: rates in whole
 * events per second with thousands grouped (xdp_redirect_cpu's `%'`), bulk-average with two
 * decimals, CPU busy as a percentage, latency in ns.
 */
import { groupThousands } from '../../engine/stats/format';
import type { SweepMetric } from '../../sweep/sweepMetrics';

/** The value alone ("1,234,567", "5.85", "73.4%", "1,200 ns"); a dash when the point has none. */
export function formatMetric(metric: SweepMetric, value: number | null): string {
  if (value === null) return '–';
  switch (metric.unit) {
    case 'pps':
      return groupThousands(Math.round(value));
    case 'number':
      return groupThousands(value, 2);
    case 'share':
      return `${(value * 100).toFixed(1)}%`;
    case 'ns':
      return `${groupThousands(Math.round(value))} ns`;
  }
}
