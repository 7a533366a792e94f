import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine';
import { MoveRecorder } from '../../engine/moves';
import { takeSnapshot } from '../../engine/snapshot';
import { parseScenario } from '../../scenario/parse';
import { PRESETS } from '../../scenario/presets';
import type { Journey } from '../frameBus';
import { fakeContext } from './fakeContext';
import { computeLayout } from './layout';
import { RateTracker } from './rates';
import { MAX_WAITING_DOTS } from './frames';
import { drawFrames, drawTopology } from './render';
import { defaultPalette } from './theme';

/** Runs a preset for `ns` and draws it, structure and frames, in every theme. */
function drawPreset(query: string, ns: number): { dots: number; calls: number } {
  const { scenario } = parseScenario(query);
  const engine = new Engine(scenario);
  const rates = new RateTracker(500, 0);
  const journeys = new Map<number, Journey>();
  for (let step = 1; step <= 4; step++) {
    if (step === 4) engine.world.moves = new MoveRecorder();
    engine.runUntil((ns * step) / 4);
    if (engine.world.moves === null) {
      rates.push(takeSnapshot(engine), step * 16);
      continue;
    }
    const m = engine.world.moves.drain();
    for (let i = 0; i < m.count; i++) {
      if (m.frame[i] < 0) continue;
      const j = journeys.get(m.frame[i]) ?? { flow: m.flow[i], places: [], at: [] };
      j.places.push(m.place[i]);
      j.at.push(m.at[i]);
      journeys.set(m.frame[i], j);
    }
    rates.push(takeSnapshot(engine), step * 16);
  }
  const snapshot = takeSnapshot(engine);
  const topology = {
    cpus: scenario.cpus,
    maxEntries: scenario.max,
    kernel: scenario.kernel,
    rx: scenario.rx.map((cpu, queue) => ({ queue, cpu, size: scenario.ring })),
    stack: scenario.stack,
  };
  let dots = 0;
  let calls = 0;
  for (const [theme, projector] of [
    ['light', false],
    ['dark', true],
  ] as const) {
    const layout = computeLayout({ topology, entries: snapshot.entries, width: 1280, height: 720, projector });
    const palette = defaultPalette(theme, projector);
    const { ctx, calls: c } = fakeContext();
    drawTopology(ctx, {
      layout,
      snapshot,
      palette,
      rates: rates.rates,
      recording: true,
      running: true,
      stack: scenario.stack,
      selected: { kind: 'cpu', cpu: 0 },
    });
    dots = drawFrames(ctx, journeys, snapshot.simNs, layout, 'target', {
      palette,
      reducedMotion: false,
      travelNs: 100,
      flashNs: 300,
      radius: 3,
      line: layout.line,
    });
    calls += c.length;
  }
  return { dots, calls };
}

describe('drawTopology and drawFrames on the presets', () => {
  it.each(PRESETS.map((p) => [p.id, p.query]))('draw %s without throwing', (_id, query) => {
    const ms = /ops=20ms/.test(query) ? 22e6 : 2e6;
    const { calls } = drawPreset(query, ms);
    expect(calls).toBeGreaterThan(50);
  });

  it('draws the frames of a loaded run, a few of those waiting in each full queue', () => {
    // The queues and the ring fill up: each shows its first few frames, its count says the rest.
    const { dots } = drawPreset('rx=3&entries=4:192&rate=14.7M&prog=rr&arrival=constant&stack=udp-noport', 200_000);
    expect(dots).toBeGreaterThanOrEqual(MAX_WAITING_DOTS);
    expect(dots).toBeLessThan(100);
  });
});
