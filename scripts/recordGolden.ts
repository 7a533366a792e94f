/**
 * `npm run golden:record`: runs every case of the golden corpus (tests/golden/corpus.ts) and
 * rewrites its file in tests/golden/cases/, deleting the files of cases no longer listed. Only for
 * a change of the engine's results that is meant: the commit says why.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_CASES } from '../tests/golden/corpus';
import { CASE_NAME, CASES_DIR, EXT, recordCase, renderFile } from '../tests/golden/record';

const names = new Set<string>();
for (const c of GOLDEN_CASES) {
  if (!CASE_NAME.test(c.name)) throw new Error(`case name "${c.name}" is not allowed: lowercase letters, digits, '.' and '-'`);
  if (names.has(c.name)) throw new Error(`two cases are named "${c.name}"`);
  names.add(c.name);
}
mkdirSync(CASES_DIR, { recursive: true });
const started = performance.now();
let written = 0;
let unchanged = 0;
let bytes = 0;
for (const c of GOLDEN_CASES) {
  const t0 = performance.now();
  const text = renderFile(c, recordCase(c));
  const file = join(CASES_DIR, `${c.name}${EXT}`);
  const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
  bytes += Buffer.byteLength(text);
  if (before === text) unchanged++;
  else {
    writeFileSync(file, text);
    written++;
  }
  process.stdout.write(
    `${before === text ? 'same   ' : before === null ? 'new    ' : 'changed'} ${c.name} (${Math.round(performance.now() - t0)} ms)\n`,
  );
}
const stale = readdirSync(CASES_DIR).filter((f) => !(f.endsWith(EXT) && names.has(f.slice(0, -EXT.length))));
for (const f of stale) {
  rmSync(join(CASES_DIR, f));
  process.stdout.write(`deleted ${f}\n`);
}
process.stdout.write(
  `${GOLDEN_CASES.length} cases: ${written} written, ${unchanged} unchanged, ${stale.length} stale files deleted; ` +
    `${(bytes / 1e6).toFixed(2)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
