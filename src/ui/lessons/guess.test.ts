import { describe, expect, it } from 'vitest';
import { offBy, parseGuess } from './guess';

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

describe('a typed guess', () => {
  it('is read as the Rate field reads a rate: suffixes, separators and a unit after it', () => {
    expect(parseGuess('2M')).toEqual({ value: 2_000_000 });
    expect(parseGuess('500k')).toEqual({ value: 500_000 });
    expect(parseGuess('1.5 Mpps')).toEqual({ value: 1_500_000 });
    expect(parseGuess(' 3,180,074 ')).toEqual({ value: 3_180_074 });
    expect(parseGuess('2.4')).toEqual({ value: 2.4 });
    expect(parseGuess('10000 wake-ups/s')).toEqual({ value: 10_000 });
    expect(parseGuess('0')).toEqual({ value: 0 });
  });

  it('says what is wrong with one it cannot read', () => {
    expect(parseGuess('')).toEqual({ problem: 'Type a number, or run without a guess.' });
    expect(parseGuess('-3')).toEqual({ problem: '"-3" is negative: the answer is a count, 0 or more.' });
    expect(parseGuess('lots')).toEqual({ problem: '"lots" is not a number the page reads: write it as 2M, 500k, 3,180,074 or 2.4.' });
    expect(parseGuess('2X')).toHaveProperty('problem');
  });
});
