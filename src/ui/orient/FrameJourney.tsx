/**
 * A followed frame's journey in the Inspector: each place the topology drew it at, with the
 * simulated time it got there (NIC arrival, XDP, bulk queue, ptr_ring, kthread, the stack's
 * verdict), from the page's move records. Only what has happened by the displayed time is listed.
 */
import {
  PLACE_BQ,
  PLACE_DELIVERED,
  PLACE_REDIRECTED,
  PLACE_NIC,
  PLACE_REDIRECT_ERR,
  PLACE_RING,
  PLACE_RING_FULL,
  PLACE_SKB,
  PLACE_STACK_DROP,
  PLACE_XDP,
  PLACE_XDP_DROP,
  placeKind,
  placeValue,
} from '../../engine/moves';
import { frameBus } from '../frameBus';
import { useOrient } from './orientStore';
import { formatSimTime } from '../format';
import { useThrottledVersion } from '../panels/stats/throttle';

/** The target CPU of entry `uid`, as the latest snapshot knows it. */
function entryCpu(uid: number): string {
  const e = frameBus.snapshot?.entries.find((x) => x.uid === uid);
  return e === undefined ? `entry #${uid}` : `CPU ${e.cpu}`;
}

/** One place of a journey, in kernel terms. */
export function describePlace(code: number): string {
  const v = placeValue(code);
  switch (placeKind(code)) {
    case PLACE_NIC:
      return `NIC: arrived in RX queue ${v}`;
    case PLACE_XDP:
      return `XDP: the program ran on CPU ${v}`;
    case PLACE_BQ:
      return `Bulk queue: CPU ${v % 256}'s bulk queue for ${entryCpu(Math.floor(v / 256))}`;
    case PLACE_RING:
      return `ptr_ring: flushed into ${entryCpu(v)}'s ring`;
    case PLACE_SKB:
      return `kthread: the cpumap kthread on CPU ${v} built its SKB`;
    case PLACE_DELIVERED:
      return `Stack: delivered on CPU ${v}`;
    case PLACE_REDIRECTED:
      return `XDP_REDIRECT by the entry's program on CPU ${v}: sent on (where to is not modelled)`;
    case PLACE_STACK_DROP:
      return `Stack: the verdict discarded it on CPU ${v}`;
    case PLACE_XDP_DROP:
      return `XDP_DROP on CPU ${v}`;
    case PLACE_REDIRECT_ERR:
      return `Redirect error on CPU ${v}: dropped`;
    case PLACE_RING_FULL:
      return `Refused by ${entryCpu(v)}'s full ptr_ring: dropped`;
    default:
      return 'unknown place';
  }
}

/** The journey of frame `frame` that arrived at `bornAt` (the one recorded under its id, if no time is given). */
export function FrameJourney({ frame, bornAt }: { frame: number; bornAt?: number }) {
  const version = useThrottledVersion(frameBus);
  // A frame id is reused once the frame ends: the journey taken when it was followed stays its own.
  const followed = useOrient((s) => s.followed);
  const current = frameBus.journeys.get(frame);
  const journey =
    followed !== null && followed.frame === frame && (bornAt === undefined || followed.journey.at[0] === bornAt)
      ? followed.journey
      : current !== undefined && (bornAt === undefined || current.at[0] === bornAt)
        ? current
        : null;
  const now = frameBus.simNs;
  const steps: { at: number; what: string }[] = [];
  if (journey !== null)
    for (let i = 0; i < journey.places.length && journey.at[i] <= now; i++)
      steps.push({ at: journey.at[i], what: describePlace(journey.places[i]) });
  return (
    <div className="frame-journey" data-version={version}>
      <h3 style={{ fontSize: '0.95rem', margin: '0 0 0.25rem' }}>Journey</h3>
      {steps.length === 0 ? (
        <p style={{ margin: '0 0 0.75rem' }}>
          No journey recorded for this frame (journeys are recorded at speeds where frames can be seen moving).
        </p>
      ) : (
        <ol aria-label="Journey" style={{ margin: '0 0 0.75rem', paddingLeft: '1.25rem' }}>
          {steps.map((s, i) => (
            <li key={i}>
              <span style={{ fontFamily: 'var(--mono, monospace)' }}>{formatSimTime(s.at)}</span> {s.what}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
