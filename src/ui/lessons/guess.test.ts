import { describe, expect, it } from 'vitest';
import { offBy } from './guess';

describe('a guess against the run', () => {
  it('says how far off it is, and on which side', () => {
    expect(offBy(8, 8)).toBe('exact');
    expect(offBy(6e6, 8e6)).toBe('25% below');
    expect(offBy(8.4, 8)).toBe('5.0% above');
    expect(offBy(8.001, 8)).toBe('within 0.5%');
    expect(offBy(12345, 1)).toBe('1,234,400% above');
    expect(offBy(3, 0)).toBe('above 0');
  });
});
