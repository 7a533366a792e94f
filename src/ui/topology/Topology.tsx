/**
 * The "Topology" region: the canvas (drawn by TopologyPainter from the frame bus, outside React),
 * transparent buttons over it for every CPU, RX queue, bulk queue and entry (so a person, a
 * screen reader or Playwright can select them by name), the reduced-motion live summary, and the
 * Inspector beside it. React owns only the elements; it re-renders when the topology, the set of
 * entries, the size or the projector flag change, never per frame.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { EngineSnapshot } from '../../engine/snapshot';
import { frameBus, type FrameBus } from '../frameBus';
import { useUi } from '../store';
import type { InspectTarget } from '../../worker/protocol';
import { hotspots, type EntryNaming } from './hotspots';
import { Inspector } from './deferredInspector';
import { computeLayout, type LayoutEntry } from './layout';
import { LiveSummary } from './LiveSummary';
import { placementSignature, withPlacement } from './placement';
import { TopologyPainter, type UiLike } from './painter';
import { RateTracker } from './rates';
import { RatesTable } from './RatesTable';
import { pagePainter, pickFrameOnClick } from '../orient/followFrame';
import { useOrient } from '../orient/orientStore';

/**
 * "uid:cpu:qsize:inSlot:prog" per entry: changes only when the entries' layout or names change
 * (a program's label, such as "drop 25%", has no ':' or ',').
 */
function entriesSignature(s: EngineSnapshot | null): string {
  if (s === null) return '';
  return s.entries.map((e) => `${e.uid}:${e.cpu}:${e.qsize}:${e.inSlot ? 1 : 0}:${e.prog ?? ''}`).join(',');
}

function parseSignature(sig: string): (LayoutEntry & EntryNaming)[] {
  if (sig === '') return [];
  return sig.split(',').map((part) => {
    const [uid, cpu, qsize, inSlot, prog] = part.split(':');
    const entry = { uid: Number(uid), cpu: Number(cpu), qsize: Number(qsize), inSlot: inSlot === '1' };
    return prog === '' ? entry : { ...entry, prog };
  });
}

/** Selects `target` for the inspector and asks the worker to inspect it. */
export function inspect(target: InspectTarget): void {
  useUi.getState().select(target);
}

// The stage fills the region (the page gives the region its height); the inspector sits beside
// it, or under it when the region is narrow (a container query, so the page layout decides).
const CSS = `
.topology{container-type:inline-size;display:flex;flex-direction:column;height:100%;min-height:0}
.topology-body{display:flex;gap:0.5rem;flex:1 1 auto;min-height:0}
.topology-stage{position:relative;flex:1 1 auto;min-width:0;min-height:22rem}
.topology-inspector{flex:0 0 17rem;overflow-y:auto;padding:0.25rem 0.5rem}
@container (max-width: 60rem){.topology-body{flex-direction:column}.topology-inspector{flex:0 0 auto;max-height:16rem}}
.topology-stage[data-following],.topology-stage[data-following] *{cursor:crosshair}
.topology-hotspot{position:absolute;margin:0;padding:0;border:0;background:transparent;cursor:pointer;border-radius:2px}
.topology-hotspot:hover{outline:1px dashed currentColor;outline-offset:1px}
.topology-hotspot:focus-visible{outline:var(--focus-ring,3px) solid var(--focus,Highlight);outline-offset:1px}
.topology-hotspot[data-highlight]{outline:3px solid var(--highlight,#d9480f);outline-offset:2px;box-shadow:0 0 0 6px color-mix(in srgb,var(--highlight,#d9480f) 25%,transparent)}
`;

const pageUi = (): UiLike => useUi.getState();

/** `bus` and `ui` are fixed for the component's life (a different run needs a new `key`). */
export interface TopologyProps {
  /** The run drawn: the page's own by default; side by side, each run has its bus. */
  bus?: FrameBus;
  /** The view settings the painter reads (a stable function): the page's store by default. */
  ui?: () => UiLike;
  /** Without the element buttons and the Inspector: selecting belongs to the single view. */
  compact?: boolean;
  /** The region's accessible name. */
  label?: string;
  /** The Inspector beside the canvas (presentation mode shows it in the side pane instead). */
  inspector?: boolean;
}

/** The Topology region: canvas, buttons over it, live summary and the Inspector. */
export function Topology({ bus = frameBus, ui = pageUi, compact = false, label = 'Topology', inspector = true }: TopologyProps) {
  const subscribe = useCallback((fn: () => void) => bus.subscribe(fn), [bus]);
  const getTopology = useCallback(() => bus.topology, [bus]);
  const getSignature = useCallback(() => entriesSignature(bus.snapshot), [bus]);
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const painterRef = useRef<TopologyPainter | null>(null);
  // The rates row's figures: the painter feeds them, the canvas and the accessible table show them.
  const [tracker] = useState(() => new RateTracker());
  const [size, setSize] = useState({ w: 0, h: 0, dpr: 1 });
  const busTopology = useSyncExternalStore(subscribe, getTopology, getTopology);
  const storeTopology = useUi((s) => s.topology);
  const getPlacement = useCallback(() => placementSignature(bus.snapshot), [bus]);
  const placement = useSyncExternalStore(subscribe, getPlacement, getPlacement);
  const loaded = busTopology ?? storeTopology;
  // RX queues drawn on the CPU that polls them now (they follow an irq move).
  const topology = useMemo(() => (loaded === null ? null : withPlacement(loaded, placement)), [loaded, placement]);
  const signature = useSyncExternalStore(subscribe, getSignature, getSignature);
  const projector = useUi((s) => s.projector);
  const entries = useMemo(() => parseSignature(signature), [signature]);
  const layoutKey = entries.map((e) => `${e.uid}:${e.cpu}:${e.qsize}`).join(',');
  const layout = useMemo(
    () =>
      topology === null || size.w <= 0 || size.h <= 0
        ? null
        : computeLayout({ topology, entries: parseSignature(layoutKey), width: size.w, height: size.h, projector }),
    [topology, layoutKey, size.w, size.h, projector],
  );
  const spots = useMemo(() => (layout === null || compact ? [] : hotspots(layout, entries)), [layout, entries, compact]);
  const highlight = useUi((s) => s.highlight);
  const withheld = useUi((s) => s.ratesWithheld);
  const pendingInspect = useUi((s) => s.pendingInspect);
  const following = useOrient((s) => s.following);

  // The page's rates row keeps its figures back while a lesson's question waits (PredictBox).
  useEffect(() => {
    tracker.withhold(compact ? null : withheld);
    painterRef.current?.invalidate();
  }, [tracker, compact, withheld]);

  // A lesson step's element to inspect, as soon as the topology shows it.
  useEffect(() => {
    if (pendingInspect === null) return;
    const spot = spots.find((h) => h.name === pendingInspect);
    if (spot === undefined) return;
    useUi.setState({ pendingInspect: null });
    inspect(spot.target);
  }, [pendingInspect, spots]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return undefined;
    const painter = new TopologyPainter(canvas, { bus, ui, rates: tracker });
    painterRef.current = painter;
    if (!compact) pagePainter.current = painter;
    const stop = painter.start();
    const unsubscribe = useUi.subscribe((s, prev) => {
      if (
        s.theme !== prev.theme ||
        s.projector !== prev.projector ||
        s.colorBy !== prev.colorBy ||
        s.selected !== prev.selected ||
        s.reducedMotion !== prev.reducedMotion
      )
        painter.invalidate();
    });
    return () => {
      stop();
      unsubscribe();
      painterRef.current = null;
      if (pagePainter.current === painter) pagePainter.current = null;
    };
  }, [bus, ui, tracker, compact]);

  useEffect(() => {
    const stage = stageRef.current;
    if (stage === null) return undefined;
    const measure = (): void => {
      const r = stage.getBoundingClientRect();
      setSize({ w: Math.round(r.width), h: Math.round(r.height), dpr: window.devicePixelRatio || 1 });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(stage);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    painterRef.current?.setSize(size.w, size.h, size.dpr);
  }, [size]);
  useEffect(() => {
    painterRef.current?.setLayout(layout);
  }, [layout]);

  return (
    <section aria-label={label} className="topology">
      <style>{CSS}</style>
      <div className="topology-body">
        <div
          ref={stageRef}
          className="topology-stage"
          data-following={following && !compact ? '' : undefined}
          onClickCapture={compact ? undefined : (e) => pickFrameOnClick(e, painterRef.current)}
        >
          <canvas
            ref={canvasRef}
            role="img"
            aria-label="Diagram of the CPUs, NIC queues, bulk queues, ptr_rings and kthreads with frames moving through them"
            style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', display: 'block' }}
          />
          {spots.map((h) => (
            <button
              key={h.key}
              type="button"
              className="topology-hotspot"
              aria-label={h.name}
              title={h.description === undefined ? h.name : `${h.name}: ${h.description}`}
              data-highlight={highlight.includes(h.name) ? '' : undefined}
              onClick={() => inspect(h.target)}
              style={{ left: h.rect.x, top: h.rect.y, width: h.rect.w, height: h.rect.h }}
            />
          ))}
          <LiveSummary bus={bus} />
          <RatesTable tracker={tracker} />
        </div>
        {compact || !inspector ? null : <Inspector />}
      </div>
    </section>
  );
}
