/**
 * The panels under the topology, fetched after the first frame (they are below the fold, and the
 * statistics charts bring d3, the lifecycle xstate). Each holds its region and heading meanwhile.
 */
import { deferred, PanelPlaceholder } from '../deferred';

export const MapOpsPanel = deferred(() => import('./MapOpsPanel').then((m) => m.MapOpsPanel), <PanelPlaceholder name="Map operations" />);
export const LifecyclePanel = deferred(
  () => import('./LifecyclePanel').then((m) => m.LifecyclePanel),
  <PanelPlaceholder name="Entry lifecycle" />,
);
export const StatsPanel = deferred(() => import('./StatsPanel').then((m) => m.StatsPanel), <PanelPlaceholder name="Statistics" />);
export const TraceLog = deferred(() => import('./TraceLog').then((m) => m.TraceLog), <PanelPlaceholder name="Trace log" />);
export const KernelCodePanel = deferred(
  () => import('./KernelCodePanel').then((m) => m.KernelCodePanel),
  <PanelPlaceholder name="Kernel code" />,
);
