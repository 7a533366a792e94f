/**
 * What the page keeps for its shareable link: the map operations done by hand on the loaded
 * scenario, the problems of the link it was opened with (until dismissed), the selection the
 * link asks for (applied once the scenario has loaded), and the link's theme.
 */
import { create } from 'zustand';
import type { OpRecord } from '../../engine/engine';
import type { MapOpSpec, ScenarioProblem } from '../../scenario/types';
import type { InspectTarget } from '../../worker/protocol';
import { manualOpSpec } from './linkQuery';
import type { ViewState } from './viewState';

/** The link's page modes: kept in the address as the page rewrites it. */
export type LinkModes = Pick<ViewState, 'lesson' | 'step' | 'embed' | 'present' | 'compare' | 'sweep'>;

export const NO_MODES: LinkModes = { lesson: null, step: null, embed: false, present: false, compare: null, sweep: null };

export interface LinkState {
  /** Map operations done by hand since the scenario loaded, in the order done. */
  manualOps: MapOpSpec[];
  /** Problems of the link the page was opened with: its view parameters', then its scenario's. */
  problems: ScenarioProblem[];
  /** The link's scenario problems are still to come (with the first 'loaded'). */
  awaitingFirstLoad: boolean;
  /** The link the page was opened with has been read (boot ran: App's effect, after its children's). */
  booted: boolean;
  /** The selection the link asks for, made once the scenario has loaded. */
  pendingSel: InspectTarget | null;
  theme: 'light' | 'dark' | null;
  modes: LinkModes;
  /** At boot: the view state's problems and what to apply later. */
  boot: (problems: ScenarioProblem[], sel: InspectTarget | null, theme: 'light' | 'dark' | null, modes?: LinkModes) => void;
  /** Changes page modes (the lesson step followed, presentation mode...). */
  setModes: (patch: Partial<LinkModes>) => void;
  /** A scenario loaded (the worker's 'loaded'): hand-made operations belong to the old run. */
  loaded: (problems: ScenarioProblem[]) => void;
  /** A map operation done by hand (not a scheduled one). */
  addManual: (record: OpRecord) => void;
  /** All the map operations done by hand on the run, as the worker reports them (a resync). */
  setManual: (records: readonly OpRecord[]) => void;
  /** The run forked at `at`: hand-made operations after it did not happen. */
  forked: (at: number) => void;
  dismiss: () => void;
}

export const useLink = create<LinkState>((set, get) => ({
  manualOps: [],
  problems: [],
  awaitingFirstLoad: false,
  booted: false,
  pendingSel: null,
  theme: null,
  modes: NO_MODES,
  boot: (problems, sel, theme, modes = NO_MODES) =>
    set({ problems, pendingSel: sel, theme, modes, awaitingFirstLoad: true, booted: true, manualOps: [] }),
  setModes: (patch) => set((s) => ({ modes: { ...s.modes, ...patch } })),
  loaded: (problems) => {
    const first = get().awaitingFirstLoad;
    set({ manualOps: [], awaitingFirstLoad: false, ...(first ? { problems: [...get().problems, ...problems] } : {}) });
  },
  addManual: (record) => {
    const op = manualOpSpec(record);
    if (op !== null) set((s) => ({ manualOps: [...s.manualOps, op] }));
  },
  setManual: (records) => set({ manualOps: records.flatMap((r) => manualOpSpec(r) ?? []) }),
  forked: (at) => set((s) => ({ manualOps: s.manualOps.filter((op) => op.at <= at) })),
  dismiss: () => set({ problems: [] }),
}));
