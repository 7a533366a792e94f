import { describe, it, expect } from 'vitest';
import { parseScenario } from './parse';
import { serializeScenario } from './serialize';
import { clean, refused } from './parseTestHelpers';

describe('parseScenario: traffic (what the flows carry)', () => {
  it('reads udp (the default), tcp (runs of 16 segments) and tcp:N', () => {
    expect(clean('').traffic).toEqual({ kind: 'udp' });
    expect(clean('traffic=udp').traffic).toEqual({ kind: 'udp' });
    expect(clean('traffic=tcp').traffic).toEqual({ kind: 'tcp', run: 16 });
    expect(clean('traffic=tcp:1').traffic).toEqual({ kind: 'tcp', run: 1 });
    expect(clean('traffic=tcp:64').traffic).toEqual({ kind: 'tcp', run: 64 });
  });

  it('refuses another kind or a run out of range, naming what is allowed, and keeps the rest', () => {
    const allowed = 'udp, tcp (runs of 16 segments of one flow) or tcp:N with N a whole number from 1 to 64';
    expect(refused('traffic=quic&flows=8', 'traffic', 'quic', allowed).flows).toBe(8);
    refused('traffic=tcp:65', 'traffic', 'tcp:65', allowed);
    refused('traffic=tcp:0', 'traffic', 'tcp:0', allowed);
  });

  it('writes udp nowhere, not even in the full text, so earlier scenarios keep their text; tcp round-trips', () => {
    expect(serializeScenario(clean('traffic=udp'), 'full')).not.toContain('traffic');
    expect(serializeScenario(clean('traffic=tcp'))).toBe('traffic=tcp');
    expect(serializeScenario(clean('kernel=6.18&traffic=tcp:4'), 'full')).toContain('&traffic=tcp:4&');
    for (const q of ['traffic=tcp', 'traffic=tcp:4', 'kernel=6.18&traffic=tcp:64&flows=1']) {
      const { scenario, problems } = parseScenario(serializeScenario(clean(q)));
      expect(problems).toEqual([]);
      expect(scenario).toEqual(clean(q));
    }
  });
});
