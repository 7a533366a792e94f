/**
 * The side-by-side page, fetched only when a link asks for it (`compare`): the single view's
 * first frame does not need it.
 */
import { lazy, Suspense } from 'react';

const Loaded = lazy(() => import('./ComparePage').then((m) => ({ default: m.ComparePage })));

export function ComparePage() {
  return (
    <Suspense fallback={<p role="status">Loading the side-by-side view…</p>}>
      <Loaded />
    </Suspense>
  );
}
