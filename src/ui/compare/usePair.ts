/** Reads the pair's store in a component (re-renders when the selected part changes). */
import { useStore } from 'zustand';
import type { PairRunner, PairState } from './pairRunner';

export function usePair<T>(runner: PairRunner, select: (s: PairState) => T): T {
  return useStore(runner.store, select);
}
