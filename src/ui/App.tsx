/**
 * The explorer's page: header (title, settings, help), the worker-death notice, the controls,
 * the topology with its inspector and the timeline beside the side pane (lesson and scenario
 * form; in presentation mode also the inspector and the kernel code, as tabs), the panels, and
 * the map-operation status line. The first screen ends where the status line starts.
 * It boots the simulation worker from the address bar's query and keeps the view settings
 * (theme, projector mode, calm motion) on the root element, where the CSS reads them.
 */
import { useEffect } from 'react';
import { useUi } from './store';
import { startWorker } from './workerClient';
import { bootFromLink } from './supervision/boot';
import { readViewState } from './url/viewState';
import { useLink } from './url/linkState';
import { useLinkSync } from './url/useLinkSync';
import { LinkNotice } from './LinkNotice';
import { ShareButton } from './ShareButton';
import { useKeyboard } from './useKeyboard';
import { Controls } from './Controls';
import { ErrorNotice } from './ErrorNotice';
import { Settings } from './Settings';
import { StatusLine } from './StatusLine';
import { Topology } from './topology/Topology';
import { Timeline } from './Timeline';
import { KernelCodePanel, LifecyclePanel, MapOpsPanel, StatsPanel, TraceLog } from './panels/deferredPanels';
import { CompareButton, EmbedCode, HelpOverlay } from './deferredParts';
import { EmbedView } from './EmbedView';
import { SidePane } from './SidePane';
import { useFirstScreen } from './useFirstScreen';
import { useNarrowWindow } from './useNarrowWindow';
import { Welcome } from './orient/deferredOrient';
import { LessonPicker } from './lessons/LessonPicker';
import { useLessonRunner } from './lessons/useLessonRunner';
import { useLessonContent } from './lessons/lessonLibrary';
import { ComparePage } from './compare/deferredComparePage';
import { SweepButton, SweepSlot } from './sweep/deferredSweep';

/**
 * The whole page; only the topology and the controls in an iframe (`embed=1`); or two runs side
 * by side (`compare`).
 */
export function App() {
  const comparing = useLink((s) => s.modes.compare !== null);
  useBoot();
  useLinkSync();
  useViewSettings();
  useKeyboard();
  const embed = useLink((s) => s.modes.embed);
  useLessonContent(useLink((s) => s.modes.lesson));
  // A link with `compare`: two runs side by side, with their own workers and controls.
  if (comparing) return <ComparePage />;
  return embed ? <EmbedView /> : <FullPage />;
}

function FullPage() {
  useLessonRunner();
  useFirstScreen();
  // Presentation mode moves the inspector and the kernel code into the side pane's tabs.
  const present = useLink((s) => s.modes.present);
  const loaded = useUi((s) => s.topology !== null);
  const narrow = useNarrowWindow();
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          cpumap-scope <span className="subtitle">the BPF cpumap, frame by frame</span>
        </h1>
        <LessonPicker />
        <ShareButton ready={loaded} />
        <CompareButton />
        <EmbedCode />
        <SweepButton />
        <Settings />
        <HelpOverlay />
      </header>
      <LinkNotice />
      <ErrorNotice />
      {/* One column: the side pane is under the topology, so a first visit's welcome comes first. */}
      {narrow && <Welcome />}
      <Controls />
      <main className="app-main">
        <div className="topology-area">
          <Topology inspector={!present} />
          <Timeline />
        </div>
        <SidePane />
      </main>
      <section className="panels" aria-label="Panels">
        <SweepSlot />
        <MapOpsPanel />
        <LifecyclePanel />
        <StatsPanel />
        <TraceLog />
        {present ? null : <KernelCodePanel />}
      </section>
      <StatusLine />
    </div>
  );
}

/**
 * Starts the worker on the address bar's scenario (the default scenario when there is none),
 * playing at a speed where frames visibly move, unless the URL says otherwise.
 */
function useBoot(): void {
  useEffect(() => {
    const query = location.search.replace(/^\?/, '');
    // A shared link's view state; junk in it is named in the link notice and ignored.
    const { view, problems } = readViewState(query);
    useLink.getState().boot(problems, view.sel, view.theme, {
      lesson: view.lesson,
      step: view.step,
      embed: view.embed,
      present: view.present,
      compare: view.compare,
      sweep: view.sweep,
    });
    const theme = view.theme;
    if (theme !== null) useUi.setState({ theme });
    else if (matchMedia('(prefers-color-scheme: dark)').matches) useUi.setState({ theme: 'dark' });
    // Side by side, each run has its own worker (ComparePage).
    if (view.compare !== null) return undefined;
    return startWorker(bootFromLink(query).boot);
  }, []);
}

/**
 * Mirrors the view settings onto <html> and follows the system's prefers-reduced-motion.
 * Presentation mode is the projector's large type plus high contrast (the canvas follows the
 * store's projector flag).
 */
function useViewSettings(): void {
  const theme = useUi((s) => s.theme);
  const projector = useUi((s) => s.projector);
  const calm = useUi((s) => s.reducedMotion);
  const present = useLink((s) => s.modes.present);
  const embed = useLink((s) => s.modes.embed);
  const setSystemReducedMotion = useUi((s) => s.setSystemReducedMotion);

  useEffect(() => {
    useUi.setState({ projector: present });
  }, [present]);

  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.dataset.projector = projector ? 'on' : 'off';
    root.dataset.present = present ? 'on' : 'off';
    root.dataset.embed = embed ? 'on' : 'off';
    root.dataset.motion = calm ? 'calm' : 'full';
  }, [theme, projector, present, embed, calm]);

  useEffect(() => {
    const mq = matchMedia('(prefers-reduced-motion: reduce)');
    setSystemReducedMotion(mq.matches);
    const onChange = (e: MediaQueryListEvent) => setSystemReducedMotion(e.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, [setSystemReducedMotion]);
}
