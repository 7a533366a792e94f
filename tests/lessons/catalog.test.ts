import { describe, expect, it } from 'vitest';
import { LESSON_CATALOG } from '../../src/lessons/catalog';
import { LESSONS } from '../../src/lessons';

describe('the lesson catalog (what the lesson list shows before a lesson is fetched)', () => {
  it('names every lesson, in order, with its own title and summary', () => {
    expect(LESSON_CATALOG).toEqual(LESSONS.map((l) => ({ id: l.id, title: l.title })));
  });
});
