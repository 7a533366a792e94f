/**
 * One item of the `ops` timeline applied to the machine now: map operations on the loader's map,
 * a re-created map, failslab, a change of the offered load, or an RX interrupt moved.
 */
import type { MapOpSpec } from '../scenario/types';
import type { World } from './world';
import { cpuMapDeleteElem, cpuMapGetNextKey, cpuMapLookupElem, cpuMapRelease, cpuMapUpdateElem, type OpOutcome } from './kernel/cpumap';
import { errno } from './kernel/errno';
import { loadCpumapProgram } from './kernel/loader';
import { writeIrqAffinity } from './kernel/irqAffinity';
import { setOfferedRate } from './sim/rateChange';
import { runRtTask } from './kernel/rtTask';

/** The outcome of `op`, applied now. */
export function applyOp(w: World, op: MapOpSpec): OpOutcome {
  switch (op.op) {
    case 'failslab':
      w.failslab += op.count;
      return { result: '0', reason: `next ${op.count} allocation(s) of the loader fail` };
    case 'create':
      return loadCpumapProgram(w, op.max ?? w.scenario.max);
    case 'rate':
      return setOfferedRate(w, op.rate);
    case 'irq':
      return writeIrqAffinity(w, op.queue, op.cpu);
    case 'rt':
      return runRtTask(w, op.cpu, op.ns);
  }
  const map = w.map !== null && !w.map.fdClosed ? w.map : null;
  if (map === null) return { result: errno('EBADF'), reason: 'no map: create failed or the map was freed' };
  switch (op.op) {
    case 'update':
      return cpuMapUpdateElem(w, map, op.key, op.qsize, op.flags, op.prog);
    case 'delete':
      return cpuMapDeleteElem(w, map, op.key);
    case 'lookup':
      return cpuMapLookupElem(map, op.key);
    case 'next':
      return cpuMapGetNextKey(map, op.key);
    case 'free':
      return cpuMapRelease(w, map);
  }
}
