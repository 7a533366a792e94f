/**
 * What the page does with the worker's messages: low-frequency state to the store, snapshots and
 * journeys to the frame bus, statistics and trace lines to the feeds, map operations done by hand
 * to the link. A state report (after a lost message) replaces all of it at once.
 */
import { frameBus } from './frameBus';
import { formatSimTime } from './format';
import { feeds } from './feeds';
import { useUi } from './store';
import { useLink } from './url/linkState';
import { eventFeed } from './orient/eventFeed';
import { useOrient } from './orient/orientStore';
import { MAX_OP_LOG, type FromWorker, type LoadedMessage, type StateMessage } from '../worker/protocol';

/** Applies one message (the worker client handles 'error', 'pong' and 'state' itself). */
export function route(msg: FromWorker): void {
  switch (msg.type) {
    case 'loaded':
      applyLoaded(msg);
      break;
    case 'frame':
      frameBus.update(msg.snapshot, msg.running, msg.moves);
      feeds.addFrame(msg.stats, msg.trace, msg.traceSkipped, msg.statsInterval);
      feeds.setProgress(msg.statsProgress);
      eventFeed.add(msg.events);
      // A caption says what one Step did: once the run plays on, it no longer does.
      if (msg.running && useOrient.getState().caption !== '') useOrient.setState({ caption: '' });
      // The requested speed is the page's own (store.speed): an echo could undo a newer request.
      useUi.setState({
        simNs: msg.snapshot.simNs,
        furthestNs: msg.furthestNs,
        running: msg.running,
        actualSpeed: msg.actualSpeed,
        behind: msg.behind,
        // A frame posted before a deselection must not bring the inspector back.
        inspection: useUi.getState().selected === null ? null : msg.inspection,
      });
      break;
    case 'opResult':
      if (msg.scheduled !== true) useLink.getState().addManual(msg.record);
      feeds.addOp(msg.record.at, msg.text);
      eventFeed.addOp(msg.record.at, msg.record.op === 'irq' ? null : msg.record.key, msg.text);
      useUi.setState((s) => ({ opStatus: msg.text, opLog: [...s.opLog, msg.record].slice(-MAX_OP_LOG) }));
      break;
    case 'rewound':
      frameBus.rewind();
      feeds.rewind(msg.t, msg.stats);
      eventFeed.rewind(msg.t);
      useUi.setState((s) => ({ lastSeekMs: msg.ms ?? s.lastSeekMs, seeks: s.seeks + 1, opLog: s.opLog.filter((r) => r.at <= msg.t) }));
      break;
    case 'forked': {
      useLink.getState().forked(msg.at);
      const dropped =
        msg.discardedOps === 0 ? '' : `; ${msg.discardedOps} later hand-made operation${msg.discardedOps === 1 ? '' : 's'} discarded`;
      useUi.setState({ forkNote: `Forked at ${formatSimTime(msg.at)}: the run's later future is discarded${dropped}.` });
      break;
    }
    case 'stepCaption':
      useOrient.setState({ caption: msg.text });
      break;
    case 'error':
    case 'pong':
    case 'state':
      break;
  }
}

function applyLoaded(msg: LoadedMessage): void {
  frameBus.setTopology(msg.topology);
  feeds.clear();
  eventFeed.clear();
  useOrient.setState({ caption: '' });
  // The link notice names the address's problems (one notice, not one per panel).
  useLink.getState().loaded(msg.problems);
  useUi.setState({
    query: msg.query,
    problems: [],
    create: msg.create,
    topology: msg.topology,
    selected: null,
    inspection: null,
    opLog: [],
    forkNote: '',
    opStatus: `BPF_MAP_CREATE: ${msg.create}`,
  });
}

/**
 * A state report after a lost message: the page takes it whole. `loadLost`: a 'loaded' went
 * missing, so the scenario itself is news. Journeys seen so far may have gaps: they start afresh.
 * The trace log is a stream (it already counts hits it never got) and keeps what it has.
 */
export function applyState(msg: StateMessage, loadLost: boolean): void {
  if (loadLost && msg.loaded !== null) applyLoaded(msg.loaded);
  useLink.getState().setManual(msg.handOps);
  frameBus.rewind();
  feeds.rewind(msg.simNs, msg.stats);
  useUi.setState((s) => ({
    opLog: msg.ops,
    opStatus: msg.lastOpText ?? s.opStatus,
    simNs: msg.simNs,
    furthestNs: msg.furthestNs,
    running: msg.running,
    // A lost 'rewound' must not leave the timeline waiting for it.
    seeks: s.seeks + 1,
    inspection: s.selected === null ? null : msg.inspection,
  }));
}
