/**
 * The Events list, fetched after the first frame (it sits below the scenario form); it holds its
 * region and heading meanwhile.
 */
import { deferred, PanelPlaceholder } from '../deferred';

export const EventList = deferred(() => import('./EventList').then((m) => m.EventList), <PanelPlaceholder name="Events" />);
