/**
 * What the loader (samples/bpf/xdp_redirect_cpu_user.c) does to start redirecting: BPF_MAP_CREATE
 * of the cpumap, then the XDP program that names it attached to the NIC. It runs once when the
 * scenario starts, and again for each `create` of the `ops` timeline (a map re-created after a
 * free). Entries are added afterwards, with map updates.
 */
import type { World } from '../world';
import { cpuMapAlloc, type CpuMap, type OpOutcome } from './cpumap';
import { errno } from './errno';
import { XdpProg } from './xdpProg';

/**
 * cpu_map_alloc() for a map of `maxEntries`, then the attach. Returns the create's outcome when it
 * fails, the attach's when that fails, and 0 when the new map is the loader's and its program runs.
 */
export function loadCpumapProgram(w: World, maxEntries: number): OpOutcome {
  const { map, outcome } = cpuMapAlloc(w, { maxEntries, keySize: 4, valueSize: 4, mapFlags: 0, capable: w.scenario.cap });
  if (map === null) return outcome;
  const attach = devChangeXdpFd(w, map);
  if (attach !== null) return attach;
  w.map = map;
  return { result: '0', reason: `${outcome.reason}; XDP program attached` };
}

/**
 * dev_change_xdp_fd() with the loader's XDP_FLAGS_UPDATE_IF_NOEXIST: while a program is attached,
 * the attach fails with -EBUSY ("XDP program already attached"). The loader then exits, and closing
 * its descriptors frees the new, still empty map; the attached program and its map are untouched.
 * Returns null when the program is attached.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/dev_change_xdp_fd
 */
function devChangeXdpFd(w: World, map: CpuMap): OpOutcome | null {
  const attached = w.prog;
  if (attached !== null) {
    return {
      result: errno('EBUSY'),
      reason: `map_id ${map.id} created, but the XDP program of map ${attached.map.id} is still attached (XDP_FLAGS_UPDATE_IF_NOEXIST); the new map is closed`,
    };
  }
  w.prog = new XdpProg(map, w.scenario.cpus, w.scenario.flows);
  return null;
}
