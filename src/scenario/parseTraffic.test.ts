import { describe, it, expect } from 'vitest';
import { lineRatePps } from './defaults';
import { parseScenario } from './parse';
import { clean, refused } from './parseTestHelpers';

describe('parseScenario: rate, link and the line rate', () => {
  it('reads rates with suffixes, and 0', () => {
    expect(clean('rate=14.88M').rate).toBe(14_880_000);
    expect(clean('rate=500k').rate).toBe(500_000);
    expect(clean('rate=1000').rate).toBe(1000);
    expect(clean('rate=0').rate).toBe(0);
  });

  it('computes the line rate with 20 bytes of preamble and gap per frame', () => {
    expect(lineRatePps(10, 64)).toBeCloseTo(14_880_952.38, 2);
    expect(lineRatePps(100, 1518)).toBeCloseTo(8_127_438.23, 2);
  });

  it('refuses a rate above the line rate, saying what the line rate is', () => {
    const s = refused(
      'rate=20M',
      'rate',
      '20M',
      'rate: "20M" is not allowed: at most 14,880,952 pps, the line rate of a 10 Gbit/s link for 64-byte frames',
    );
    expect(s.rate).toBe(1_000_000);
  });

  it('accepts a rate up to the line rate exactly', () => {
    expect(clean('rate=14880952.38').rate).toBe(14_880_952.38);
  });

  it('checks the rate against the parsed link and size', () => {
    expect(clean('link=100&rate=100M').rate).toBe(100_000_000);
    refused('link=2.5&size=1518&rate=1M', 'rate', '1M', 'at most 203,185 pps, the line rate of a 2.5 Gbit/s link for 1518-byte frames');
  });

  it('checks the rate against the default link when link is bad', () => {
    const { problems } = parseScenario('link=1000&rate=20M');
    expect(problems.map((p) => p.param)).toEqual(['link', 'rate']);
    expect(problems[1].message).toContain('10 Gbit/s link');
  });

  it('lowers the default rate to the line rate of a slow link', () => {
    const s = clean('link=0.1&size=1518');
    expect(s.rate).toBe(lineRatePps(0.1, 1518));
  });

  it.each(['1e6', '-1', '1m', '', '1 M', 'NaN', 'Infinity'])('refuses rate=%j', (value) => {
    refused(`rate=${encodeURIComponent(value)}`, 'rate', value, 'frames per second: a decimal number with an optional k, M or G suffix');
  });

  it('says that exponent notation is not accepted for rates', () => {
    refused('rate=1e30', 'rate', '1e30', 'exponent notation such as 1e30 is not accepted');
  });

  it('reads link speeds from 0.1 to 400 Gbit/s', () => {
    expect(clean('link=0.1').link).toBe(0.1);
    expect(clean('link=2.5').link).toBe(2.5);
    expect(clean('link=400').link).toBe(400);
  });

  it.each(['0.09', '400.5', '0', '10G', '1e2'])('refuses link=%j', (value) => {
    expect(refused(`link=${value}`, 'link', value, 'a link speed in Gbit/s from 0.1 to 400').link).toBe(10);
  });
});

describe('parseScenario: arrival', () => {
  it('reads constant, poisson, bursty (64) and bursty:N', () => {
    expect(clean('arrival=constant').arrival).toEqual({ kind: 'constant' });
    expect(clean('arrival=poisson').arrival).toEqual({ kind: 'poisson' });
    expect(clean('arrival=bursty').arrival).toEqual({ kind: 'bursty', burst: 64 });
    expect(clean('arrival=bursty:2').arrival).toEqual({ kind: 'bursty', burst: 2 });
    expect(clean('arrival=bursty:4096').arrival).toEqual({ kind: 'bursty', burst: 4096 });
  });

  it.each(['bursty:1', 'bursty:4097', 'bursty:', 'bursty:x', 'burst', 'Poisson', ''])('refuses arrival=%j', (value) => {
    const s = refused(
      `arrival=${value}`,
      'arrival',
      value,
      'constant, poisson, bursty (bursts of 64 frames) or bursty:N with N a whole number from 2 to 4096',
    );
    expect(s.arrival).toEqual({ kind: 'poisson' });
  });
});

describe('parseScenario: prog', () => {
  it('reads rr, hash and cpu:N for any u32 N, even a CPU without an entry', () => {
    expect(clean('prog=rr').prog).toEqual({ kind: 'rr' });
    expect(clean('prog=hash').prog).toEqual({ kind: 'hash' });
    expect(clean('prog=cpu:0').prog).toEqual({ kind: 'cpu', cpu: 0 });
    expect(clean('cpus=2&prog=cpu:63').prog).toEqual({ kind: 'cpu', cpu: 63 });
    expect(clean('prog=cpu:4294967295').prog).toEqual({ kind: 'cpu', cpu: 4_294_967_295 });
  });

  it.each(['cpu:4294967296', 'cpu:-1', 'cpu:', 'cpu', 'random', 'cpu:1:2'])('refuses prog=%j', (value) => {
    const s = refused(`prog=${value}`, 'prog', value, 'rr, hash or cpu:N with N a whole number from 0 to 4294967295');
    expect(s.prog).toEqual({ kind: 'hash' });
  });
});

describe('parseScenario: drop, stack, cap', () => {
  it('reads drop fractions from 0 to 1', () => {
    expect(clean('drop=0').drop).toBe(0);
    expect(clean('drop=0.25').drop).toBe(0.25);
    expect(clean('drop=1').drop).toBe(1);
  });

  it.each(['1.01', '-0.1', '25%', '.5', '2'])('refuses drop=%j', (value) => {
    expect(refused(`drop=${encodeURIComponent(value)}`, 'drop', value, 'a fraction from 0 to 1').drop).toBe(0);
  });

  it.each(['iptables-drop', 'udp-noport', 'deliver'] as const)('reads stack=%s', (stack) => {
    expect(clean(`stack=${stack}`).stack).toBe(stack);
  });

  it('refuses an unknown stack verdict', () => {
    expect(refused('stack=drop', 'stack', 'drop', 'iptables-drop, udp-noport or deliver').stack).toBe('udp-noport');
  });

  it('reads cap=0 and cap=1', () => {
    expect(clean('cap=0').cap).toBe(false);
    expect(clean('cap=1').cap).toBe(true);
  });

  it.each(['true', '', '2', '01'])('refuses cap=%j', (value) => {
    expect(refused(`cap=${value}`, 'cap', value, '0 or 1').cap).toBe(true);
  });
});
