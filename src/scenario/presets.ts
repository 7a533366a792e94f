/**
 * Ready-made scenarios: each is one query string and one sentence on why it matters.
 */
export interface Preset {
  id: string;
  title: string;
  why: string;
  query: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'line-rate-4',
    title: '10G line rate over 4 CPUs',
    why: "Four RX queues hash 14.88 Mpps over four remote CPUs: each kthread has headroom and nothing is lost; the stack's iptables DROP is the scenario's verdict, not a loss.",
    query: 'rx=0,1,2,3&entries=4:2048,5:2048,6:2048,7:2048&rate=14.88M&flows=1024&prog=hash&stack=iptables-drop',
  },
  {
    id: 'line-rate-2',
    title: '10G line rate over 2 CPUs',
    why: 'Two remote CPUs share 14.88 Mpps right at what a v5.2 kthread can do (7.65 Mpps), but a hash is never exactly even: the busier kthread runs flat out with its ring full and drops a little, the other keeps up.',
    query: 'rx=0,1&entries=4:2048,5:2048&rate=14.88M&flows=1024&prog=hash&stack=iptables-drop',
  },
  {
    id: 'overload',
    title: 'One remote CPU overloaded',
    why: 'The 2019 UdpNoPorts run on its 40G NIC: 14.7 Mpps into one kthread that manages 3.2 Mpps; the full ring refuses the rest. The kthread holds its frames so long that i40e cannot recycle their pages, which fills the RX CPU: its polls are full, and so is every bulk.',
    query: 'kernel=5.0&rx=3&entries=4:128&rate=14.7M&link=40&prog=rr&arrival=constant&stack=udp-noport',
  },
  {
    id: 'trickle',
    title: 'A trickle of traffic',
    why: 'At 10 kpps each poll carries one frame: one frame per bulk, and the kthread sleeps and is woken for every frame.',
    query: 'rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant',
  },
  {
    id: 'qsize-change',
    title: 'qsize changed under load',
    why: 'Updating an entry replaces it: a new ring and kthread take over while the old entry drains after a grace period.',
    query: 'rx=3&entries=4:2048&rate=10M&prog=rr&stack=iptables-drop&ops=20ms:update:4:64',
  },
  {
    id: 'delete-under-load',
    title: 'An entry deleted under load',
    why: 'The slot empties at once and frames redirected to it from then on are redirect errors, dropped by the driver; after the grace period the bulk queues are flushed and the kthread drains its ring, so nothing already on its way is lost.',
    query: 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=20ms:delete:4',
  },
  {
    id: 'free-under-load',
    title: 'The map freed under load',
    why: 'Detaching the program and freeing the map tears every entry down in the kernel order; the stack takes over on the RX CPUs.',
    query: 'rx=0,1&entries=4:256,5:256&rate=2M&prog=hash&ops=20ms:free',
  },
  {
    id: 'empty-slot',
    title: 'Redirect to an empty slot',
    why: 'The program redirects to CPU 6, which has no entry: every frame is a redirect error, dropped by the driver.',
    query: 'rx=0&entries=4:192&rate=1M&prog=cpu:6',
  },
  {
    id: 'v50-overload',
    title: 'v5.0 at overload',
    why: "The 2019 iptables-raw run on the v5.0 code: 19.4 Mpps into one kthread on a 40G NIC. Compare its kthread rate with v5.2's to see what the 2019 series bought; the stack's DROP is the scenario's verdict, so the kthread's drop-pps stays 0.",
    query: 'kernel=5.0&rx=3&entries=4:128&rate=19.4M&link=40&prog=rr&arrival=constant&stack=iptables-drop',
  },
  {
    id: 'v52-overload',
    title: 'v5.2 at overload',
    why: 'The same run on the v5.2 code: the batched consume, bulk allocation and prefetchw lift the kthread by a quarter.',
    query: 'kernel=5.2&rx=3&entries=4:128&rate=19.4M&link=40&prog=rr&arrival=constant&stack=iptables-drop',
  },
  {
    id: 'v54-free-after-delete',
    title: 'v5.4: the map freed after a mid-poll delete',
    why: 'Key 4 is deleted in the middle of a poll, then the map is freed. On v5.4 that poll still flushed its bulk queue for the old entry through the flush list, so no flush is left pending and cpu_map_free tears both entries down; on v5.2 the same run leaves a flush_needed bit set and the free waits for ever.',
    query: 'kernel=5.4&rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=20003us:delete:4,25ms:free',
  },
  {
    id: 'v510-remote-drop',
    title: 'v5.10: drop on the remote CPU',
    why: "CPU 4's entry carries an XDP program that drops every frame in the kthread, before any SKB is built: the kthread keeps up with all 14.7 Mpps that CPU 3 redirects, and xdp_stats counts the drops.",
    query: 'kernel=5.10&rx=3&entries=4:128:prog=drop&rate=14.7M&link=40&prog=rr&arrival=constant&stack=udp-noport',
  },
  {
    id: 'v510-remote-pass',
    title: 'v5.10: a pass-all program on the remote CPU',
    why: 'The same overload with an entry program that passes every frame: the kthread runs it before building each SKB, so it hands the stack a little less than without a program, and xdp_stats counts every frame as pass.',
    query: 'kernel=5.10&rx=3&entries=4:128:prog=pass&rate=14.7M&link=40&prog=rr&arrival=constant&stack=udp-noport',
  },
  {
    id: 'v515-generic-xdp',
    title: 'Generic XDP into a cpumap on 5.15',
    why: 'The program runs in SKB mode (xdp-bench -m skb): the RX CPU builds an SKB for every frame, and cpu_map_generic_redirect puts each SKB straight into the ring, with no bulk queue, a wake-up and an enqueue tracepoint per SKB (bulk-avg 1.00). The RX CPU tops out near 5.3 Mpps and its NIC ring drops the rest, while the kthread keeps up and sleeps often; before 5.15 every such redirect fails with -EBADRQC.',
    query: 'kernel=5.15&rx=3&entries=4:2048&rate=10M&prog=rr&arrival=constant&mode=skb&stack=iptables-drop',
  },
  {
    id: 'v61-stop-before-run',
    title: 'v6.1: update then delete before the kthread runs',
    why: "An RT task holds CPU 3 from 2 ms to 7 ms; the entry for CPU 3, added at 2.1 ms, is deleted at 2.3 ms. Its kthread has not run, so the stop work's kthread_stop at 4 ms ends it before its function starts: the entry leaks with refcnt 1, and the 146 frames in its ring are never freed.",
    query: 'kernel=6.1&cpus=4&rx=0&entries=1:256,2:256&rate=2M&ops=2ms:rt:3:5ms,2.1ms:update:3:256,2.3ms:delete:3',
  },
  {
    id: 'v66-update-waits',
    title: 'v6.6: the update waits until its kthread runs',
    why: 'The same operations on v6.6: the update returns only at 7 ms, when the RT task lets the new kthread run; the delete follows it, and the entry is freed by queue_rcu_work with nothing left in its ring.',
    query: 'kernel=6.6&cpus=4&rx=0&entries=1:256,2:256&rate=2M&ops=2ms:rt:3:5ms,2.1ms:update:3:256,2.3ms:delete:3',
  },
  {
    id: 'v66-delete-under-load',
    title: 'v6.6: a delete under load, without a refcount',
    why: 'Key 4 is deleted at 20 ms under 4 Mpps. No refcount: after the grace period a kworker runs __cpu_map_entry_free, whose kthread_stop waits until the kthread has drained its ring, then frees the entry.',
    query: 'kernel=6.6&rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=20ms:delete:4',
  },
  {
    id: 'v618-gro-tcp',
    title: 'GRO in the kthread: TCP-like flows on 6.18',
    why: "10 Mpps of TCP-like segments (runs of 16 per flow) into one kthread whose stack delivers to a socket. On 6.18 GRO merges each flow's segments before the stack, which then runs once per merged SKB: the kthread handles about 5.8 Mpps, where 6.12 handles 3.4 Mpps of the same traffic and 6.18 about 3.0 Mpps of UDP, which nothing merges.",
    query: 'kernel=6.18&traffic=tcp&rx=3&entries=4:2048&rate=10M&link=40&prog=rr&arrival=constant&stack=deliver',
  },
  {
    id: 'shared-cpu',
    title: 'An RX CPU that is also a target',
    why: 'CPU 4 runs NAPI and a cpumap kthread: softirq and the kthread share one CPU, and ksoftirqd ends up taking turns with it.',
    query: 'rx=4&entries=4:256,5:256&rate=17M&link=40&prog=hash&stack=iptables-drop',
  },
  {
    id: 'small-ring',
    title: "A small ring and ptr_ring's batched NULLing",
    why: 'With qsize 32 the consumer NULLs slots 16 at a time, so producers are refused while up to 15 slots are already consumed.',
    query: 'rx=3&entries=4:32&rate=9M&prog=rr&arrival=constant&stack=iptables-drop',
  },
  {
    id: 'unprivileged',
    title: 'Unprivileged map create',
    why: 'Without CAP_SYS_ADMIN, BPF_MAP_CREATE for a cpumap fails with -EPERM: no map, no program, the stack runs on the RX CPUs.',
    query: 'cap=0&rx=0&rate=100k',
  },
];
