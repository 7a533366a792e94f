/**
 * Resolves once the topology's first frame is on screen, so code the first frame does not need
 * (the panels, the scenario file controls, the service worker) is fetched after it rather than
 * competing with it.
 */
import { frameBus } from './frameBus';

/** How long after the first update to stop waiting for frames (a run where none arrive soon). */
const MOST_WAIT_MS = 2000;

let firstFrame: Promise<void> | null = null;

/**
 * "First frame": the first update that shows moving frames, or one that will not show any (the
 * run is paused, or too fast to draw single frames), or 2 s after the first update.
 */
export function afterFirstFrame(): Promise<void> {
  firstFrame ??= new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (): void => {
      off();
      clearTimeout(timer);
      // The canvas draws on the next animation frame; start after that one has been painted.
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)));
    };
    const off = frameBus.subscribe(() => {
      if (frameBus.snapshot === null) return;
      timer ??= setTimeout(done, MOST_WAIT_MS);
      if (frameBus.journeys.size > 0 || !frameBus.running || !frameBus.recording) done();
    });
  });
  return firstFrame;
}
