/**
 * Reading a lesson claim's measure from a step's page run (pageRun.ts), and judging the claim.
 * Not a test file itself.
 */
import { COST, KERNEL } from '../../src/engine/sim/costModel';
import {
  PLACE_BQ,
  PLACE_DELIVERED,
  PLACE_NIC,
  PLACE_RING,
  PLACE_SKB,
  PLACE_STACK_DROP,
  PLACE_XDP,
  placeKind,
} from '../../src/engine/moves';
import type { EngineSnapshot, EntrySnapshot } from '../../src/engine/snapshot';
import { answerAt } from '../../src/lessons/answer';
import type { Claim, JourneyPlace, LessonStep, Measure } from '../../src/lessons/types';
import { parseScenario } from '../../src/scenario/parse';
import { entrySuffix } from '../../src/ui/topology/hotspots';
import { kthreadLook } from '../../src/ui/topology/drawEntry';
import type { PageRun } from './pageRun';

export type Value = number | string | boolean;

/** Where a measure is read: the page run, which of its two views, and the step (for its scenario and inspected element). */
export interface Reading {
  run: PageRun;
  /** 'start': what the page shows before playing; 'checkpoint': at the checkpoint. */
  view: 'start' | 'checkpoint';
  step: Pick<LessonStep, 'query' | 'inspect'>;
}

/** Measures that read the machine's state at one instant (the rest are rates, logs, journeys or the model). */
export function isState(m: Measure): boolean {
  switch (m.of) {
    case 'ring':
    case 'kthread':
    case 'entry':
    case 'bulkq':
    case 'flushNeeded':
    case 'cpu':
    case 'nic':
    case 'violations':
    case 'event':
    case 'inspector':
      return true;
    case 'frames':
      return m.since === undefined;
    case 'ratio':
      return isState(m.num) || isState(m.den);
    case 'difference':
      return isState(m.a) || isState(m.b);
    case 'sum':
    case 'product':
      return m.terms.some(isState);
    default:
      return false;
  }
}

/** The entry the topology names `name` ("Entry for CPU 4", "Entry for CPU 4 (old, uid 1)"). */
function entryNamed(s: EngineSnapshot, name: string): EntrySnapshot {
  const e = s.entries.find((x) => `Entry for CPU ${x.cpu}${entrySuffix(x.uid, s.entries)}` === name);
  if (e === undefined) throw new Error(`the topology shows no ${name} at ${s.simNs} ns`);
  return e;
}

const JOURNEY_KINDS: Record<JourneyPlace, readonly number[]> = {
  nic: [PLACE_NIC],
  xdp: [PLACE_XDP],
  bulkq: [PLACE_BQ],
  ring: [PLACE_RING],
  skb: [PLACE_SKB],
  done: [PLACE_DELIVERED, PLACE_STACK_DROP],
};

/** The span from `from` to `to` of the last frame to reach `to` (frame ids are reused: only its latest journey counts). */
function journey(r: PageRun, from: JourneyPlace, to: JourneyPlace): number {
  const moves = r.moves;
  for (let i = moves.length - 1; i >= 0; i--) {
    if (!JOURNEY_KINDS[to].includes(placeKind(moves[i].place))) continue;
    const f = moves[i].frame;
    for (let j = i - 1; j >= 0; j--) {
      if (moves[j].frame !== f) continue;
      const kind = placeKind(moves[j].place);
      if (JOURNEY_KINDS[from].includes(kind)) return moves[i].at - moves[j].at;
      // The frame's previous journey ended here: this one began later than what was recorded.
      if (kind >= PLACE_DELIVERED) break;
    }
    throw new Error(`the last frame to reach ${to} was not seen at ${from} in this step`);
  }
  throw new Error(`no frame reached ${to} in this step`);
}

/** The measure's value in `reading`. */
export function measure(m: Measure, reading: Reading): Value {
  const { run, view, step } = reading;
  const s = view === 'start' ? run.start : run.snapshot;
  switch (m.of) {
    case 'ring': {
      const ring = entryNamed(s, m.entry).ring;
      // As the topology writes it: slots between consumer_tail and consumer_head are consumed, not NULLed.
      return m.field === 'notNulled' ? ring.consumerHead - ring.consumerTail : ring[m.field];
    }
    case 'kthread': {
      const e = entryNamed(s, m.entry);
      if (m.field === 'shown') return kthreadLook(e).word;
      if (e.kthread === null) throw new Error(`${m.entry} has no kthread`);
      return e.kthread[m.field];
    }
    case 'entry': {
      const e = entryNamed(s, m.entry);
      return m.field === 'state' ? e.state : m.field === 'refcnt' ? e.refcnt : m.field === 'inSlot' ? e.inSlot : e.bulkqFreed;
    }
    case 'bulkq': {
      for (const e of s.entries) {
        for (const [cpu, count] of e.bulkq)
          if (`Bulk queue CPU ${cpu} to CPU ${e.cpu}${entrySuffix(e.uid, s.entries)}` === m.name) return count;
      }
      // Not listed: empty (the row is drawn for every RX CPU and entry).
      const match = /^Bulk queue CPU (\d+) to (Entry for )?CPU (\d+)(.*)$/.exec(m.name);
      if (match === null) throw new Error(`not a bulk queue: ${m.name}`);
      entryNamed(s, `Entry for CPU ${match[3]}${match[4]}`);
      return 0;
    }
    case 'flushNeeded':
      return s.cpus[m.cpu].flushNeeded.join(',');
    case 'cpu':
      return s.cpus[m.cpu][m.field];
    case 'nic':
      return s.nicQueues[m.queue][m.field];
    case 'frames':
      return m.since === 'start' ? run.snapshot.frames[m.field] - run.start.frames[m.field] : s.frames[m.field];
    case 'violations':
      return s.violations.length;
    case 'event': {
      const h = entryNamed(s, m.entry).history.find((x) => x.event === m.event);
      if (h === undefined) throw new Error(`${m.entry} has no ${m.event} by ${s.simNs} ns`);
      return h.atNs;
    }
    case 'inspector': {
      const name = m.element ?? step.inspect;
      if (name === undefined) throw new Error('the step inspects nothing: name the element');
      const field = run.inspect(name, view).fields.find(([k]) => k === m.field);
      if (field === undefined) throw new Error(`the inspector of ${name} has no field ${m.field}`);
      // A field that starts with a number ("19 / 32", "56 µs") is that number.
      const number = /^-?\d+(?:\.\d+)?(?=$|\s)/.exec(field[1]);
      return number === null ? field[1] : Number(number[0]);
    }
    case 'stat': {
      const answer = answerAt(run.samples, m.q, m.windowNs, run.snapshot.simNs);
      if (answer === null) throw new Error(`no statistics cover the last ${m.windowNs} ns`);
      return answer;
    }
    case 'trace': {
      const hits = run.trace.filter((t) => t.kind === m.kind);
      const hit = hits.at(-(m.nth ?? 1));
      if (hit === undefined) throw new Error(`no ${m.kind} tracepoint hit in this step`);
      return hit[m.field];
    }
    case 'traceCount':
    case 'traceStat': {
      if (run.traceSkipped > 0) throw new Error(`the trace log missed ${run.traceSkipped} hits: read it at a slower speed`);
      const field = m.field;
      if (m.of === 'traceCount') return run.trace.filter((t) => t.kind === m.kind && (field === undefined || t[field] === m.value)).length;
      const values = run.trace.filter((t) => t.kind === m.kind).map((t) => t[m.field]);
      if (values.length === 0) throw new Error(`no ${m.kind} tracepoint hit in this step`);
      if (m.stat === 'min') return Math.min(...values);
      if (m.stat === 'max') return Math.max(...values);
      const counts = new Map<number, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      return [...counts.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    }
    case 'journey':
      return journey(run, m.from, m.to);
    case 'cost':
      return COST[m.name];
    case 'constant':
      return KERNEL[m.name];
    case 'scenario':
      return parseScenario(step.query).scenario[m.field];
    case 'qsize': {
      const e = parseScenario(step.query).scenario.entries.find((x) => x.cpu === m.cpu);
      if (e === undefined) throw new Error(`the scenario has no entry for CPU ${m.cpu}`);
      return e.qsize;
    }
    case 'opAt': {
      const op = parseScenario(step.query).scenario.ops[m.index];
      if (op === undefined) throw new Error(`the scenario has no operation ${m.index}`);
      return op.at;
    }
    case 'ratio':
    case 'difference': {
      const [a, b] = m.of === 'ratio' ? [measure(m.num, reading), measure(m.den, reading)] : [measure(m.a, reading), measure(m.b, reading)];
      if (typeof a !== 'number' || typeof b !== 'number') throw new Error(`${m.of} of values that are not numbers`);
      return m.of === 'ratio' ? a / b : a - b;
    }
    case 'sum':
    case 'product': {
      let total = m.of === 'sum' ? 0 : 1;
      for (const t of m.terms) {
        const v = measure(t, reading);
        if (typeof v !== 'number') throw new Error(`a ${m.of} of values that are not numbers`);
        total = m.of === 'sum' ? total + v : total * v;
      }
      return total;
    }
    case 'number':
      return m.value;
  }
}

/**
 * Numbers that name things rather than measure them: CPUs, queues, keys, bits, slots, entries,
 * patches, steps, years; and anything in a code span (identifiers, link parameters).
 */
const NAMES = [
  /`[^`]*`/g,
  /\bCPUs? \d+(?:(?:, | and | or )\d+)*/g,
  /\b(?:RX )?queues? \d+(?: (?:and|or) \d+)*/g,
  /\b(?:key|bit|slot|uid|[Pp]atch|[Ss]tep) \d+/g,
  /\b20[12]\d\b/g,
];

/**
 * The numbers `text` states, as written ("4.4", "50,000", "8.00"), with where they are: not
 * parts of words (i40e, v5.2), and not names.
 */
export function measuredNumbers(text: string): { raw: string; index: number; value: number }[] {
  const named = new Array<boolean>(text.length).fill(false);
  for (const re of NAMES) for (const m of text.matchAll(re)) named.fill(true, m.index ?? 0, (m.index ?? 0) + m[0].length);
  const out: { raw: string; index: number; value: number }[] = [];
  for (const m of text.matchAll(/(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?!\w)/g)) {
    const index = m.index ?? 0;
    if (named[index]) continue;
    out.push({ raw: m[0], index, value: Number(m[0].replace(/,/g, '')) });
  }
  return out;
}

/** Whether the claim holds for `value`; the reason when it does not. */
export function judge(c: Pick<Claim, 'is' | 'scale' | 'within' | 'bound'>, value: Value): string | null {
  if (typeof c.is !== 'number') return value === c.is ? null : `${JSON.stringify(value)}, not ${JSON.stringify(c.is)}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${JSON.stringify(value)} is not a number`;
  const expected = c.is * (c.scale ?? 1);
  if (c.bound === 'min') return value >= expected ? null : `${value} < ${expected}`;
  if (c.bound === 'max') return value <= expected ? null : `${value} > ${expected}`;
  const slack = (Math.abs(expected) * (c.within ?? 0)) / 100;
  // Exact claims allow for float noise in sums of costs (0.1 + 0.2).
  return Math.abs(value - expected) <= Math.max(slack, 1e-9 * Math.abs(expected))
    ? null
    : `${value}, not ${expected}${c.within ? ` ± ${c.within}%` : ''}`;
}

/** A wrong version of the claim: one the measure must not satisfy if the claim means anything. */
export function wrong(c: Claim, value: Value): Claim {
  if (typeof c.is === 'boolean') return { ...c, is: !c.is };
  if (typeof c.is === 'string') return { ...c, is: `${c.is} (wrong)` };
  const scale = c.scale ?? 1;
  const v = value as number;
  // Past the measured value by more than the claim's own slack.
  if (c.bound === 'min') return { ...c, is: (v * 1.5 + 1) / scale };
  if (c.bound === 'max') return { ...c, is: (v * 0.5 - 1) / scale };
  const off = Math.max(1, Math.abs(c.is)) * (2 * ((c.within ?? 0) / 100) + 0.05);
  return { ...c, is: c.is + off };
}
