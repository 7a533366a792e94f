import { defineConfig } from 'vitest/config';
import { availableParallelism } from 'node:os';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The built page's Content Security Policy: scripts and the worker only from the page's own
 * origin, no inline script, no eval. Styles may be inline (React style attributes, the topology's
 * style element). Only the build gets it: the dev server injects an inline script of its own.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'cpumap-scope-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * The service worker (Workbox, generated at build time; the page registers it itself, after its
 * first frame: src/ui/serviceWorker.ts). It precaches the built app, so that after a first visit
 * a reload works without a network. A page load asks the network for the HTML first (so a new
 * build is used as soon as it is served) and falls back to the precached HTML offline; every
 * other file is served from the precache, which each build replaces (old entries are deleted).
 */
function offline(): Plugin[] {
  return VitePWA({
    injectRegister: false,
    manifest: false,
    workbox: {
      globPatterns: ['**/*.{html,js,css,svg,png,woff2}'],
      // Not '/' to index.html from the precache: a load goes to the network first (below).
      directoryIndex: null,
      navigateFallback: null,
      cleanupOutdatedCaches: true,
      skipWaiting: true,
      clientsClaim: true,
      runtimeCaching: [
        {
          urlPattern: ({ request }) => request.mode === 'navigate',
          handler: 'NetworkOnly',
          options: { precacheFallback: { fallbackURL: 'index.html' } },
        },
      ],
    },
  });
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offline()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // The later kernels' code, which the page fetches apart (src/engine/kernel/lateKernel.ts).
    setupFiles: ['src/engine/kernel/lateKernelInstall.ts', 'src/worker/parserInstall.ts'],
    testTimeout: 60_000,
    pool: 'threads',
    // Every core (vitest's default leaves one free, which on a 2-core machine is half of them).
    maxWorkers: availableParallelism(),
  },
});
