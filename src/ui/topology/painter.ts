/**
 * The Topology canvas's requestAnimationFrame loop, framework-free (the React component only
 * creates it and feeds it the layout and size). It draws only when something changed: a new
 * update on the frame bus, the display clock moving, or an explicit invalidate (layout, size,
 * theme, selection). When the display clock has caught up with the latest snapshot and nothing
 * else changed, the loop stops; the next frame-bus update starts it again. A paused page with
 * nothing changing does not redraw.
 *
 * The display clock: each update retargets it to the snapshot's simulated time, and it glides
 * there over the wall time the previous update took (so motion is smooth at any speed). With
 * reduced motion it jumps.
 */
import type { EngineSnapshot } from '../../engine/snapshot';
import type { Journey } from '../frameBus';
import type { ColorBy, Theme } from '../store';
import type { InspectTarget, Topology } from '../../worker/protocol';
import type { TopologyLayout } from './layout';
import { RateTracker } from './rates';
import { drawFrames, drawTopology } from './render';
import { frameDots, nearestFrame } from './frames';
import { readPalette } from './theme';

/** The part of the frame bus the painter reads. */
export interface BusLike {
  readonly version: number;
  /** Bumped when the run's past changes (a load, going back): the rates start over. */
  readonly epoch?: number;
  /** The epoch the snapshot arrived in. */
  readonly snapshotEpoch?: number;
  readonly simNs: number;
  readonly running: boolean;
  /** The worker sends per-frame journeys at this speed. */
  readonly recording: boolean;
  readonly snapshot: EngineSnapshot | null;
  readonly topology: Topology | null;
  readonly journeys: ReadonlyMap<number, Journey>;
  readonly nicDrops: readonly { place: number; at: number }[];
  subscribe(fn: () => void): () => void;
}

/** The part of the UI store the painter reads (each drawn frame). */
export interface UiLike {
  theme: Theme;
  projector: boolean;
  reducedMotion: boolean;
  colorBy: ColorBy;
  selected: InspectTarget | null;
  /** Requested simulated ns per wall second. */
  speed: number;
}

/** Where the painter gets its inputs and timers (injectable for tests). */
export interface PainterDeps {
  bus: BusLike;
  ui: () => UiLike;
  raf?: (cb: (wallMs: number) => void) => number;
  cancelRaf?: (id: number) => void;
  /** Where the rates row's figures are kept (shared with the accessible table); a new one by default. */
  rates?: RateTracker;
  /** CSS custom properties for the palette (default: getComputedStyle of the canvas). */
  style?: (canvas: HTMLCanvasElement) => Pick<CSSStyleDeclaration, 'getPropertyValue'> | null;
}

/** Wall time a frame takes to fly between places, and a drop's flash lasts. */
const TRAVEL_S = 0.2;
const FLASH_S = 0.45;

/** The speed frames are animated at (as fast as possible draws as 1 ms per second). */
function drawSpeed(speed: number): number {
  return Number.isFinite(speed) && speed > 0 ? speed : 1e6;
}

/** Simulated ns a frame takes to fly between places at `speed`. */
function travelNs(speed: number): number {
  return drawSpeed(speed) * TRAVEL_S;
}

/** Draws the Topology canvas from the frame bus on animation frames, only when something changed. */
export class TopologyPainter {
  /** How many times it drew (for tests and the bench). */
  draws = 0;
  /** Wall ms the last draw took. */
  lastDrawMs = 0;
  /** Frames drawn as dots in the last draw. */
  lastDots = 0;
  readonly rates: RateTracker;
  private layout: TopologyLayout | null = null;
  private dpr = 1;
  private raf = 0;
  private dirty = true;
  private seenVersion = -1;
  private seenSnapshot: EngineSnapshot | null = null;
  private seenEpoch: number | undefined = undefined;
  private displayNs = 0;
  private fromNs = 0;
  private toNs = 0;
  private t0 = 0;
  private glideMs = 0;
  private lastUpdateWall = -Infinity;
  private drawnNs = NaN;
  private readonly requestFrame: (cb: (wallMs: number) => void) => number;
  private readonly cancelFrame: (id: number) => void;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly deps: PainterDeps,
  ) {
    this.rates = deps.rates ?? new RateTracker();
    this.requestFrame = deps.raf ?? ((cb) => requestAnimationFrame(cb));
    this.cancelFrame = deps.cancelRaf ?? ((id) => cancelAnimationFrame(id));
  }

  /** Starts listening to the bus; returns the function that stops everything. */
  start(): () => void {
    const off = this.deps.bus.subscribe(() => this.kick());
    this.kick();
    return () => {
      off();
      if (this.raf !== 0) this.cancelFrame(this.raf);
      this.raf = 0;
    };
  }

  /** Uses `layout` from the next frame on (null: draw nothing). */
  setLayout(layout: TopologyLayout | null): void {
    this.layout = layout;
    this.invalidate();
  }

  /** Sizes the backing store to `w` x `h` CSS pixels at `dpr`. */
  setSize(w: number, h: number, dpr: number): void {
    this.dpr = dpr > 0 ? dpr : 1;
    const bw = Math.max(1, Math.round(w * this.dpr));
    const bh = Math.max(1, Math.round(h * this.dpr));
    if (this.canvas.width !== bw) this.canvas.width = bw;
    if (this.canvas.height !== bh) this.canvas.height = bh;
    this.invalidate();
  }

  /** Redraw on the next frame even if the data did not change. */
  invalidate(): void {
    this.dirty = true;
    this.kick();
  }

  private kick(): void {
    if (this.raf === 0) this.raf = this.requestFrame(this.frame);
  }

  private readonly frame = (wallMs: number): void => {
    this.raf = 0;
    const bus = this.deps.bus;
    const ui = this.deps.ui();
    let changed = this.dirty;
    // First glide toward the current target, then retarget if the bus moved on: the display lags
    // the latest snapshot by about one update, and moves smoothly between updates.
    if (this.displayNs < this.toNs) {
      const f = ui.reducedMotion ? 1 : Math.min(1, (wallMs - this.t0) / this.glideMs);
      this.displayNs = f >= 1 ? this.toNs : this.fromNs + (this.toNs - this.fromNs) * f;
    }
    if (bus.version !== this.seenVersion) {
      this.seenVersion = bus.version;
      changed = true;
      if (bus.epoch !== this.seenEpoch) {
        this.seenEpoch = bus.epoch;
        this.rates.clear();
      }
      if (bus.snapshot !== this.seenSnapshot && bus.snapshot !== null && bus.snapshotEpoch === bus.epoch)
        this.rates.push(bus.snapshot, wallMs);
      this.seenSnapshot = bus.snapshot;
      const target = bus.simNs;
      if (target < this.displayNs || ui.reducedMotion) this.displayNs = target;
      this.fromNs = this.displayNs;
      this.toNs = target;
      this.t0 = wallMs;
      this.glideMs = Math.min(150, Math.max(16, wallMs - this.lastUpdateWall));
      this.lastUpdateWall = wallMs;
    }
    if (changed || this.displayNs !== this.drawnNs) {
      this.dirty = false;
      this.drawnNs = this.displayNs;
      this.draw(ui);
    }
    if (this.displayNs < this.toNs) this.kick();
  };

  /** The frame drawn nearest to (`x`, `y`) (CSS px on the canvas), within `maxDist` px; null if none. */
  frameAt(x: number, y: number, maxDist: number): number | null {
    const layout = this.layout;
    if (layout === null) return null;
    const ui = this.deps.ui();
    const motion = { reducedMotion: ui.reducedMotion, travelNs: travelNs(ui.speed) };
    return nearestFrame(this.deps.bus.journeys, this.displayNs, layout, motion, x, y, maxDist);
  }

  /** The frames drawn as dots now, with their positions (CSS px on the canvas). */
  dots(): { frame: number; x: number; y: number }[] {
    const layout = this.layout;
    if (layout === null) return [];
    const ui = this.deps.ui();
    return frameDots(this.deps.bus.journeys, this.displayNs, layout, { reducedMotion: ui.reducedMotion, travelNs: travelNs(ui.speed) });
  }

  private draw(ui: UiLike): void {
    const layout = this.layout;
    const ctx = this.canvas.getContext('2d');
    if (layout === null || ctx === null) return;
    const t0 = performance.now();
    const bus = this.deps.bus;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    const style = this.deps.style ? this.deps.style(this.canvas) : getComputedStyle(this.canvas);
    const palette = readPalette(style, ui.theme, ui.projector);
    const recording = bus.recording;
    drawTopology(ctx, {
      layout,
      snapshot: bus.snapshot,
      palette,
      rates: this.rates.rates,
      recording,
      running: bus.running,
      stack: bus.topology?.stack ?? '',
      genericXdp: bus.topology?.genericXdp ?? false,
      selected: ui.selected,
    });
    const speed = drawSpeed(ui.speed);
    this.lastDots = drawFrames(ctx, bus.journeys, this.displayNs, layout, ui.colorBy, {
      palette,
      reducedMotion: ui.reducedMotion,
      travelNs: travelNs(ui.speed),
      flashNs: speed * FLASH_S,
      radius: Math.max(2, Math.min(5, layout.font * 0.3)) * (ui.projector ? 1.3 : 1),
      line: layout.line,
      nicDrops: bus.nicDrops,
    });
    this.draws++;
    this.lastDrawMs = performance.now() - t0;
  }
}
