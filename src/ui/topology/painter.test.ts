import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '../../engine/snapshot';
import type { Journey } from '../frameBus';
import { fakeContext } from './fakeContext';
import { computeLayout } from './layout';
import { TopologyPainter, type BusLike, type UiLike } from './painter';

class FakeBus implements BusLike {
  version = 0;
  simNs = 0;
  running = false;
  recording = false;
  snapshot: EngineSnapshot | null = null;
  topology = null;
  journeys = new Map<number, Journey>();
  nicDrops: { place: number; at: number }[] = [];
  private listeners = new Set<() => void>();
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  update(simNs: number): void {
    this.simNs = simNs;
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

function setup(ui: Partial<UiLike> = {}) {
  const bus = new FakeBus();
  const queue: ((t: number) => void)[] = [];
  const { ctx } = fakeContext();
  const canvas = { width: 0, height: 0, getContext: () => ctx } as unknown as HTMLCanvasElement;
  const state: UiLike = { theme: 'light', projector: false, reducedMotion: false, colorBy: 'flow', selected: null, speed: 1e3, ...ui };
  const painter = new TopologyPainter(canvas, {
    bus,
    ui: () => state,
    raf: (cb) => queue.push(cb),
    cancelRaf: () => queue.splice(0),
    style: () => null,
  });
  let now = 0;
  /** Runs the pending animation frames, `ms` after the last ones. */
  const tick = (ms = 16): number => {
    now += ms;
    const cbs = queue.splice(0);
    for (const cb of cbs) cb(now);
    return cbs.length;
  };
  painter.setSize(800, 500, 2);
  painter.setLayout(
    computeLayout({
      topology: { cpus: 4, maxEntries: 4, kernel: '5.2', rx: [{ queue: 0, cpu: 0, size: 512 }], stack: 'deliver' },
      entries: [],
      width: 800,
      height: 500,
    }),
  );
  return { bus, painter, tick, queue, canvas };
}

describe('TopologyPainter', () => {
  it('sizes the backing store for the device pixel ratio', () => {
    const { canvas } = setup();
    expect(canvas.width).toBe(1600);
    expect(canvas.height).toBe(1000);
  });

  it('stops its loop when nothing changes: a paused page does not redraw', () => {
    const { painter, tick, queue } = setup();
    const stop = painter.start();
    tick();
    expect(painter.draws).toBe(1);
    expect(queue).toHaveLength(0);
    for (let i = 0; i < 10; i++) tick();
    expect(painter.draws).toBe(1);
    stop();
  });

  it('restarts on a frame-bus update and glides the display clock to the new time', () => {
    const { bus, painter, tick, queue } = setup();
    painter.start();
    tick();
    bus.update(1000);
    expect(queue).toHaveLength(1);
    let frames = 0;
    while (tick(16) > 0 && frames < 100) frames++;
    expect(painter.draws).toBeGreaterThan(2); // the update, then the glide
    expect(frames).toBeLessThan(20);
    const after = painter.draws;
    tick();
    expect(painter.draws).toBe(after);
  });

  it('jumps to the new time under reduced motion: one draw per update', () => {
    const { bus, painter, tick } = setup({ reducedMotion: true });
    painter.start();
    tick();
    bus.update(1000);
    while (tick() > 0);
    expect(painter.draws).toBe(2);
  });

  it('redraws once when invalidated (theme, selection, layout)', () => {
    const { painter, tick } = setup();
    painter.start();
    tick();
    painter.invalidate();
    painter.invalidate();
    while (tick() > 0);
    expect(painter.draws).toBe(2);
  });

  it('stops listening when stopped', () => {
    const { bus, painter, tick, queue } = setup();
    const stop = painter.start();
    tick();
    stop();
    bus.update(1000);
    expect(queue).toHaveLength(0);
    expect(painter.draws).toBe(1);
  });
});
