import { describe, expect, it } from 'vitest';
import { fakeHost } from './fakeHost';
import { needsLateKernel } from './kernelGate';
import { parseScenario } from '../scenario/parse';
import { VIEW_PARAMS } from '../scenario/viewParams';
import { SimController } from './simWorker';

describe('the later kernels’ code in the worker', () => {
  it('is needed only by a scenario whose kernel has GRO in the kthread (6.15 and later)', () => {
    const of = (query: string) => parseScenario(query, { extraParams: VIEW_PARAMS }).scenario;
    expect(needsLateKernel(of(''))).toBe(false);
    expect(needsLateKernel(of('kernel=6.12&traffic=tcp'))).toBe(false);
    expect(needsLateKernel(of('kernel=6.18&speed=1000'))).toBe(true);
  });

  it('6.18: the entry inspector says what GRO holds', () => {
    const h = fakeHost();
    const c = new SimController(h.host);
    c.receive({ type: 'load', query: 'kernel=6.18&traffic=tcp&rx=3&entries=4:2048&rate=10M&link=40&prog=rr&arrival=constant' });
    c.receive({ type: 'runTo', t: 4_500_000 });
    const entry = c.current!.entries[0];
    c.receive({ type: 'inspect', target: { kind: 'entry', uid: entry.uid } });
    const fields = new Map(h.frames().at(-1)?.inspection?.fields ?? []);
    expect(fields.get('GRO holds')).toMatch(/^\d+ frames? in \d+ SKBs?$/);
    expect(fields.get('GRO holds')).toContain(`${entry.gro!.frames} frame`);
  });
});
