/**
 * netif_receive_skb_core() as a verdict and a cost: what the network stack does with each SKB.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/netif_receive_skb_core
 */
import type { StackVerdict } from '../../scenario/types';
import type { FrameAccounts } from '../accounting';
import { COST } from '../sim/costModel';

/** Stack cost per SKB for a verdict. */
export function stackCost(stack: StackVerdict): number {
  switch (stack) {
    case 'iptables-drop':
      return COST.stackIptablesDrop;
    case 'udp-noport':
      return COST.stackUdpNoPort;
    case 'deliver':
      return COST.stackDeliver;
  }
}

/**
 * Whether the stack frees the SKB as the scenario's verdict (an iptables DROP in raw PREROUTING):
 * the frame ends in the stack on purpose; it is not a lost frame.
 */
export function stackDiscards(stack: StackVerdict): boolean {
  return stack === 'iptables-drop';
}

/**
 * Whether netif_receive_skb_core returns NET_RX_DROP, the only value the kthread counts as a drop
 * (https://elixir.bootlin.com/linux/v5.2/source/kernel/bpf/cpumap.c#L245). None of the modelled
 * verdicts does: an iptables DROP frees the SKB inside nf_hook_slow, which returns -EPERM
 * (NF_DROP_GETERR), and ip_rcv passes that up, so netif_receive_skb_core returns -1, not
 * NET_RX_DROP (1); UDP to a port without a listener, or to one with a socket, returns
 * NET_RX_SUCCESS.
 * https://elixir.bootlin.com/linux/v5.2/C/ident/nf_hook_slow
 */
export function returnsNetRxDrop(stack: StackVerdict): boolean {
  void stack;
  return false;
}

/**
 * Books `n` SKBs with the verdict's outcome (`discards`: see stackDiscards) and returns how many of
 * them netif_receive_skb_core answered with NET_RX_DROP (`netRxDrop`: see returnsNetRxDrop).
 */
export function bookStackVerdicts(acct: FrameAccounts, discards: boolean, netRxDrop: boolean, n: number): number {
  if (discards) acct.stackDropped += n;
  else acct.delivered += n;
  return netRxDrop ? n : 0;
}
