/**
 * State of the newcomer's aids: the welcome card, the last Step's caption and the
 * follow-a-frame mode. Kept apart from the main store so these aids stay one small module.
 */
import { create } from 'zustand';
import type { Journey } from '../frameBus';

/** localStorage key remembering that the welcome was dismissed. */
export const WELCOME_SEEN_KEY = 'cpumap-scope:welcome-seen';

export interface OrientState {
  /** The welcome card is shown. */
  welcomeOpen: boolean;
  /** The one-line hint that replaces the card on a shared link with a scenario. */
  hintOpen: boolean;
  /** What the last Step did ('' when the run has moved on since). */
  caption: string;
  /** The next click on the topology picks the nearest frame to follow. */
  following: boolean;
  /** The frame followed and its journey object (appended while the frame travels; a reused id gets a new one). */
  followed: { frame: number; journey: Journey } | null;
}

export const useOrient = create<OrientState>(() => ({
  welcomeOpen: false,
  hintOpen: false,
  caption: '',
  following: false,
  followed: null,
}));

/** Whether the welcome was dismissed before (storage may be unavailable: then it was not). */
export function welcomeSeen(): boolean {
  try {
    return localStorage.getItem(WELCOME_SEEN_KEY) === '1';
  } catch {
    return false;
  }
}

/** Closes the welcome (and its hint) and remembers it. */
export function dismissWelcome(): void {
  useOrient.setState({ welcomeOpen: false, hintOpen: false });
  try {
    localStorage.setItem(WELCOME_SEEN_KEY, '1');
  } catch {
    // Private mode without storage: the welcome simply shows again next time.
  }
}

/** Opens the welcome again (the View menu's "Welcome tour"). */
export function openWelcome(): void {
  useOrient.setState({ welcomeOpen: true, hintOpen: false });
}
