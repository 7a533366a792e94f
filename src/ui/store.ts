/**
 * Low-frequency UI state (zustand): what the controls, form, inspector and notices show.
 * High-frequency state (frame positions, ring fill) lives in frameBus and goes straight to the canvas.
 */
import { create } from 'zustand';
import type { OpRecord } from '../engine/engine';
import type { ScenarioProblem } from '../scenario/types';
import type { InspectTarget, Inspection, StepUnit, Topology, ToWorker } from '../worker/protocol';

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
  stepUnit: StepUnit;
  selected: InspectTarget | null;
  inspection: Inspection | null;
  /** The last map operation's result, as the bpf syscall reports it (an ARIA status). */
  opStatus: string;
  opLog: OpRecord[];
  /** Set when the worker died; the page offers a restart that keeps the scenario. */
  workerError: string | null;
  theme: Theme;
  projector: boolean;
  reducedMotion: boolean;
  colorBy: ColorBy;
  helpOpen: boolean;
  /** Sends a message to the worker (installed by the worker client). */
  send: (msg: ToWorker) => void;
  set: (patch: Partial<UiState>) => void;
}

export const useUi = create<UiState>((set) => ({
  query: '',
  problems: [],
  create: '0',
  topology: null,
  running: false,
  speed: 1e3,
  actualSpeed: 0,
  behind: false,
  simNs: 0,
  stepUnit: 'event',
  selected: null,
  inspection: null,
  opStatus: '',
  opLog: [],
  workerError: null,
  theme: 'light',
  projector: false,
  reducedMotion: false,
  colorBy: 'flow',
  helpOpen: false,
  send: () => {},
  set: (patch) => set(patch),
}));
