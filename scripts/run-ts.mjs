#!/usr/bin/env node
// Runs a TypeScript entry point (the CLI, the bench) as one bundled ES module, so the engine runs
// at full speed under plain Node: module-per-file loaders add accessor calls on every import use.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.mjs <entry.ts> [args...]\n');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'node_modules', '.cache', 'cpumap-scope');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, entry.replace(/[\\/]/g, '_').replace(/\.ts$/, '.mjs'));
await build({
  entryPoints: [resolve(root, entry)],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
