import { describe, expect, it } from 'vitest';
import { withParsedLoad } from '../ui/parsedLoad';
import { scenarioOfLoad } from './scenarioOfLoad';

describe("a 'load' and its scenario", () => {
  it('the page attaches its own parse, problems included, which the worker takes as it is', () => {
    const msg = withParsedLoad({ type: 'load', query: 'kernel=6.6&rate=oops&speed=1000' });
    if (msg.type !== 'load' || msg.parsed === undefined) throw new Error('no parse attached');
    expect(msg.parsed.scenario.kernel).toBe('6.6');
    expect(msg.parsed.problems.map((p) => p.param)).toEqual(['rate']);
    expect(scenarioOfLoad(msg)).toBe(msg.parsed);
    // Other messages pass unchanged.
    expect(withParsedLoad({ type: 'play' })).toEqual({ type: 'play' });
  });

  it('without one (Node), the installed parser reads the query the same way', () => {
    const msg = withParsedLoad({ type: 'load', query: 'kernel=5.15&mode=skb' });
    if (msg.type !== 'load') throw new Error('not a load');
    expect(scenarioOfLoad({ query: msg.query })).toEqual(msg.parsed);
  });
});
