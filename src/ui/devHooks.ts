/**
 * A small read-mostly handle on the page for end-to-end tests and the browser bench:
 * `window.__cpumapScope`. It exposes state the page already shows; it changes nothing but the
 * speed, which a person can set with the slider too.
 */
import { frameBus } from './frameBus';
import { useUi } from './store';

export interface PageHooks {
  /** performance.now() when the first frames were drawn moving (ms after navigation). */
  firstFrameAt?: number;
  state: () => { simNs: number; running: boolean; actualSpeed: number; speed: number; journeys: number; inFlight: number };
  setSpeed: (nsPerSecond: number) => void;
}

declare global {
  interface Window {
    __cpumapScope?: PageHooks;
  }
}

export function installPageHooks(): void {
  const hooks: PageHooks = {
    state: () => {
      const s = useUi.getState();
      return {
        simNs: frameBus.simNs,
        running: s.running,
        actualSpeed: s.actualSpeed,
        speed: s.speed,
        journeys: frameBus.journeys.size,
        inFlight: frameBus.snapshot?.frames.inFlight ?? 0,
      };
    },
    setSpeed: (nsPerSecond) => {
      useUi.getState().set({ speed: nsPerSecond });
      useUi.getState().send({ type: 'speed', nsPerSecond });
    },
  };
  window.__cpumapScope = hooks;
  const off = frameBus.subscribe(() => {
    if (frameBus.journeys.size === 0) return;
    off();
    // The canvas draws on the next animation frame; count from navigation start to then.
    requestAnimationFrame(() => requestAnimationFrame(() => (hooks.firstFrameAt = performance.now())));
  });
}
