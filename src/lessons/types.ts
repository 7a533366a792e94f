/**
 * What a lesson is: a sequence of steps over scenarios. Each step has the project's own words, the
 * elements to highlight on the topology, a checkpoint (the simulation runs to it and pauses there),
 * the upstream kernel lines it is about, optionally a "predict, then run" question whose answer
 * is read from the run's statistics at the checkpoint, and the claims its words make about the
 * run, each with where the page shows it (tests/lessons checks every one).
 */
import type { FrameTotals } from '../engine/engine';
import type { COST, KERNEL } from '../engine/sim/costModel';

/** A statistic of the `xdp_redirect_cpu` report, as the Statistics panel shows it. */
export type StatQuery =
  /** XDP-RX total: frames per second the XDP program saw. */
  | { stat: 'rxPps' }
  /** Redirect errors per second (redirect to an empty slot). */
  | { stat: 'redirectErrPps' }
  /** The `cpumap-enqueue sum:TO` row: frames enqueued to CPU `to`, dropped (ring full), frames per bulk. */
  | { stat: 'enqueuePps' | 'enqueueDropPps' | 'bulkAvg'; to: number }
  /** The `cpumap_kthread CPU` row: frames processed, dropped, and sched (wake-ups) per second. */
  | { stat: 'kthreadPps' | 'kthreadDropPps' | 'kthreadSchedPps'; cpu: number };

/**
 * Where the page shows a question's answer: a row of the Statistics table (its first two cells, as
 * "cpumap_kthread 4"), a figure of the run's frame totals (in the Statistics panel), or an element
 * of the topology by its accessible name. The feedback names it, and the page highlights it.
 */
export type ScreenPlace =
  | { on: 'stats'; row: string; column?: 'pps' | 'drop-pps' | 'extra-info' }
  | { on: 'totals'; field: keyof FrameTotals }
  | { on: 'topology'; element: string };

/** A "predict, then run" question whose answer is a number read from the statistics at the checkpoint. */
export interface NumberQuestion {
  kind?: 'number';
  question: string;
  /** Unit shown with the guess and the answer, e.g. "frames/s" or "frames per bulk". */
  unit: string;
  answer: StatQuery;
  /** The answer is the average over the statistics samples of the last `windowNs` before the checkpoint. */
  windowNs: number;
  /** What the run answers, as the lesson expects it (tests/lessons checks it against the engine, within `within` percent, default 1). */
  expect: number;
  within?: number;
  /** Why the run gives that answer, in the project's own words: shown after the run, right guess or wrong. */
  why: string;
}

/** One answer of a multiple-choice question. */
export interface Choice {
  label: string;
  /**
   * What the choice states about the run, checked as a claim is (tests/lessons): it must hold for
   * the right choice and fail for a wrong one.
   */
  fact?: Omit<Claim, 'says'>;
}

/**
 * A multiple-choice question. Asked `before` the run (the step waits at its start for the answer)
 * or `after` it (the step runs to its checkpoint, and the question asks what the reader sees there
 * or what happens next).
 */
export interface ChoiceQuestion {
  kind: 'choice';
  question: string;
  /** The right choice has a `fact`. */
  choices: readonly Choice[];
  /** Index of the right choice. */
  answer: number;
  when: 'before' | 'after';
  /** Why that answer is right, in the project's own words: shown once answered, right or wrong. */
  why: string;
  /** Where the page shows the answer. */
  where: ScreenPlace;
}

export type Question = NumberQuestion | ChoiceQuestion;

/** Kept for the statistic questions' older name. */
export type Prediction = NumberQuestion;

/** Whether the step waits at its start for the reader's answer before playing to its checkpoint. */
export function asksFirst(q: Question | undefined): boolean {
  return q !== undefined && (q.kind !== 'choice' || q.when === 'before');
}

/** A link to the upstream kernel source the step is about. */
export interface KernelRef {
  /** What the link shows, e.g. "bq_enqueue (v5.0, cpumap.c line 602)". */
  label: string;
  url: string;
}

/** Where a frame is, for a journey's start and end (the places the topology draws it at). */
export type JourneyPlace = 'nic' | 'xdp' | 'bulkq' | 'ring' | 'skb' | 'done';

/**
 * What a claim reads. Elements are named as the topology names them ("Entry for CPU 4", "Bulk
 * queue CPU 0 to CPU 4", "RX queue 0 on CPU 3"); unless said otherwise, the value is read from what
 * the worker sends the page at the checkpoint: the snapshot the topology draws, the inspector, the
 * statistics samples, the trace log and the frames' journeys.
 */
export type Measure =
  /** The entry's ptr_ring as the topology draws it ("ring 19/32, 13 not NULLed"). */
  | { of: 'ring'; entry: string; field: 'count' | 'size' | 'notNulled' | 'batch' | 'producer' | 'consumerHead' | 'consumerTail' }
  /** The entry's kthread: the word the topology writes ("sleeping", "runnable", "running", "stopping"), its state or next phase. */
  | { of: 'kthread'; entry: string; field: 'shown' | 'state' | 'phase' }
  | { of: 'entry'; entry: string; field: 'refcnt' | 'state' | 'inSlot' | 'bulkqFreed' }
  /** Frames in the bulk queue, as its row on the topology shows them. */
  | { of: 'bulkq'; name: string }
  /** The CPU's flush_needed bits, as its keys joined by commas ('' when none). */
  | { of: 'flushNeeded'; cpu: number }
  | { of: 'cpu'; cpu: number; field: 'activity' | 'inPoll' | 'ksoftirqd' }
  | { of: 'nic'; queue: number; field: 'count' | 'nicDrops' }
  /** Frame totals of the run; with `since: 'start'`, only what happened between the step's start and its checkpoint. */
  | { of: 'frames'; field: keyof FrameTotals; since?: 'start' }
  /** Invariant violations the run reported (a kernel WARN such as frames left in a freed ring is one). */
  | { of: 'violations' }
  /** When the entry's lifecycle first took this event (simulated ns). */
  | { of: 'event'; entry: string; event: string }
  /** A field of the inspector for `element` (default: the element the step inspects), as it shows it. */
  | { of: 'inspector'; field: string; element?: string }
  /** A statistic of the Statistics panel, averaged over the samples of the last `windowNs` before the checkpoint. */
  | { of: 'stat'; q: StatQuery; windowNs: number }
  /** A field of the `nth` tracepoint hit of that kind from the end of the trace log (default 1, the last). */
  | { of: 'trace'; kind: 'enqueue' | 'kthread' | 'redirect_err'; field: 'processed' | 'drops' | 'extra' | 'at' | 'cpu'; nth?: number }
  /** The most frequent, least or greatest value of a field over the hits of that kind the trace log got during the step. */
  | { of: 'traceStat'; kind: 'enqueue' | 'kthread' | 'redirect_err'; field: 'processed' | 'drops' | 'extra'; stat: 'mode' | 'min' | 'max' }
  /** How many hits of that kind the trace log got during the step (only those whose `field` is `value`, when given). */
  | { of: 'traceCount'; kind: 'enqueue' | 'kthread' | 'redirect_err'; field?: 'processed' | 'drops' | 'extra'; value?: number }
  /** How long the last frame to reach `to` in this step took from `from` (its journey on the topology). */
  | { of: 'journey'; from: JourneyPlace; to: JourneyPlace }
  /** A cost of the model (src/engine/sim/costModel.ts COST), in ns. */
  | { of: 'cost'; name: keyof typeof COST }
  /** A kernel constant of the model (KERNEL). */
  | { of: 'constant'; name: keyof typeof KERNEL }
  /** A parameter of the step's scenario (rates in frames per second, times in ns). */
  | { of: 'scenario'; field: 'rate' | 'size' | 'link' | 'ring' | 'cpus' }
  | { of: 'qsize'; cpu: number }
  /** The time of the scenario's `index`-th timed operation. */
  | { of: 'opAt'; index: number }
  /** One measure divided by another (e.g. frames per interrupt: XDP-RX pps over wake-ups per second). */
  | { of: 'ratio'; num: Measure; den: Measure }
  /** One measure minus another (e.g. a span between two events). */
  | { of: 'difference'; a: Measure; b: Measure }
  /** Measures added up (e.g. the costs of a path), or multiplied (a rate times an interval). */
  | { of: 'sum' | 'product'; terms: readonly Measure[] }
  /** A plain number, for arithmetic on measures (a unit's factor). */
  | { of: 'number'; value: number };

/**
 * A claim of a step's words about the run, and how to check it. `says` is the phrase of the step's
 * title, text or question that makes it; a number in it must equal `is` (so the words and the claim
 * cannot drift apart), and the measure must agree with `is` times `scale`: exactly, within
 * `within` percent, or as a bound.
 */
export interface Claim {
  says: string;
  of: Measure;
  is: number | string | boolean;
  /** From the unit of the words to the measure's: 1e6 for "4.4 Mpps", 1e3 for "3 µs" (default 1). */
  scale?: number;
  /** Allowed deviation in percent, for "about" (default: exact). */
  within?: number;
  /** The measure is at least (`min`) or at most (`max`) the value, for "more than" and "at most". */
  bound?: 'min' | 'max';
  /**
   * Where to measure, when not at this step's checkpoint: another step of the same lesson (1-based:
   * a figure the words quote from it), or this step's scenario and times with some changed. Without
   * it, a step with a question has its state claims checked twice: at its start, where the page
   * waits for the guess with the words in view, and at its checkpoint.
   */
  run?: { step: number } | Partial<Pick<LessonStep, 'query' | 'startAt' | 'pauseAt' | 'speed'>>;
}

export interface LessonStep {
  title: string;
  /** Paragraphs, in the project's own words. `code` spans in backticks. */
  text: readonly string[];
  /** The scenario, as a link's query (the step loads it: a step's link stands on its own). */
  query: string;
  /** Simulated time (ns) the step starts from, reached at once; default 0. */
  startAt?: number;
  /** The checkpoint: simulated time (ns) the step runs to and pauses at. */
  pauseAt: number;
  /** Playing speed up to the checkpoint, in simulated ns per wall second. */
  speed: number;
  /** Topology elements to highlight, by their accessible names: "CPU 4", "RX queue 0 on CPU 3", "Bulk queue CPU 3 to CPU 4", "Entry for CPU 4". */
  highlight: readonly string[];
  /** Element the inspector shows at the checkpoint (an accessible name as in `highlight`). */
  inspect?: string;
  kernel: readonly KernelRef[];
  /** The step's question: a number the statistics answer, or a multiple choice. */
  predict?: Question;
  /** What the step's words claim about the run. Every number in its title, text and question is one, or is `fixed`. */
  claims: readonly Claim[];
  /**
   * Phrases of the words with numbers that are not measurements of this run: published figures
   * quoted as such, sizes of types, other tools' defaults. Names (CPU 4, RX queue 0, key 4), code
   * spans and years need no entry.
   */
  fixed?: readonly string[];
}

export interface Lesson {
  /** Used in links: `lesson=<id>&step=<n>`. Lowercase letters, digits and -. */
  id: string;
  title: string;
  /** One sentence: what the reader will understand at the end. */
  summary: string;
  steps: readonly LessonStep[];
  /** Phrases of the title and summary with numbers that are not measurements (as a step's `fixed`). */
  fixed?: readonly string[];
}
