import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { collectSweep } from './run';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### Sweeps'), readme.indexOf('## Scenario parameters'));
/** Each `npm run sweep` command of the section followed by the output shown for it. */
const examples = [...section.matchAll(/```sh\nnpm run sweep -- '([^']*)' ([^\n]*)\n```\n\n```\n([\s\S]*?)```\n/g)].map((m) => ({
  argv: [m[1], ...m[2].split(' ')],
  shown: m[3],
}));

it("the README's sweep examples print what it shows", async () => {
  expect(examples).toHaveLength(2);
  for (const { argv, shown } of examples) {
    const r = await collectSweep(argv);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(shown);
  }
});
