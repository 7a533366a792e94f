/**
 * Registers the service worker the build generates (vite.config.ts), which precaches the app so
 * that a reload works offline after a first visit. Only in the built app (the dev server has no
 * service worker), only where the browser allows one (a secure context), and only after the first
 * frame: the precache then fetches every file, which the first frame should not wait for.
 */
import { afterFirstFrame } from './afterFirstFrame';

export function registerServiceWorker(sideBySide: boolean): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // The side-by-side page draws its runs through frame buses of its own: wait for the load there.
  const ready = sideBySide ? new Promise((resolve) => addEventListener('load', resolve, { once: true })) : afterFirstFrame();
  void ready.then(() =>
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch((e: unknown) => {
      // The page works without it; it just does not work offline.
      console.warn('cpumap-scope: the service worker was not registered, so the page will not work offline:', e);
    }),
  );
}
