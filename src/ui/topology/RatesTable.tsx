/**
 * The rates row as text, for screen readers (the canvas cannot be read): a table named "Rates"
 * with one row per figure, labelled as on the canvas, its value formatted the same way, and what
 * kind of figure it is (configured load, lost, or a verdict); under it, the simulated window the
 * measured figures cover, or why they are "–". It shows what the canvas draws: both read the same
 * RateTracker, which the painter feeds. The window's bounds are also in data attributes (exact
 * simulated ns), so a test can measure the same window with the engine.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { formatSimTime } from '../format';
import { visuallyHidden } from './LiveSummary';
import { RATE_KINDS } from './rateFields';
import { ratesView, type RateTracker, type RatesView } from './rates';

/** Caches the view per tracker version, so React sees a stable value between pushes. */
function useRatesView(tracker: RateTracker): RatesView {
  const cache = useRef<{ version: number; view: RatesView } | null>(null);
  const subscribe = useCallback((fn: () => void) => tracker.subscribe(fn), [tracker]);
  const get = useCallback(() => {
    const c = cache.current;
    if (c !== null && c.version === tracker.version) return c.view;
    const view = ratesView(tracker.rates);
    cache.current = { version: tracker.version, view };
    return view;
  }, [tracker]);
  return useSyncExternalStore(subscribe, get, get);
}

/** The sentence under the table: the window, or why there is none. */
export function windowSentence(v: RatesView): string {
  const flight = v.inFlight === null ? '' : ` ${v.inFlight} ${v.inFlight === 1 ? 'frame' : 'frames'} in flight.`;
  if (v.measured && v.fromNs !== null && v.toNs !== null)
    return `Measured ${v.window}, from ${formatSimTime(v.fromNs)} to ${formatSimTime(v.toNs)}; offered is the configured load.${flight}`;
  return `Measured: – ${v.reason}; offered is the configured load.${flight}`;
}

/** The visually hidden "Rates" table. */
export function RatesTable({ tracker }: { tracker: RateTracker }) {
  const v = useRatesView(tracker);
  return (
    <div style={visuallyHidden}>
      <table
        data-testid="rates-table"
        data-measured={v.measured ? 'true' : 'false'}
        data-at-ns={v.atNs ?? undefined}
        data-window-from-ns={v.fromNs ?? undefined}
        data-window-to-ns={v.toNs ?? undefined}
      >
        <caption>Rates</caption>
        <thead>
          <tr>
            <th scope="col">figure</th>
            <th scope="col">frames per second</th>
            <th scope="col">kind</th>
          </tr>
        </thead>
        <tbody>
          {v.cells.map((c) => (
            <tr key={c.field} data-field={c.field}>
              <th scope="row">{c.label}</th>
              <td data-pps={c.pps ?? undefined}>{c.text}</td>
              <td>{RATE_KINDS[c.field]}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>{windowSentence(v)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
