/**
 * Low-frequency UI state (zustand): what the controls, form, inspector and notices show.
 * High-frequency state (frame positions, ring fill) lives in frameBus and goes straight to the canvas.
 */
import { create } from 'zustand';
import type { OpRecord } from '../engine/engine';
import type { ScenarioProblem } from '../scenario/types';
import type { InspectTarget, Inspection, StepUnit, Topology, ToWorker } from '../worker/protocol';
import { useLink } from './url/linkState';
import { linkScenarioQuery } from './url/linkQuery';
import type { WorkerNotice } from './supervision/workerNotice';

export type Theme = 'light' | 'dark';
export type ColorBy = 'flow' | 'target';

export interface UiState {
  /** The scenario query currently loaded (the URL form). */
  query: string;
  problems: ScenarioProblem[];
  /** Result of the map create for the loaded scenario ("0" or an errno). */
  create: string;
  topology: Topology | null;
  running: boolean;
  /** Requested simulated ns per wall second (Infinity: as fast as possible). */
  speed: number;
  actualSpeed: number;
  behind: boolean;
  simNs: number;
  /** The furthest simulated time this branch of the run has reached (the timeline's end). */
  furthestNs: number;
  /** Wall time the last going-back took in the worker (ms), or null before any. */
  lastSeekMs: number | null;
  /** Goings-back completed so far (the timeline sends the next seek when this moves). */
  seeks: number;
  /** What the last fork discarded, until the next load. */
  forkNote: string;
  stepUnit: StepUnit;
  selected: InspectTarget | null;
  inspection: Inspection | null;
  /** The last map operation's result, as the bpf syscall reports it (an ARIA status). */
  opStatus: string;
  opLog: OpRecord[];
  /** Set when the worker died: restarted from the run's link, or (dying again and again) not. */
  workerNotice: WorkerNotice | null;
  theme: Theme;
  projector: boolean;
  /** Effective calm motion: the override when set, otherwise the system's prefers-reduced-motion. */
  reducedMotion: boolean;
  /** The system's prefers-reduced-motion (kept so the override can be undone). */
  systemReducedMotion: boolean;
  /** The "Calm motion" checkbox once the user touched it; null follows the system. */
  motionOverride: boolean | null;
  colorBy: ColorBy;
  helpOpen: boolean;
  /** Topology elements a lesson step points at, by their accessible names. */
  highlight: readonly string[];
  /** An element (accessible name) to select as soon as the topology shows it. */
  /** Why the rates row keeps its measured figures back (a lesson's question waits for a guess), or null. */
  ratesWithheld: string | null;
  pendingInspect: string | null;
  /** Sends a message to the worker (installed by the worker client). */
  send: (msg: ToWorker) => void;
  /** Replaces the worker with a new one started from the run's link (installed by the worker client). */
  restartWorker: () => void;
  set: (patch: Partial<UiState>) => void;
  /** Play if paused, pause if playing. */
  togglePlay: () => void;
  /** Requests a speed (simulated ns per wall second; Infinity: as fast as possible). */
  setSpeed: (nsPerSecond: number) => void;
  /** Steps by the selected unit (stepUnit) and pauses. */
  step: () => void;
  /** Pauses and undoes the last step (after playing: goes back one step by stepUnit). */
  stepBack: () => void;
  /** Pauses and goes to simulated time `t` (ns) of this run, up to furthestNs. */
  seek: (t: number) => void;
  /** Rebuilds the current scenario at time 0. */
  reset: () => void;
  /** Loads a scenario query (the form, a preset); the store follows when the worker says 'loaded'. */
  loadScenario: (query: string) => void;
  /** Selects an element for the inspector (null: nothing) and tells the worker. */
  select: (target: InspectTarget | null) => void;
  /** Sets the "Calm motion" override. */
  setCalmMotion: (calm: boolean) => void;
  /** Follows a change of the system's prefers-reduced-motion. */
  setSystemReducedMotion: (reduce: boolean) => void;
}

export const useUi = create<UiState>((set, get) => ({
  query: '',
  problems: [],
  create: '0',
  topology: null,
  running: false,
  // 2 µs of simulated time per wall second: slow enough to watch single frames move.
  speed: 2e3,
  actualSpeed: 0,
  behind: false,
  simNs: 0,
  furthestNs: 0,
  lastSeekMs: null,
  seeks: 0,
  forkNote: '',
  stepUnit: 'event',
  selected: null,
  inspection: null,
  opStatus: '',
  opLog: [],
  workerNotice: null,
  theme: 'light',
  projector: false,
  reducedMotion: false,
  systemReducedMotion: false,
  motionOverride: null,
  colorBy: 'flow',
  helpOpen: false,
  highlight: [],
  ratesWithheld: null,
  pendingInspect: null,
  send: () => {},
  restartWorker: () => {},
  set: (patch) => set(patch),
  togglePlay: () => {
    // Optimistic: the worker confirms with a frame (play and pause each post one).
    const running = !get().running;
    set({ running });
    get().send({ type: running ? 'play' : 'pause' });
  },
  setSpeed: (nsPerSecond) => {
    set({ speed: nsPerSecond, behind: false });
    get().send({ type: 'speed', nsPerSecond });
  },
  step: () => {
    set({ running: false });
    get().send({ type: 'step', unit: get().stepUnit });
  },
  stepBack: () => {
    set({ running: false });
    get().send({ type: 'stepBack', unit: get().stepUnit });
  },
  seek: (t) => {
    set({ running: false });
    get().send({ type: 'seek', t });
  },
  reset: () => {
    // Map operations done by hand are part of the run now: they replay as scheduled ones (once).
    const manual = useLink.getState().manualOps;
    if (manual.length === 0) get().send({ type: 'reset' });
    else get().send({ type: 'load', query: linkScenarioQuery(get().query, manual) });
  },
  loadScenario: (query) => get().send({ type: 'load', query }),
  select: (target) => {
    set(target === null ? { selected: null, inspection: null } : { selected: target });
    get().send({ type: 'inspect', target });
  },
  setCalmMotion: (calm) => set({ motionOverride: calm, reducedMotion: calm }),
  setSystemReducedMotion: (reduce) => set((s) => ({ systemReducedMotion: reduce, reducedMotion: s.motionOverride ?? reduce })),
}));
