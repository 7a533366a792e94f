/**
 * The clickable parts of the Topology canvas, with their accessible names and what they inspect:
 * each CPU ("CPU 4", its card's header), each NIC RX queue ("RX queue 0 on CPU 3"), each bulk
 * queue ("Bulk queue CPU 3 to CPU 4") and each entry ("Entry for CPU 4": its ring and kthread).
 * When an update leaves an old entry draining beside the new one, the old one's names end in
 * "(old, uid N)" so that every name stays unique.
 */
import type { InspectTarget } from '../../worker/protocol';
import type { Rect } from './geometry';
import type { TopologyLayout } from './layout';

/** One transparent button over the canvas. */
export interface Hotspot {
  /** Stable React key. */
  key: string;
  name: string;
  /** More than the name says, as the button's description (an entry's program). */
  description?: string;
  rect: Rect;
  target: InspectTarget;
}

/** What naming needs to know of an entry. */
export interface EntryNaming {
  uid: number;
  cpu: number;
  inSlot: boolean;
  /** 5.9+: the entry's XDP program in a few words ("drop 25%"). */
  prog?: string;
}

/** The suffix that tells an old entry from the current one for its CPU ('' for the current one). */
export function entrySuffix(uid: number, entries: readonly EntryNaming[]): string {
  const me = entries.find((e) => e.uid === uid);
  if (me === undefined) return '';
  const same = entries.filter((e) => e.cpu === me.cpu);
  if (same.length < 2) return '';
  const current = same.find((e) => e.inSlot) ?? same.reduce((a, b) => (b.uid > a.uid ? b : a));
  return current.uid === uid ? '' : ` (old, uid ${uid})`;
}

/** Every hotspot, card by card (CPU, NIC queues, bulk queues, entries), in reading order. */
export function hotspots(layout: TopologyLayout, entries: readonly EntryNaming[]): Hotspot[] {
  const out: Hotspot[] = [];
  const usable = (r: Rect) => r.w >= 1 && r.h >= 1;
  for (const c of layout.cpus) {
    if (usable(c.header)) out.push({ key: `cpu${c.cpu}`, name: `CPU ${c.cpu}`, rect: c.header, target: { kind: 'cpu', cpu: c.cpu } });
    for (const n of c.nics) {
      if (usable(n.box))
        out.push({
          key: `nic${n.queue}`,
          name: `RX queue ${n.queue} on CPU ${n.cpu}`,
          rect: n.box,
          target: { kind: 'nic', queue: n.queue },
        });
    }
    for (const b of c.bulkqs) {
      if (!usable(b.row)) continue;
      const name = `Bulk queue CPU ${b.from} to CPU ${b.to}${entrySuffix(b.uid, entries)}`;
      out.push({ key: `bq${b.uid}:${b.from}`, name, rect: b.row, target: { kind: 'bulkq', uid: b.uid, cpu: b.from } });
    }
    for (const e of c.entries) {
      if (!usable(e.box)) continue;
      const spot: Hotspot = {
        key: `entry${e.uid}`,
        name: `Entry for CPU ${e.cpu}${entrySuffix(e.uid, entries)}`,
        rect: e.box,
        target: { kind: 'entry', uid: e.uid },
      };
      const prog = entries.find((n) => n.uid === e.uid)?.prog;
      if (prog !== undefined) spot.description = `XDP program in the kthread: ${prog}`;
      out.push(spot);
    }
  }
  return out;
}
