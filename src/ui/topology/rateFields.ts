/**
 * The rates row's figures: which there are, in their order and groups (the configured load; frames
 * lost on the way; the verdicts), their labels on the canvas and their words in the accessible
 * table.
 */

/** The measured figures, grouped: frames lost on the way, then the fates chosen by a verdict. */
export const MEASURED_FIELDS = ['nicDropped', 'redirectErr', 'ringFull', 'xdpDropped', 'stackDropped', 'delivered', 'redirected'] as const;

/** One of {@link MEASURED_FIELDS}. */
export type MeasuredField = (typeof MEASURED_FIELDS)[number];

/** Every figure of the row, in its order: the configured load first. */
export type RateField = 'offered' | MeasuredField;
export const RATE_FIELDS: readonly RateField[] = ['offered', ...MEASURED_FIELDS];

/** The figures' labels, the same on the canvas and in the accessible table. */
export const RATE_LABELS: Record<RateField, string> = {
  offered: 'offered',
  nicDropped: 'NIC drop',
  redirectErr: 'redirect err',
  ringFull: 'ring full',
  xdpDropped: 'XDP_DROP',
  stackDropped: 'stack drop',
  delivered: 'delivered',
  redirected: 'kthread redirect',
};

/**
 * What a figure is: the configured load; frames lost (a full NIC ring, a redirect to an empty
 * slot, a full ptr_ring: nobody chose to drop them); or a verdict (the XDP program's XDP_DROP, the
 * stack's discard such as an iptables DROP, or the stack taking the frame).
 */
export type RateGroup = 'load' | 'lost' | 'verdict';

export const RATE_GROUP: Record<RateField, RateGroup> = {
  offered: 'load',
  nicDropped: 'lost',
  redirectErr: 'lost',
  ringFull: 'lost',
  xdpDropped: 'verdict',
  stackDropped: 'verdict',
  delivered: 'verdict',
  redirected: 'verdict',
};

/** Headings of the groups on the canvas, and the "kind" column of the table. */
export const GROUP_TITLES: Record<RateGroup, string> = {
  load: 'configured load',
  lost: 'lost',
  verdict: 'verdicts',
};

/** What each figure is, in words (the accessible table's "kind" column). */
export const RATE_KINDS: Record<RateField, string> = {
  offered: "configured load: the scenario's rate, or the latest rate op in effect",
  nicDropped: 'lost: arrived at a full NIC RX ring',
  redirectErr: 'lost: the redirect failed (an empty cpumap slot; with generic XDP also a full ring, or any cpumap before 5.15)',
  ringFull: "lost: refused by the remote CPU's full ptr_ring",
  xdpDropped: "verdict: the XDP program's XDP_DROP",
  stackDropped: "verdict: the stack's own discard (such as an iptables DROP), not a loss",
  delivered: 'verdict: taken by the stack',
  redirected: "verdict: the entry's program on the remote CPU returned XDP_REDIRECT (5.9+); where the frame goes on to is not modelled",
};

/**
 * The figures a run's kernel can produce: a frame can end redirected by an entry's program only
 * from 5.9 on, so before that its figure is left out rather than shown as a column of zeros.
 */
export function fieldsFor(entryProgs: boolean): readonly MeasuredField[] {
  return entryProgs ? MEASURED_FIELDS : MEASURED_FIELDS.filter((f) => f !== 'redirected');
}
