/**
 * What a lesson is: a sequence of steps over scenarios. Each step has the project's own words, the
 * elements to highlight on the topology, a checkpoint (the simulation runs to it and pauses there),
 * the upstream kernel lines it is about, and optionally a "predict, then run" question whose answer
 * is read from the run's statistics at the checkpoint.
 */

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

/** A "predict, then run" question. */
export interface Prediction {
  question: string;
  /** Unit shown with the guess and the answer, e.g. "frames/s" or "frames per bulk". */
  unit: string;
  answer: StatQuery;
  /** The answer is the average over the statistics samples of the last `windowNs` before the checkpoint. */
  windowNs: number;
}

/** A link to the upstream kernel source the step is about. */
export interface KernelRef {
  /** What the link shows, e.g. "bq_enqueue (v5.0, cpumap.c line 602)". */
  label: string;
  url: string;
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
  predict?: Prediction;
}

export interface Lesson {
  /** Used in links: `lesson=<id>&step=<n>`. Lowercase letters, digits and -. */
  id: string;
  title: string;
  /** One sentence: what the reader will understand at the end. */
  summary: string;
  steps: readonly LessonStep[];
}
