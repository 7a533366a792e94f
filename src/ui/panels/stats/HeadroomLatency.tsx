/**
 * An interval's "CPU headroom" and "Latency" tables side by side, with what latency measures.
 * `when` ends each caption ("interval ending at 5.000000 ms"); `rxCpus` always get a headroom row.
 */
import type { CpuHeadroom } from '../../../engine/stats/headroom';
import type { CpuLatency } from '../../../engine/stats/latency';
import { HEADROOM_HEADER, headroomRows } from './headroomRows';
import { LATENCY_HEADER, latencyRows } from './latencyRows';
import { NumberTable } from './NumberTable';

export interface HeadroomLatencyProps {
  headroom: readonly CpuHeadroom[];
  latency: readonly CpuLatency[];
  rxCpus: readonly number[];
  when: string;
}

export function HeadroomLatency({ headroom, latency, rxCpus, when }: HeadroomLatencyProps) {
  const keep = new Set([...rxCpus, ...latency.map((l) => l.cpu)]);
  return (
    <div className="stats-headroom-latency">
      <NumberTable caption={`CPU headroom, ${when}`} header={HEADROOM_HEADER} rows={headroomRows(headroom, keep)} />
      <div>
        <NumberTable caption={`Latency (µs), ${when}`} header={LATENCY_HEADER} rows={latencyRows(latency)} />
        <p className="stats-note">
          Per target CPU: from the frame&apos;s arrival at the NIC to its SKB going to the stack, and from the bulk flush into the ptr_ring
          to the kthread&apos;s dequeue. Frames lost or dropped before the stack are not in it; – means no frame reached that kthread in the
          interval. Percentiles are within 1.6 %; max is exact.
        </p>
      </div>
    </div>
  );
}
