import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_FIGURES } from '../../src/calibration/publishedFigures';
import { modelFigure, publishedTable } from '../../src/calibration/publishedTable';

describe('published figures against the model', () => {
  it("the README's table is the one the model gives today", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(publishedTable());
  }, 120_000);

  it('every figure the model was fitted on is within 1%', () => {
    for (const f of PUBLISHED_FIGURES.filter((x) => x.use === 'fitted')) {
      const { value, before } = modelFigure(f);
      // A change published on another machine: the ratio is what was fitted.
      const [model, published] =
        f.before === undefined || before === undefined ? [value, f.published] : [value / before, f.published / f.before.published];
      expect(Math.abs(model - published) / published, f.setup).toBeLessThan(0.01);
    }
  }, 120_000);
});
