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
import { hash32 } from '../sim/rng';

export class XdpProg {
  /** The cpumap its bpf_redirect_map() calls name. */
  readonly map: CpuMap;
  /** cpus_available: the keys the program redirects to, in the order the loader added them. */
  readonly targets: number[] = [];
  /** cpus_iterator: each RX CPU's round-robin position in `targets`. */
  readonly rrIterator: Int32Array;

  /** The hash policy's key for each flow, valid while `targets` has `hashKeysFor` keys. */
  private hashKeys: Int32Array;
  private hashKeysFor = -1;

  constructor(map: CpuMap, cpuCount: number, flows: number) {
    this.map = map;
    this.rrIterator = new Int32Array(cpuCount);
    this.hashKeys = new Int32Array(flows);
  }

  /**
   * The hash policy's choice for every flow: targets[hash(flow) % targets], a pure function of
   * the flow while `targets` stays the same (it only grows), so it is worked out once per flow.
   */
  hashKeyByFlow(): Int32Array {
    const targets = this.targets;
    const n = targets.length;
    if (this.hashKeysFor !== n) {
      const keys = this.hashKeys;
      for (let flow = 0; flow < keys.length; flow++) keys[flow] = n === 0 ? -1 : targets[(hash32(flow) & 0x7fffffff) % n];
      this.hashKeysFor = n;
    }
    return this.hashKeys;
  }
}
