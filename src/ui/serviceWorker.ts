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
  void ready
    .then(() => navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`))
    // A worker already installed is checked against the server's: a new build's replaces it
    // (and its files the kept ones) in the background, without waiting for the browser to look.
    .then((registration) => (registration.active === null ? undefined : registration.update()))
    .catch((e: unknown) => {
      // The page works without it, only not offline; offline, the update check fails, as it may.
      if (navigator.onLine) console.warn('cpumap-scope: the service worker could not be registered or updated:', e);
    });
}
