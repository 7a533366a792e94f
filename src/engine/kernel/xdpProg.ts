/**
 * The XDP program attached to the NIC (xdp_redirect_cpu's xdp_prg_cpu_map_*): the cpumap it
 * redirects into and its own small maps, cpus_available (the keys it picks from) and the per-CPU
 * cpus_iterator of its round-robin policy. A program is loaded with its map, so a re-created map
 * comes with a new program whose maps start empty.
 *
 * The driver reads the program once per NAPI poll (READ_ONCE(rx_ring->xdp_prog)), so a poll that
 * started before a detach or a re-attach finishes with the program, and the map, it read.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/bpf_redirect_map
 */
import type { CpuMap } from './cpumap';

export class XdpProg {
  /** The cpumap its bpf_redirect_map() calls name. */
  readonly map: CpuMap;
  /** cpus_available: the keys the program redirects to, in the order the loader added them. */
  readonly targets: number[] = [];
  /** cpus_iterator: each RX CPU's round-robin position in `targets`. */
  readonly rrIterator: Int32Array;

  constructor(map: CpuMap, cpuCount: number) {
    this.map = map;
    this.rrIterator = new Int32Array(cpuCount);
  }
}
