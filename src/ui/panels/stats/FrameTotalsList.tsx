/**
 * The whole run's frame totals so far (the engine's frameTotals, from the latest snapshot): what
 * was offered, where each frame ended (lost or a verdict, as the Rates row groups them) and how
 * many are still in flight. Shown at every speed, before any statistics interval completes.
 */
import { usePointed } from '../../lessons/pointer';
import { accountedFor, TOTAL_LABELS, totalGroups, type TotalField } from './totals';
import { useThrottledVersion } from './throttle';
import { useStatsSource } from './statsSource';

const count = (n: number): string => n.toLocaleString('en-US');

function Total({ field, value }: { field: TotalField; value: number }) {
  const key = `totals:${field}`;
  const pointed = usePointed(key);
  return (
    <div className="stats-total" data-place={key} data-pointed={pointed ? '' : undefined}>
      <dt>{TOTAL_LABELS[field]}</dt>
      <dd data-count={value}>{count(value)}</dd>
    </div>
  );
}

export function FrameTotalsList({ active }: { active: boolean }) {
  const { bus } = useStatsSource();
  useThrottledVersion(bus, undefined, active);
  const t = bus.snapshot?.frames;
  if (t === undefined) return null;
  const entryProgs = bus.snapshot?.entryProgs === true;
  return (
    <div role="group" aria-label="Frames of the run so far" className="stats-totals">
      <h3>Frames of the run so far</h3>
      <div className="stats-total-groups">
        <dl className="stats-total-group">
          <Total field="offered" value={t.offered} />
        </dl>
        {totalGroups(entryProgs).map((g) => (
          <div key={g.title} className="stats-total-group" role="group" aria-label={g.title}>
            <span className="stats-total-title" aria-hidden="true">
              {g.title}
            </span>
            <dl>
              {g.fields.map((f) => (
                <Total key={f} field={f} value={t[f]} />
              ))}
            </dl>
          </div>
        ))}
      </div>
      <p className="stats-note">
        Offered {count(t.offered)} = lost, verdicts and in flight {count(accountedFor(t))}. Offered counts the frames that reached the NIC
        by now.
      </p>
    </div>
  );
}
