/**
 * The golden corpus: every case of tests/golden/corpus.ts is run in-process and what it prints
 * (--json, --trace) and the engine's end state must equal its recorded file byte for byte. A
 * difference means the engine's results changed: if that is meant, run `npm run golden:record`
 * and say why in the commit; if not, it is a regression.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { GOLDEN_CASES } from './corpus';
import { CASES_DIR, EXT, KINDS, RECORD_COMMAND, firstDifference, parseFile, recordCase, renderFile } from './record';

const IF_MEANT = `If the change of the engine's results is meant, run \`${RECORD_COMMAND}\` and say why in the commit; otherwise it is a regression.`;

describe('golden corpus', () => {
  it('has a recorded file for every case, and a case for every file', () => {
    const files = existsSync(CASES_DIR) ? readdirSync(CASES_DIR) : [];
    const names = GOLDEN_CASES.map((c) => `${c.name}${EXT}`);
    const missing = names.filter((f) => !files.includes(f));
    const stale = files.filter((f) => !names.includes(f));
    expect(
      { missing, stale },
      `cases with no recorded file (missing) and files of no case (stale) in ${relative(process.cwd(), CASES_DIR)}: run \`${RECORD_COMMAND}\` (it writes the missing and deletes the stale)`,
    ).toEqual({ missing: [], stale: [] });
  });

  for (const c of GOLDEN_CASES) {
    it(c.name, () => {
      const path = join(CASES_DIR, `${c.name}${EXT}`);
      const file = relative(process.cwd(), path);
      if (!existsSync(path)) expect.fail(`${c.name} has no recorded file (${file}): run \`${RECORD_COMMAND}\``);
      const recorded = readFileSync(path, 'utf8');
      const { sections } = parseFile(recorded);
      const now = recordCase(c);
      for (const kind of KINDS) {
        const was = sections[kind];
        if (was === undefined) expect.fail(`${file} has no ${kind} section: run \`${RECORD_COMMAND}\``);
        const actual = now[kind];
        if (actual !== was) {
          expect(actual, `${c.name}: the ${kind} output differs from ${file}; ${firstDifference(was, actual)}\n${IF_MEANT}`).toBe(was);
        }
      }
      // The header and the commands too (a case's query or flags changed without re-recording).
      const text = renderFile(c, now);
      if (text !== recorded) expect(text, `${c.name}: ${file} differs; ${firstDifference(recorded, text)}\n${IF_MEANT}`).toBe(recorded);
    });
  }
});
