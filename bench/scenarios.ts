/** The scenarios the bench measures, as scenario queries (the same strings the CLI takes). */

/** 10G line rate: 4 RX queues on CPUs 0-3, flow hash to 4 entries on CPUs 4-7, qsize 2048. */
export const LINE_RATE =
  'kernel=5.2&cpus=8&rx=0,1,2,3&entries=4:2048,5:2048,6:2048,7:2048&rate=14.88M&size=64&flows=1024&prog=hash&stack=iptables-drop&arrival=constant';

/** FACTS.md's calibration setup: one RX queue on CPU 3, everything to CPU 4, qsize 128. */
export const CALIBRATION = 'rx=3&entries=4:128&rate=14.7M&prog=rr&arrival=constant';

/** The cover letter's steps, with the published kthread pps (iptables-raw; UdpNoPorts baseline). */
export const COVER_LETTER_STEPS = [
  { label: 'v5.0 baseline', opt: 'none', iptables: 6_193_534, udp: 3_180_074 },
  { label: '+ consume-batched', opt: 'consume-batched', iptables: 6_321_540, udp: null },
  { label: '+ build-skb-around', opt: 'consume-batched,build-skb-around', iptables: 6_320_066, udp: null },
  { label: '+ alloc-bulk', opt: 'consume-batched,build-skb-around,alloc-bulk', iptables: 6_650_112, udp: null },
  { label: '+ prefetchw (v5.2)', opt: 'all', iptables: 7_649_604, udp: null },
] as const;
