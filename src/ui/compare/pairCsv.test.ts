import { describe, expect, it } from 'vitest';
import { statsCsv } from '../exports/statsCsv';
import { EDGE_STATS } from '../panels/stats/fixtures.test-util';
import { pairStatsCsv } from './pairCsv';

const sample = (endNs: number) => ({ endNs, periodNs: 1e6, partial: false, stats: EDGE_STATS, headroom: [], latency: [] });

describe('both runs in one CSV', () => {
  it('is each run’s CSV with a run column, under one header', () => {
    const a = [sample(1e6), sample(2e6)];
    const b = [sample(1e6)];
    const lines = pairStatsCsv([
      { name: 'A', samples: a },
      { name: 'B', samples: b },
    ]).split('\r\n');
    const single = (s: typeof a) => statsCsv(s).split('\r\n').slice(1, -1);
    expect(lines[0]).toBe(`run,${statsCsv([]).split('\r\n')[0]}`);
    expect(lines.slice(1, -1)).toEqual([...single(a).map((l) => `A,${l}`), ...single(b).map((l) => `B,${l}`)]);
    expect(lines.at(-1)).toBe('');
  });

  it('has only the header when no interval has completed', () => {
    expect(pairStatsCsv([{ name: 'A', samples: [] }])).toBe(`run,${statsCsv([])}`);
  });
});
