/**
 * Colours of the Topology canvas. Each can be set by a CSS custom property `--topo-<name>` on the
 * canvas or an ancestor (read once per drawn frame); otherwise the light, dark or projector
 * defaults below apply. Every state is also told by a label or a shape, never by colour alone.
 */

/** Colour names, each overridable as `--topo-<name>` (e.g. `--topo-ring-stored`). */
const NAMES = [
  'bg',
  'card',
  'card-busy',
  'stroke',
  'fg',
  'muted',
  'free',
  'ring-stored',
  'ring-pending',
  'producer',
  'head',
  'tail',
  'sleeping',
  'runnable',
  'running',
  'stopping',
  'created',
  'rcu-read',
  'rcu-hold',
  'flush',
  'softirq',
  'ksoftirqd',
  'kthread',
  'switch',
  'drop',
  'verdict',
  'delivered',
  'link',
  'select',
] as const;

/** One of the palette's named colours. */
export type ColorName = (typeof NAMES)[number];

/** Resolved colours for one frame. */
export interface Palette {
  color: Record<ColorName, string>;
  /** Dot colours by flow or target CPU (8). */
  dots: string[];
  /** Dots whose target is not known yet. */
  neutralDot: string;
}

type Base = Record<ColorName, string>;

const LIGHT: Base = {
  bg: '#ffffff',
  card: '#f4f5f7',
  'card-busy': '#e8eefb',
  stroke: '#5f6773',
  fg: '#15191f',
  muted: '#5b6470',
  free: '#dde1e6',
  'ring-stored': '#1f5fcf',
  'ring-pending': '#e08a00',
  producer: '#b3124f',
  head: '#0b7a6f',
  tail: '#6a3fc8',
  sleeping: '#6b7686',
  runnable: '#c77700',
  running: '#1a7f37',
  stopping: '#c4262e',
  created: '#2f6fde',
  'rcu-read': '#7c3aed',
  'rcu-hold': '#d9480f',
  flush: '#c2410c',
  softirq: '#1f5fcf',
  ksoftirqd: '#8b5cf6',
  kthread: '#1a7f37',
  switch: '#9aa3ad',
  drop: '#d0191f',
  verdict: '#5f6b7d',
  delivered: '#1a7f37',
  link: '#9aa3ad',
  select: '#0a66ff',
};

const DARK: Base = {
  bg: '#111318',
  card: '#1b1e25',
  'card-busy': '#1d2a40',
  stroke: '#9aa4b1',
  fg: '#eceff3',
  muted: '#a4adb8',
  free: '#333944',
  'ring-stored': '#5c9dff',
  'ring-pending': '#ffb02e',
  producer: '#ff6fa8',
  head: '#3fd6c4',
  tail: '#b794ff',
  sleeping: '#8d98a8',
  runnable: '#ffb02e',
  running: '#3fd37a',
  stopping: '#ff5c61',
  created: '#7fb0ff',
  'rcu-read': '#b794ff',
  'rcu-hold': '#ff8a3d',
  flush: '#ff9a52',
  softirq: '#5c9dff',
  ksoftirqd: '#b794ff',
  kthread: '#3fd37a',
  switch: '#6b7480',
  drop: '#ff4d52',
  verdict: '#9aa6b6',
  delivered: '#3fd37a',
  link: '#5b6470',
  select: '#7fb0ff',
};

const DOTS_LIGHT = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#3a9bd9', '#8a6d00', '#5a5a5a'];
const DOTS_DARK = ['#56b4e9', '#f0c75e', '#3ddc97', '#f08cc8', '#ff8c42', '#a6c8ff', '#e6d35c', '#d8d8d8'];

/** Projector: pure background, full-contrast strokes and text, no pale fills. */
function projectorOf(b: Base, dark: boolean): Base {
  return {
    ...b,
    bg: dark ? '#000000' : '#ffffff',
    card: dark ? '#0d0d0d' : '#f7f7f7',
    stroke: b.fg,
    muted: dark ? '#d0d4da' : '#2b3038',
    free: dark ? '#3a3f48' : '#c9ced6',
    link: dark ? '#8a939e' : '#6b7480',
    verdict: dark ? '#c3cbd6' : '#434c59',
  };
}

/** The fallback palette for a theme. */
export function defaultPalette(theme: 'light' | 'dark', projector: boolean): Palette {
  const dark = theme === 'dark';
  const base = dark ? DARK : LIGHT;
  return {
    color: projector ? projectorOf(base, dark) : { ...base },
    dots: dark ? DOTS_DARK : DOTS_LIGHT,
    neutralDot: dark ? '#c8ccd2' : '#4a4f57',
  };
}

/** Reads `--topo-*` overrides from `style` (a CSSStyleDeclaration, e.g. getComputedStyle(canvas)). */
export function readPalette(
  style: Pick<CSSStyleDeclaration, 'getPropertyValue'> | null,
  theme: 'light' | 'dark',
  projector: boolean,
): Palette {
  const p = defaultPalette(theme, projector);
  if (style === null) return p;
  for (const n of NAMES) {
    const v = style.getPropertyValue(`--topo-${n}`).trim();
    if (v !== '') p.color[n] = v;
  }
  const dots = p.dots.map((d, i) => style.getPropertyValue(`--topo-dot-${i}`).trim() || d);
  return { ...p, dots };
}
