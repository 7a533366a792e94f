import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  formatDecimal,
  formatDuration,
  formatRate,
  numberSyntaxHint,
  parseDecimal,
  parseDuration,
  parseRate,
  parseWholeNumber,
} from './units';

/** Texts no number parser may accept: empty, signs, exponents, non-finite, stray characters. */
const GARBAGE = ['', ' ', 'NaN', 'Infinity', '-Infinity', '-1', '+1', '1e30', '1E3', '0x10', '.5', '5.', '1 ', ' 1', '1,5', '١', '１'];

describe('parseDuration', () => {
  it('reads each unit', () => {
    expect(parseDuration('100ns')).toBe(100);
    expect(parseDuration('2.5us')).toBe(2500);
    expect(parseDuration('2.5µs')).toBe(2500);
    expect(parseDuration('1ms')).toBe(1_000_000);
    expect(parseDuration('1s')).toBe(1_000_000_000);
    expect(parseDuration('3600s')).toBe(3_600_000_000_000);
  });

  it('reads a bare 0 and zero in any unit', () => {
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('0ns')).toBe(0);
    expect(parseDuration('0.0s')).toBe(0);
  });

  it('moves the decimal point exactly, without float rounding', () => {
    expect(parseDuration('1.1ms')).toBe(1_100_000);
    expect(parseDuration('0.000000001s')).toBe(1);
    expect(parseDuration('1.000000000s')).toBe(1_000_000_000);
    expect(parseDuration('0.3us')).toBe(300);
  });

  it('rejects fractions of a nanosecond', () => {
    expect(parseDuration('1.5ns')).toBeNull();
    expect(parseDuration('0.0000000001s')).toBeNull();
  });

  it('rejects a number without a unit (other than 0), unknown units and malformed text', () => {
    for (const text of ['5', '00', '1m', '1h', '1MS', '1 ms', 'ms', '1ms1', '1ms ', '1.ms', '.5ms', '-1ms', '+1ms', '1e3ms', ...GARBAGE]) {
      expect(parseDuration(text), text).toBeNull();
    }
  });

  it('rejects values too large to be finite', () => {
    expect(parseDuration(`${'9'.repeat(400)}s`)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('uses the largest unit in which the value is at least 1, when that is shortest', () => {
    expect(formatDuration(0)).toBe('0');
    expect(formatDuration(1)).toBe('1ns');
    expect(formatDuration(100)).toBe('100ns');
    expect(formatDuration(1500)).toBe('1.5us');
    expect(formatDuration(1_000_000)).toBe('1ms');
    expect(formatDuration(1_500_000)).toBe('1.5ms');
    expect(formatDuration(500_000_000)).toBe('500ms');
    expect(formatDuration(1_000_000_000)).toBe('1s');
    expect(formatDuration(3_600_000_000_000)).toBe('3600s');
  });

  it('prefers the plain nanosecond count when a larger unit would need a longer decimal', () => {
    expect(formatDuration(1_234_567)).toBe('1234567ns');
  });

  it('breaks a length tie in favour of the larger unit', () => {
    expect(formatDuration(12_340)).toBe('12.34us');
  });

  it('throws RangeError for values that are not whole non-negative nanoseconds', () => {
    for (const ns of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => formatDuration(ns)).toThrow(RangeError);
  });

  it('round-trips every safe integer', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (ns) => parseDuration(formatDuration(ns)) === ns));
  });

  it('round-trips integers beyond 2^53 and up to the largest double', () => {
    const hugeIntegers = fc.double({ min: 2 ** 53, noNaN: true, noDefaultInfinity: true }).filter(Number.isInteger);
    fc.assert(fc.property(hugeIntegers, (ns) => parseDuration(formatDuration(ns)) === ns));
    expect(parseDuration(formatDuration(Number.MAX_VALUE))).toBe(Number.MAX_VALUE);
  });
});

describe('parseRate', () => {
  it('reads plain numbers and the k, K, M and G suffixes', () => {
    expect(parseRate('1000')).toBe(1000);
    expect(parseRate('0')).toBe(0);
    expect(parseRate('500k')).toBe(500_000);
    expect(parseRate('500K')).toBe(500_000);
    expect(parseRate('14.88M')).toBe(14_880_000);
    expect(parseRate('1G')).toBe(1e9);
    expect(parseRate('0.5')).toBe(0.5);
  });

  it('scales exactly: 1.005k is 1005, where 1.005 * 1e3 would give 1004.9999999999999', () => {
    expect(1.005 * 1e3).not.toBe(1005);
    expect(parseRate('1.005k')).toBe(1005);
  });

  it('rejects exponent notation, signs, other suffixes and malformed text', () => {
    for (const text of ['1m', '1g', '1T', '1 M', 'M', '1MM', '1e6M', ...GARBAGE]) expect(parseRate(text), text).toBeNull();
  });

  it('rejects values too large to be finite', () => {
    expect(parseRate(`${'9'.repeat(400)}G`)).toBeNull();
  });
});

describe('formatRate', () => {
  it('writes the shortest form, preferring the larger suffix on a tie', () => {
    expect(formatRate(14_880_000)).toBe('14.88M');
    expect(formatRate(1_000_000)).toBe('1M');
    expect(formatRate(500_000)).toBe('500k');
    expect(formatRate(1500)).toBe('1.5k');
    expect(formatRate(1000)).toBe('1k');
    expect(formatRate(999)).toBe('999');
    expect(formatRate(1_234_567)).toBe('1234567');
    expect(formatRate(2e9)).toBe('2G');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(0.5)).toBe('0.5');
  });

  it('never uses exponent notation', () => {
    expect(formatRate(1e-7)).toBe('0.0000001');
    expect(formatRate(1e25)).toBe('10000000000000000G');
  });

  it('throws RangeError for negative and non-finite rates', () => {
    for (const pps of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => formatRate(pps)).toThrow(RangeError);
  });

  it('round-trips every finite non-negative double', () => {
    fc.assert(fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (pps) => parseRate(formatRate(pps)) === pps));
  });
});

describe('parseDecimal and formatDecimal', () => {
  it('read plain decimals', () => {
    expect(parseDecimal('10')).toBe(10);
    expect(parseDecimal('2.5')).toBe(2.5);
    expect(parseDecimal('0.001')).toBe(0.001);
    expect(parseDecimal('007')).toBe(7);
  });

  it('reject anything that is not a plain decimal', () => {
    for (const text of ['1k', '1ms', ...GARBAGE]) expect(parseDecimal(text), text).toBeNull();
  });

  it('write without exponent notation', () => {
    expect(formatDecimal(0.25)).toBe('0.25');
    expect(formatDecimal(1e-7)).toBe('0.0000001');
    expect(formatDecimal(1e21)).toBe('1000000000000000000000');
    expect(() => formatDecimal(-0.5)).toThrow(RangeError);
  });

  it('round-trip every finite non-negative double', () => {
    fc.assert(fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (x) => parseDecimal(formatDecimal(x)) === x));
  });
});

describe('parseWholeNumber', () => {
  it('reads decimal digits, leading zeros included', () => {
    expect(parseWholeNumber('0')).toBe(0);
    expect(parseWholeNumber('4294967295')).toBe(4_294_967_295);
    expect(parseWholeNumber('08')).toBe(8);
  });

  it('rejects fractions, garbage and numbers beyond 2^53 - 1', () => {
    for (const text of ['1.0', '1.5', '9007199254740992', ...GARBAGE]) expect(parseWholeNumber(text), text).toBeNull();
    expect(parseWholeNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('numberSyntaxHint', () => {
  it('says that exponent notation is not accepted', () => {
    for (const text of ['1e30', '1E3', '2.5e-3', '1e3ms', '-1e3']) expect(numberSyntaxHint(text), text).toMatch(/exponent notation/);
  });

  it('explains signs, spaces, hexadecimal, NaN/Infinity and bare decimal points', () => {
    expect(numberSyntaxHint('-5')).toMatch(/negative/);
    expect(numberSyntaxHint('+5')).toMatch(/leading \+/);
    expect(numberSyntaxHint(' 5')).toMatch(/spaces.*\+ stands for a space/);
    expect(numberSyntaxHint('5 ')).toMatch(/spaces/);
    expect(numberSyntaxHint('0x1F')).toMatch(/0x/);
    expect(numberSyntaxHint('NaN')).toMatch(/NaN and Infinity/);
    expect(numberSyntaxHint('Infinity')).toMatch(/NaN and Infinity/);
    expect(numberSyntaxHint('.5')).toMatch(/0\.5/);
    expect(numberSyntaxHint('5.')).toMatch(/after the decimal point/);
  });

  it('has nothing to say about ordinary typos or valid numbers', () => {
    for (const text of ['abc', '12', '1.5', '1ms', '']) expect(numberSyntaxHint(text), text).toBeNull();
  });
});
