/**
 * i40e's RX page recycling: each RX descriptor owns a page split in two halves and hands them out
 * in turn. After a frame leaves the driver, i40e_put_rx_buffer asks i40e_can_reuse_rx_page whether
 * the other half has come back (the page's count minus the driver's bias); if the frame that took
 * that half one lap of the ring ago still holds it, the driver gives up the page and
 * i40e_alloc_rx_buffers maps a fresh one (i40e_alloc_mapped_page).
 * https://elixir.bootlin.com/linux/v5.2/source/drivers/net/ethernet/intel/i40e/i40e_txrx.c#L1857
 *
 * With cpumap this is where the remote CPU reaches back into the RX CPU's costs: a frame the
 * kthread turns into an SKB is freed on the remote CPU, so it holds its half for as long as it
 * waits in the ptr_ring and the stack. When that is longer than one lap of the RX ring (512
 * descriptors: 35 us at 14.7 Mpps), every such frame costs the RX CPU a page allocation. Frames
 * dropped at the ring, by XDP_DROP or by a redirect error come back at once.
 *
 * Simplified: the page is 4 KiB with two 2 KiB halves (i40e's default on x86-64); the check sees
 * frees up to the RX CPU's current time, and a poll runs ahead of other CPUs by at most one bulk.
 */
/**
 * i40e_can_reuse_rx_page for the frame `f` just taken from descriptor `desc` (an index among all
 * queues' descriptors), over the frame pool's `halfHolder` and `heldHalf` (see FramePool).
 * Returns true when the page cannot be reused and a new one is needed.
 */
export function i40eRxPageNeedsAlloc(halfHolder: Int32Array, heldHalf: Int32Array, desc: number, f: number): boolean {
  const holder = halfHolder[desc];
  if (holder >= 0) {
    // The other half is still out: the descriptor gets a fresh page; the old one now belongs to
    // its two frames alone, so neither is tracked here any more.
    heldHalf[holder] = -1;
    halfHolder[desc] = -1;
    return true;
  }
  // Reused: the descriptor flips to the other half; `f` holds this one until it is freed.
  halfHolder[desc] = f;
  heldHalf[f] = desc;
  return false;
}
