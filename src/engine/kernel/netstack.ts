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
 * Whether netif_receive_skb_core returns NET_RX_DROP: iptables' DROP does; UDP without a
 * listener consumes the SKB (UdpNoPorts, an ICMP unreachable) and returns NET_RX_SUCCESS.
 */
export function stackDrops(stack: StackVerdict): boolean {
  return stack === 'iptables-drop';
}

/** Books `n` SKBs with the verdict's outcome (`drops`: see stackDrops); returns the NET_RX_DROP count. */
export function bookStackVerdicts(acct: FrameAccounts, drops: boolean, n: number): number {
  if (drops) {
    acct.stackDropped += n;
    return n;
  }
  acct.delivered += n;
  return 0;
}
