/**
 * Where a lesson question's answer is on the page, once answered: the feedback names the place
 * and the page highlights it. Statistics rows and frame totals carry `data-place` (a stable key)
 * and read the pointed place from here; a topology element is highlighted as a step's are.
 */
import { create } from 'zustand';
import type { ScreenPlace } from '../../lessons/types';
import { TOTAL_LABELS } from '../panels/stats/totals';
import { useUi } from '../store';

export const usePointer = create<{ place: ScreenPlace | null }>(() => ({ place: null }));

/** The `data-place` key of a place. */
export function placeKey(p: ScreenPlace): string {
  return p.on === 'stats' ? `stats:${p.row}` : p.on === 'totals' ? `totals:${p.field}` : `topology:${p.element}`;
}

/** The place in words, for the feedback. */
export function placeText(p: ScreenPlace): string {
  switch (p.on) {
    case 'stats':
      return `${p.column === undefined ? 'the' : `the ${p.column} column of the`} "${p.row}" row of the Statistics table`;
    case 'totals':
      return `"${TOTAL_LABELS[p.field]}" in the run's frame totals (Statistics panel)`;
    case 'topology':
      return `${p.element} on the topology`;
  }
}

/** Highlights `p` (null: nothing); a topology element joins the step's highlighted ones. */
export function pointAt(p: ScreenPlace | null): void {
  usePointer.setState({ place: p });
  if (p?.on === 'topology') {
    const { highlight } = useUi.getState();
    if (!highlight.includes(p.element)) useUi.setState({ highlight: [...highlight, p.element] });
  }
}

/** Whether the element with `key` is the one pointed at. */
export function usePointed(key: string): boolean {
  return usePointer((s) => s.place !== null && placeKey(s.place) === key);
}

/** Where the panel of a place is: a panel off screen does not update, so its rows may not be drawn yet. */
const PANEL: Record<ScreenPlace['on'], string> = {
  stats: 'section[aria-label="Statistics"]',
  totals: 'section[aria-label="Statistics"]',
  topology: 'section[aria-label="Topology"]',
};

/** Scrolls the pointed element into view: its panel first, then (once the panel has drawn it) the element. */
export function showPlace(p: ScreenPlace): void {
  const element = () => (p.on === 'topology' ? null : document.querySelector(`[data-place="${CSS.escape(placeKey(p))}"]`));
  const found = element();
  if (found !== null) {
    found.scrollIntoView({ block: 'center' });
    return;
  }
  document.querySelector(PANEL[p.on])?.scrollIntoView({ block: 'start' });
  if (p.on !== 'topology') setTimeout(() => element()?.scrollIntoView({ block: 'center' }), 400);
}
