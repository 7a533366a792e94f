/**
 * The page's snapshot names each entry's XDP program (5.9+), for the topology's label and the
 * entry's description. Added here, after takeSnapshot, so the snapshot the golden corpus records
 * keeps its exact form.
 */
import type { Engine } from '../engine/engine';
import type { EngineSnapshot } from '../engine/snapshot';
import { progLabel } from '../scenario/entryProg';

/** `snapshot` with `prog` set on the entries that have a program. */
export function withEntryProgs(engine: Engine, snapshot: EngineSnapshot): EngineSnapshot {
  for (const s of snapshot.entries) {
    const prog = engine.entries.find((e) => e.uid === s.uid)?.prog ?? null;
    if (prog !== null) s.prog = progLabel(prog);
  }
  return snapshot;
}
