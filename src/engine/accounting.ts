/**
 * Where every offered frame ended up. A frame is in exactly one terminal bucket, or still in
 * flight (NIC ring, a bulk queue or a ptr_ring); the engine checks the sum.
 */
export class FrameAccounts {
  offered = 0;
  /** Arrived at a full NIC descriptor ring. */
  nicDropped = 0;
  /** XDP_DROP by the program. */
  xdpDropped = 0;
  /** XDP_REDIRECT to an empty cpumap slot (or with no map): xdp_do_redirect failed. */
  redirectErr = 0;
  /** Refused by __ptr_ring_produce in bq_flush_to_queue. */
  ringFull = 0;
  /**
   * The stack freed the SKB as the scenario's verdict (an iptables DROP): the frame reached its
   * destination, so this is not a loss; the kthread's `drops` count only NET_RX_DROP.
   */
  stackDropped = 0;
  /** The stack took the SKB (UdpNoPorts answers it, or a socket queues it). */
  delivered = 0;
  /** Returned by __cpu_map_ring_cleanup at entry free (a kernel WARN: should never happen). */
  ringCleanup = 0;
  /** 5.9+: XDP_DROP by an entry's program in the kthread. */
  entryProgDropped = 0;
  /** 5.9+: XDP_REDIRECT by an entry's program in the kthread: the frame left the cpumap's path. */
  entryProgRedirected = 0;

  terminal(): number {
    return (
      this.nicDropped +
      this.xdpDropped +
      this.redirectErr +
      this.ringFull +
      this.stackDropped +
      this.delivered +
      this.ringCleanup +
      this.entryProgDropped +
      this.entryProgRedirected
    );
  }

  clone(): FrameAccounts {
    return Object.assign(new FrameAccounts(), this);
  }
}
